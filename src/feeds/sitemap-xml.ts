import { el, textEl, xmlDocument } from './xml.ts';

/** Documents of the sitemaps protocol (sitemaps.org 0.9) and Google's image and news extensions. */
const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

export interface SitemapRef {
  loc: string;
  lastmod: string | null;
}

export interface SitemapUrl {
  loc: string;
  lastmod: string | null;
  /** Other-language versions, including this one (hreflang rules ask for the page itself too). */
  alternates?: ReadonlyArray<{ hreflang: string; href: string }>;
  /** The lead image (Google image sitemaps; captions there are deprecated, so only its address). */
  image?: { loc: string } | null;
}

export interface NewsUrl {
  loc: string;
  publicationName: string;
  language: string;
  publishedAt: string;
  title: string;
}

export function renderSitemapIndex(sitemaps: readonly SitemapRef[]): string {
  return xmlDocument(
    el(
      'sitemapindex',
      { xmlns: SITEMAP_NS },
      ...sitemaps.map((s) => el('sitemap', {}, el('loc', {}, s.loc), textEl('lastmod', s.lastmod))),
    ),
  );
}

export function renderUrlset(urls: readonly SitemapUrl[]): string {
  return xmlDocument(
    el(
      'urlset',
      {
        xmlns: SITEMAP_NS,
        'xmlns:xhtml': 'http://www.w3.org/1999/xhtml',
        'xmlns:image': 'http://www.google.com/schemas/sitemap-image/1.1',
      },
      ...urls.map((u) =>
        el(
          'url',
          {},
          el('loc', {}, u.loc),
          textEl('lastmod', u.lastmod),
          ...(u.alternates ?? []).map((a) =>
            el('xhtml:link', { rel: 'alternate', hreflang: a.hreflang, href: a.href }),
          ),
          u.image && el('image:image', {}, el('image:loc', {}, u.image.loc)),
        ),
      ),
    ),
  );
}

/** A Google News sitemap: publication name and language, publication date and title per story. */
export function renderNewsSitemap(urls: readonly NewsUrl[]): string {
  return xmlDocument(
    el(
      'urlset',
      { xmlns: SITEMAP_NS, 'xmlns:news': 'http://www.google.com/schemas/sitemap-news/0.9' },
      ...urls.map((u) =>
        el(
          'url',
          {},
          el('loc', {}, u.loc),
          el(
            'news:news',
            {},
            el(
              'news:publication',
              {},
              el('news:name', {}, u.publicationName),
              el('news:language', {}, u.language),
            ),
            el('news:publication_date', {}, u.publishedAt),
            el('news:title', {}, u.title),
          ),
        ),
      ),
    ),
  );
}
