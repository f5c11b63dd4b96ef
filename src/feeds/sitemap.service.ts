import { sectionSubtreeIds } from '../content/taxonomy.service.ts';
import { translationAlternates } from '../content/translation-alternates.ts';
import type { TaxonomyService } from '../content/taxonomy.service.ts';
import type { SiteUrls } from '../content/urls.ts';
import type { Db } from '../db/database.ts';
import type { Clock } from '../shared/clock.ts';
import {
  articleRanges,
  articlesInRange,
  authorsWithStories,
  lastmodBySection,
  newestChange,
  publishedSince,
  tagsWithStories,
  translationsInRange,
} from './sitemap.repository.ts';
import {
  renderNewsSitemap,
  renderSitemapIndex,
  renderUrlset,
  type SitemapRef,
  type SitemapUrl,
} from './sitemap-xml.ts';

/**
 * URLs per sitemap file. The protocol allows 50,000; we stay well below it because every page is built
 * on request and its hreflang alternates multiply its size — 10,000 keeps each file a few megabytes.
 */
export const URLS_PER_SITEMAP = 10_000;
/** Google News: stories from the last two days, at most 1,000 per sitemap. */
export const NEWS_WINDOW_MS = 48 * 60 * 60 * 1000;
export const NEWS_MAX_URLS = 1_000;

export type SitemapKind = 'pages' | 'articles';

export type SitemapService = ReturnType<typeof createSitemapService>;

function newest(values: Iterable<string | null | undefined>): string | null {
  let result: string | null = null;
  for (const value of values) if (value && (result === null || value > result)) result = value;
  return result;
}

/**
 * The sitemap index, its paginated sitemaps (the listing pages — home, sections, authors, tags — and
 * the stories, each with `lastmod`, hreflang alternates and lead image), the Google News sitemap and
 * robots.txt. Each language's sitemaps live under its own prefix, as the protocol requires.
 */
