import type { Article } from '../../content/types.ts';
import type { SiteUrls } from '../../content/urls.ts';

/** The public JSON shape of an article: what the API promises to keep stable. */
export function articleJson(article: Article, urls: SiteUrls) {
  const lang = article.language;
  return {
    id: article.id,
    slug: article.slug,
    language: lang,
    url: urls.absolute(urls.article(lang, article.section?.slug, article.slug)),
    title: article.title,
    dek: article.dek,
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
    tags: article.tags.map((t) => ({
      name: t.name,
      slug: t.slug,
      url: urls.absolute(urls.tag(lang, t.slug)),
    })),
    publishedAt: article.publishedAt,
    updatedAt: article.revisedAt,
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
    body: article.body,
  };
}
