/**
 * The site's public address scheme, in one place. The default language lives at `/`, the others under
 * `/<lang>/`. Articles live under their section's slug (`/world/<slug>`); sections at `/<slug>`, which is
 * why section slugs are unique across the tree and may not take a reserved word (taxonomy.service.ts).
 */
export interface SiteUrls {
  readonly siteUrl: string;
  home(lang: string): string;
  section(lang: string, sectionSlug: string): string;
  article(lang: string, sectionSlug: string | null | undefined, slug: string): string;
  author(lang: string, slug: string): string;
  tag(lang: string, slug: string): string;
  search(lang: string): string;
  /** A listing page's feed in one format: `/feed.xml` for `/`, `/uk/world/feed.atom` for `/uk/world`. */
  feed(pagePath: string, format: FeedFormat): string;
  /** Makes a site path absolute (`/world` → `https://news.example.com/world`); absolute URLs pass through. */
  absolute(pathOrUrl: string): string;
}

export type FeedFormat = 'rss' | 'atom' | 'json';
export const FEED_FILE_NAMES: Record<FeedFormat, string> = {
  rss: 'feed.xml',
  atom: 'feed.atom',
  json: 'feed.json',
};

export function createSiteUrls(siteUrl: string, defaultLanguage: string): SiteUrls {
  const prefix = (lang: string) => (lang === defaultLanguage ? '' : `/${lang}`);
  const enc = encodeURIComponent;
  return {
    siteUrl,
    home: (lang) => `${prefix(lang)}/`,
    section: (lang, sectionSlug) => `${prefix(lang)}/${enc(sectionSlug)}`,
    article: (lang, sectionSlug, slug) =>
      `${prefix(lang)}/${sectionSlug ? enc(sectionSlug) : 'article'}/${enc(slug)}`,
    author: (lang, slug) => `${prefix(lang)}/author/${enc(slug)}`,
    tag: (lang, slug) => `${prefix(lang)}/tag/${enc(slug)}`,
    search: (lang) => `${prefix(lang)}/search`,
    feed: (pagePath, format) => `${pagePath.replace(/\/+$/, '')}/${FEED_FILE_NAMES[format]}`,
    absolute: (pathOrUrl) => (/^https?:\/\//.test(pathOrUrl) ? pathOrUrl : `${siteUrl}${pathOrUrl}`),
  };
}
