import type { Config } from '../config.ts';
import type { Translator } from './i18n.ts';

/**
 * The site's tagline in a language: what the newsroom configured for it (SITE_DESCRIPTION for the
 * default language, SITE_DESCRIPTION_<LANG> for the others), else the catalogue's (`site.tagline`), so a
 * Ukrainian page never carries an English masthead.
 */
export function siteDescriptionIn(
  config: Pick<Config, 'siteDescriptions'>,
  i18n: Pick<Translator, 'lang' | 't'>,
): string {
  return config.siteDescriptions[i18n.lang] ?? i18n.t('site.tagline');
}
