import type { SiteUrls } from './urls.ts';

/** One published version of a story, as hreflang needs it. */
export interface VersionRef {
  id: number;
  language: string;
  slug: string;
  sectionSlug: string | null;
  /** The version this one was translated from, when that is on this site. */
  translationOfId: number | null;
}

export interface Alternate {
  hreflang: string;
  href: string;
}

/**
 * The hreflang alternates of one version of a story, computed from the whole translation group so that
 * every version names the same set — search engines ignore alternates that do not point back.
 *
 * - Only configured languages count (a version in a language the site no longer publishes has no page).
 * - One version per language: if a group holds two (an editor's slip), the older one represents the
 *   language and the newer one gets no alternates, rather than a one-sided pair.
 * - `x-default` is the default language's version; when there is none, the original the others were
 *   translated from, else the oldest version.
 * - A story alone in its language set has no alternates at all.
 */
export function translationAlternates(
  self: VersionRef,
  others: readonly VersionRef[],
  options: { languages: readonly string[]; defaultLanguage: string; urls: SiteUrls },
): Alternate[] {
  const byLanguage = new Map<string, VersionRef>();
  for (const version of [self, ...others].sort((a, b) => a.id - b.id)) {
    if (!options.languages.includes(version.language)) continue;
    if (!byLanguage.has(version.language)) byLanguage.set(version.language, version);
  }
  if (byLanguage.get(self.language)?.id !== self.id || byLanguage.size < 2) return [];
  const chosen = [...byLanguage.values()];
  const ids = new Set(chosen.map((v) => v.id));
  const fallback =
    byLanguage.get(options.defaultLanguage) ??
    chosen.find((v) => v.translationOfId === null || !ids.has(v.translationOfId)) ??
    chosen[0]!;
  const href = (v: VersionRef) =>
    options.urls.absolute(options.urls.article(v.language, v.sectionSlug, v.slug));
  return [
    ...options.languages.flatMap((code) => {
      const version = byLanguage.get(code);
      return version ? [{ hreflang: code, href: href(version) }] : [];
    }),
    { hreflang: 'x-default', href: href(fallback) },
  ];
}
