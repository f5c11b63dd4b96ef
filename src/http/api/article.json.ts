import type { Article, ArticleSummary, Author, Section, Tag } from '../../content/types.ts';
import { FEED_FILE_NAMES, type FeedFormat, type SiteUrls } from '../../content/urls.ts';

/** The public JSON shape of a story in a list: what the API promises to keep stable. */
export function articleSummaryJson(article: ArticleSummary, urls: SiteUrls) {
  const lang = article.language;
  return {
    id: article.id,
    slug: article.slug,
    language: lang,
    url: urls.absolute(urls.article(lang, article.section?.slug, article.slug)),
    title: article.title,
    dek: article.dek,
    excerpt: article.excerpt,
    authors: article.authors.map((a) => ({
      name: a.name,
      slug: a.slug,
      url: urls.absolute(urls.author(lang, a.slug)),
    })),
    section: article.section
      ? {
          name: article.section.name,
          slug: article.section.slug,
          url: urls.absolute(urls.section(lang, article.section.slug)),
        }
      : null,
    publishedAt: article.publishedAt,
    updatedAt: article.revisedAt,
    leadImage: article.leadImage
      ? {
          url: urls.absolute(article.leadImage.url),
          alt: article.leadImage.alt,
          caption: article.leadImage.caption,
          credit: article.leadImage.credit,
          width: article.leadImage.width,
          height: article.leadImage.height,
        }
      : null,
  };
}

/** The public JSON shape of a whole article: the summary plus tags, provenance and the block body. */
export function articleJson(article: Article, urls: SiteUrls) {
  const lang = article.language;
  return {
    ...articleSummaryJson(article, urls),
    tags: article.tags.map((t) => ({
      name: t.name,
      slug: t.slug,
      url: urls.absolute(urls.tag(lang, t.slug)),
    })),
    provenance: article.source
      ? {
          outlet: article.source.outlet,
          outletUrl: article.source.outletUrl,
          originalUrl: article.source.originalUrl,
          originalTitle: article.source.originalTitle,
          originalAuthor: article.source.originalAuthor,
          originalLanguage: article.source.originalLanguage,
          originalPublishedAt: article.source.originalPublishedAt,
          basedOn: article.source.basedOn,
          basedOnUrl: article.source.basedOnUrl,
          translator: article.source.translator,
        }
      : null,
    body: article.body,
  };
}

function feedsOf(urls: SiteUrls, pagePath: string) {
  const feed = (format: FeedFormat) => urls.absolute(urls.feed(pagePath, format));
  return Object.fromEntries(
    (Object.keys(FEED_FILE_NAMES) as FeedFormat[]).map((f) => [f, feed(f)]),
  ) as Record<FeedFormat, string>;
}

/** A section as the API shows it, with where its page, feeds and stories are. */
export function sectionJson(section: Section, all: readonly Section[], lang: string, urls: SiteUrls) {
  const path = urls.section(lang, section.slug);
  return {
    id: section.id,
    slug: section.slug,
    name: section.name,
    description: section.description,
    parent: all.find((s) => s.id === section.parentId)?.slug ?? null,
    url: urls.absolute(path),
    feeds: feedsOf(urls, path),
    articles: urls.absolute(`/api/v1/articles?${new URLSearchParams({ lang, section: section.slug })}`),
  };
}

export function authorJson(author: Author, lang: string, urls: SiteUrls) {
  const path = urls.author(lang, author.slug);
  return {
    id: author.id,
    slug: author.slug,
    name: author.name,
    jobTitle: author.jobTitle,
    bio: author.bio,
    avatarUrl: author.avatarUrl ? urls.absolute(author.avatarUrl) : null,
    websiteUrl: author.websiteUrl,
    url: urls.absolute(path),
    feeds: feedsOf(urls, path),
    articles: urls.absolute(`/api/v1/articles?${new URLSearchParams({ lang, author: author.slug })}`),
  };
}

export function tagJson(tag: Tag, lang: string, urls: SiteUrls) {
  const path = urls.tag(lang, tag.slug);
  return {
    id: tag.id,
    slug: tag.slug,
    name: tag.name,
    url: urls.absolute(path),
    feeds: feedsOf(urls, path),
    articles: urls.absolute(`/api/v1/articles?${new URLSearchParams({ lang, tag: tag.slug })}`),
  };
}