export function createSitemapService(deps: {
  db: Db;
  taxonomy: TaxonomyService;
  urls: SiteUrls;
  languages: readonly string[];
  defaultLanguage: string;
  siteName: string;
  clock: Clock;
  urlsPerSitemap?: number;
}) {
  const { db, urls } = deps;
  const perSitemap = deps.urlsPerSitemap ?? URLS_PER_SITEMAP;

  const paths = {
    /** `/sitemap.xml` (every language) or `/uk/sitemap.xml` (Ukrainian only). */
    index: (lang: string) => `${urls.home(lang)}sitemap.xml`,
    news: (lang: string) => `${urls.home(lang)}news-sitemap.xml`,
    leaf: (lang: string, kind: SitemapKind, page: number) => `${urls.home(lang)}sitemaps/${kind}-${page}.xml`,
  };

  /** Home, sections, authors and tags that have stories in the language, with their newest change. */
  async function listingUrls(lang: string): Promise<SitemapUrl[]> {
    const [sections, home, bySection, authors, tags] = await Promise.all([
      deps.taxonomy.listSections(),
      newestChange(db, lang),
      lastmodBySection(db, lang),
      authorsWithStories(db, lang),
      tagsWithStories(db, lang),
    ]);
    const entries: SitemapUrl[] = [];
    if (home) entries.push({ loc: urls.absolute(urls.home(lang)), lastmod: home });
    for (const section of sections) {
      // A section page lists its subsections' stories too.
      const lastmod = newest(sectionSubtreeIds(sections, section.id).map((id) => bySection.get(id)));
      if (lastmod) entries.push({ loc: urls.absolute(urls.section(lang, section.slug)), lastmod });
    }
    for (const a of authors)
      entries.push({ loc: urls.absolute(urls.author(lang, a.slug)), lastmod: a.lastmod });
    for (const t of tags) entries.push({ loc: urls.absolute(urls.tag(lang, t.slug)), lastmod: t.lastmod });
    return entries;
  }

  async function sitemapsOf(lang: string): Promise<SitemapRef[]> {
    const refs: SitemapRef[] = [];
    const listings = await listingUrls(lang);
    for (let page = 1; (page - 1) * perSitemap < listings.length; page++) {
      const slice = listings.slice((page - 1) * perSitemap, page * perSitemap);
      refs.push({
        loc: urls.absolute(paths.leaf(lang, 'pages', page)),
        lastmod: newest(slice.map((u) => u.lastmod)),
      });
    }
    const ranges = await articleRanges(db, lang, perSitemap);
    for (const [index, range] of ranges.entries()) {
      refs.push({ loc: urls.absolute(paths.leaf(lang, 'articles', index + 1)), lastmod: range.lastmod });
    }
    return refs;
  }

  /** The languages a root or prefixed document covers: the root covers every language. */
  function scope(lang: string): readonly string[] {
    return lang === deps.defaultLanguage ? deps.languages : [lang];
  }

  return {
    paths,

    /** Slugs of the authors with at least one published story in the language (pages worth listing). */
    async authorSlugsWithStories(lang: string): Promise<Set<string>> {
      return new Set((await authorsWithStories(db, lang)).map((a) => a.slug));
    },

    /** The sitemap index under a language's prefix; at the root it names every language's sitemaps. */
    async index(lang: string): Promise<string> {
      const refs: SitemapRef[] = [];
      for (const code of scope(lang)) refs.push(...(await sitemapsOf(code)));
      return renderSitemapIndex(refs);
    },

    /** One page of a language's sitemaps, or undefined when there is no such page. */
    async sitemap(lang: string, kind: SitemapKind, page: number): Promise<string | undefined> {
      if (!Number.isSafeInteger(page) || page < 1) return undefined;
      if (kind === 'pages') {
        const slice = (await listingUrls(lang)).slice((page - 1) * perSitemap, page * perSitemap);
        return slice.length ? renderUrlset(slice) : undefined;
      }
      const range = (await articleRanges(db, lang, perSitemap))[page - 1];
      if (!range) return undefined;
      const [rows, translations] = await Promise.all([
        articlesInRange(db, lang, range),
        translationsInRange(db, lang, range),
      ]);
      const others = new Map<number, typeof translations>();
      for (const t of translations) others.set(t.articleId, [...(others.get(t.articleId) ?? []), t]);
      return renderUrlset(
        rows.map((row) => {
          const loc = urls.absolute(urls.article(lang, row.sectionSlug, row.slug));
          const alternates = translationAlternates(
            {
              id: row.id,
              language: lang,
              slug: row.slug,
              sectionSlug: row.sectionSlug,
              translationOfId: row.translationOfId,
            },
            others.get(row.id) ?? [],
            { languages: deps.languages, defaultLanguage: deps.defaultLanguage, urls },
          );
          return {
            loc,
            lastmod: row.lastmod,
            alternates,
            image: row.imageUrl ? { loc: urls.absolute(row.imageUrl) } : null,
          };
        }),
      );
    },

    /** Google News sitemap: stories first published in the last 48 hours, newest first, at most 1,000. */
    async news(lang: string): Promise<string> {
      const now = deps.clock.now();
      const rows = await publishedSince(
        db,
        scope(lang),
        new Date(now.getTime() - NEWS_WINDOW_MS).toISOString(),
        now.toISOString(),
        NEWS_MAX_URLS,
      );
      return renderNewsSitemap(
        rows.map((row) => ({
          loc: urls.absolute(urls.article(row.language, row.sectionSlug, row.slug)),
          publicationName: deps.siteName,
          language: row.language.toLowerCase(),
          publishedAt: row.publishedAt,
          title: row.title,
        })),
      );
    },

    /** robots.txt: everything readers see may be crawled; admin, search results and the API not. */
    robots(): string {
      const lines = ['# Newsdesk', 'User-agent: *', 'Allow: /'];
      for (const code of deps.languages) {
        const home = urls.home(code);
        // `$` and `?` keep a section such as /search-engines crawlable while /search?q=… is not.
        lines.push(`Disallow: ${home}search$`, `Disallow: ${home}search?`);
      }
      lines.push('Disallow: /admin$', 'Disallow: /admin/', 'Disallow: /api/', '');
      lines.push(`Sitemap: ${urls.absolute(paths.index(deps.defaultLanguage))}`);
      lines.push(`Sitemap: ${urls.absolute(paths.news(deps.defaultLanguage))}`);
      return `${lines.join('\n')}\n`;
    },
  };
}
