import type { Article, Section } from '../content/types.ts';
import type { SiteUrls } from '../content/urls.ts';

export interface SiteIdentity {
  name: string;
  url: string;
  logoUrl: string;
}

/**
 * schema.org NewsArticle for an article page: headline, authors as Persons with their pages, dates,
 * image, publisher, section, keywords, language, and the chain of credit (`isBasedOn`,
 * `translationOfWork`) for stories that began elsewhere.
 */
export function newsArticleJsonLd(article: Article, urls: SiteUrls, site: SiteIdentity, trail: Section[]) {
  const url = urls.absolute(urls.article(article.language, article.section?.slug, article.slug));
  const source = article.source;
  const original =
    source && (source.originalTitle || source.originalUrl || source.outlet)
      ? compact({
          '@type': 'NewsArticle',
          name: source.originalTitle ?? undefined,
          headline: source.originalTitle ?? undefined,
          url: source.originalUrl ?? undefined,
          inLanguage: source.originalLanguage ?? undefined,
          datePublished: source.originalPublishedAt ?? undefined,
          author: source.originalAuthor ? { '@type': 'Person', name: source.originalAuthor } : undefined,
          publisher: source.outlet
            ? compact({
                '@type': 'NewsMediaOrganization',
                name: source.outlet,
                url: source.outletUrl ?? undefined,
              })
            : undefined,
          isBasedOn: source.basedOn
            ? compact({
                '@type': 'CreativeWork',
                name: `Analysis by ${source.basedOn}`,
                url: source.basedOnUrl ?? undefined,
                publisher: { '@type': 'NewsMediaOrganization', name: source.basedOn },
              })
            : undefined,
        })
      : undefined;
  const translated = Boolean(source?.originalLanguage && source.originalLanguage !== article.language);
  return compact({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    description: article.dek ?? article.excerpt,
    url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    image: article.leadImage ? [urls.absolute(article.leadImage.url)] : undefined,
    datePublished: article.publishedAt ?? undefined,
    dateModified: article.revisedAt ?? article.publishedAt ?? undefined,
    author: article.authors.map((a) => ({
      '@type': 'Person',
      name: a.name,
      url: urls.absolute(urls.author(article.language, a.slug)),
    })),
    publisher: {
      '@type': 'NewsMediaOrganization',
      name: site.name,
      url: site.url,
      logo: { '@type': 'ImageObject', url: site.logoUrl },
    },
    articleSection: trail.length ? trail.map((s) => s.name).join(' › ') : undefined,
    keywords: article.tags.length ? article.tags.map((t) => t.name).join(', ') : undefined,
    inLanguage: article.language,
    isBasedOn: original,
    translationOfWork: translated ? original : undefined,
    translator: translated && source?.translator ? { '@type': 'Person', name: source.translator } : undefined,
  });
}

/** schema.org BreadcrumbList from a list of named links (the last one being the page itself). */
export function breadcrumbJsonLd(items: ReadonlyArray<{ name: string; url: string }>) {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: items.map((item, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: item.name,
      item: item.url,
    })),
  };
}

function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
