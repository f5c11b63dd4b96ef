import { cardKeys, surrogateKeys as sk } from '../cache/surrogate-keys.ts';
import type { PublishedFilter } from '../content/article.repository.ts';
import type { ArticleService } from '../content/article.service.ts';
import { sectionSubtreeIds } from '../content/taxonomy.service.ts';
import type { TaxonomyService } from '../content/taxonomy.service.ts';
import type { Article, LeadImage } from '../content/types.ts';
import type { FeedFormat, SiteUrls } from '../content/urls.ts';
import type { Translator } from '../i18n/i18n.ts';
import { siteDescriptionIn } from '../i18n/site-text.ts';
import type { Clock } from '../shared/clock.ts';
import { isSlug } from '../shared/slug.ts';
import { absoluteUrl, feedContentHtml } from './feed-content.ts';
import { type FeedChannel, type FeedImage, type FeedItem, imageType } from './feed-model.ts';

/** How many stories a feed carries: a day or two of a busy newsroom, each with its full text. */
export const FEED_SIZE = 20;

export type FeedScope =
  | { kind: 'site' }
  | { kind: 'section'; slug: string }
  | { kind: 'author'; slug: string }
  | { kind: 'tag'; slug: string };

export interface SiteIdentity {
  name: string;
  /** Taglines the newsroom configured, by language; others come from the catalogues (`site.tagline`). */
  descriptions: Readonly<Record<string, string>>;
  /** Site paths of the logo and the icon, made absolute here. */
  logoPath: string;
  iconPath: string;
}

export interface BuiltFeed {
  channel: FeedChannel;
  /** What the feed shows, for the page cache's purges: the listing's own keys and each story's. */
  surrogateKeys: string[];
}

export type FeedService = ReturnType<typeof createFeedService>;

/**
 * Feeds for the whole site and for each section, author and tag, in each language: what they are
 * called, which stories they carry (newest first, full text) and where everything lives.
 */
export function createFeedService(deps: {
  articles: ArticleService;
  taxonomy: TaxonomyService;
  urls: SiteUrls;
  translators: ReadonlyMap<string, Translator>;
  site: SiteIdentity;
  clock: Clock;
}) {
  const { articles, taxonomy, urls, site } = deps;

  /** The listing a feed follows: its page, filter, title, description and cache keys; undefined if unknown. */
  async function describe(lang: string, scope: FeedScope, i18n: Translator) {
    const { t } = i18n;
    const siteName = site.name;
    switch (scope.kind) {
      case 'site':
        return {
          pagePath: urls.home(lang),
          filter: { language: lang } satisfies PublishedFilter,
          title: t('feeds.siteTitle', { siteName }),
          description: siteDescriptionIn({ siteDescriptions: site.descriptions }, i18n),
          keys: ['home', sk.home(lang)],
        };
      case 'section': {
        if (!isSlug(scope.slug)) return undefined;
        const sections = await taxonomy.listSections(lang);
        const section = sections.find((s) => s.slug === scope.slug);
        if (!section) return undefined;
        const ids = sectionSubtreeIds(sections, section.id);
        return {
          pagePath: urls.section(lang, section.slug),
          filter: { language: lang, sectionIds: ids },
          title: t('feeds.sectionTitle', { siteName, section: section.name }),
          description:
            section.description ?? t('feeds.sectionDescription', { siteName, section: section.name }),
          keys: [sk.section(section.id), sk.sectionList(section.id)],
        };
      }
      case 'author': {
        const author = isSlug(scope.slug) ? await taxonomy.findAuthorBySlug(scope.slug, lang) : undefined;
        if (!author) return undefined;
        return {
          pagePath: urls.author(lang, author.slug),
          filter: { language: lang, authorId: author.id },
          title: t('feeds.authorTitle', { siteName, author: author.name }),
          description: t('feeds.authorDescription', { siteName, author: author.name }),
          keys: [sk.author(author.id), sk.authorList(author.id)],
        };
      }
      case 'tag': {
        const tag = isSlug(scope.slug) ? await taxonomy.findTagBySlug(scope.slug, lang) : undefined;
        if (!tag) return undefined;
        return {
          pagePath: urls.tag(lang, tag.slug),
          filter: { language: lang, tagId: tag.id },
          title: t('feeds.tagTitle', { siteName, tag: tag.name }),
          description: t('feeds.tagDescription', { siteName, tag: tag.name }),
          keys: [sk.tag(tag.id), sk.tagList(tag.id)],
        };
      }
    }
  }

  function image(lead: LeadImage, base: string): FeedImage {
    const url = absoluteUrl(lead.url, base);
    return {
      url,
      type: imageType(url),
      width: lead.width,
      height: lead.height,
      alt: lead.alt,
      credit: lead.credit,
    };
  }

  function item(article: Article, i18n: Translator): FeedItem {
    const url = urls.absolute(urls.article(article.language, article.section?.slug, article.slug));
    const published = article.publishedAt ?? article.createdAt;
    return {
      url,
      title: article.title,
      summary: article.dek ?? article.excerpt,
      contentHtml: feedContentHtml(article, url, i18n),
      published,
      modified: article.revisedAt ?? published,
      authors: article.authors.map((a) => ({
        name: a.name,
        url: urls.absolute(urls.author(article.language, a.slug)),
      })),
      categories: [...(article.section ? [article.section.name] : []), ...article.tags.map((t) => t.name)],
      image: article.leadImage ? image(article.leadImage, url) : null,
      language: article.language,
    };
  }

  function translatorFor(lang: string): Translator {
    const translator = deps.translators.get(lang);
    if (!translator) throw new Error(`No translator for the language “${lang}”.`);
    return translator;
  }

  return {
    /** The page a feed belongs to and that page's own feed addresses (for `<link rel="alternate">`). */
    feedPaths(pagePath: string): Record<FeedFormat, string> {
      return {
        rss: urls.feed(pagePath, 'rss'),
        atom: urls.feed(pagePath, 'atom'),
        json: urls.feed(pagePath, 'json'),
      };
    },

    /** A feed's content, or undefined when the section, author or tag does not exist. */
    async build(lang: string, scope: FeedScope): Promise<BuiltFeed | undefined> {
      const i18n = translatorFor(lang);
      const listing = await describe(lang, scope, i18n);
      if (!listing) return undefined;
      const stories = await articles.listPublishedArticles(listing.filter, { limit: FEED_SIZE });
      const items = stories.map((a) => item(a, i18n));
      const newest = items.reduce<string | undefined>(
        (latest, i) => (latest === undefined || i.modified > latest ? i.modified : latest),
        undefined,
      );
      // An empty feed still needs an `updated`; the start of today keeps its bytes stable all day.
      const today = `${deps.clock.now().toISOString().slice(0, 10)}T00:00:00.000Z`;
      const paths = this.feedPaths(listing.pagePath);
      return {
        channel: {
          title: listing.title,
          description: listing.description,
          homeUrl: urls.absolute(listing.pagePath),
          feedUrls: {
            rss: urls.absolute(paths.rss),
            atom: urls.absolute(paths.atom),
            json: urls.absolute(paths.json),
          },
          language: lang,
          updated: newest ?? today,
          siteName: site.name,
          siteUrl: urls.absolute(urls.home(lang)),
          logoUrl: urls.absolute(site.logoPath),
          iconUrl: urls.absolute(site.iconPath),
          items,
        },
        surrogateKeys: ['feed', ...listing.keys, ...stories.flatMap(cardKeys)],
      };
    },
  };
}
