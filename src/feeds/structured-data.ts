import type { Article, ArticleCorrection, Author, Provenance, Section } from '../content/types.ts';
import type { SiteUrls } from '../content/urls.ts';
import { type Block, blocksToPlainText } from '../richtext/index.ts';

/** The publisher as search engines see it: a news organization with a logo of known size. */
export interface PublisherIdentity {
  name: string;
  /** The home page of the language the page is in. */
  url: string;
  logo: { url: string; width: number | null; height: number | null };
}

/** An image of the story: the lead image, another crop of it, or a picture from the body. */
export interface ImageInput {
  url: string;
  width: number | null;
  height: number | null;
  caption?: string | null;
  credit?: string | null;
}

/** Another version of the story on this site (a translation, or the original it translates). */
export interface WorkVersion {
  url: string;
  language: string;
  headline: string;
}

export interface NewsArticleContext {
  urls: SiteUrls;
  publisher: PublisherIdentity;
  /** The section path from the top of the tree, e.g. [World, Asia]. */
  trail: readonly Section[];
  /**
   * Other crops of the lead image (1:1, 4:3, 16:9 — what Google asks for), when the media library made
   * them; the lead image itself and the body's pictures are always included.
   */
  renditions?: readonly ImageInput[];
  /** The original on this site that this story translates. */
  translationOf?: WorkVersion | null;
  /** Translations on this site that were made from this story. */
  translations?: readonly WorkVersion[];
}

type Json = Record<string, unknown>;

/** Words of the story's text (pictures' captions and alt text not counted). */
export function wordCount(body: readonly Block[]): number {
  let count = wordCounts.get(body);
  if (count === undefined) {
    const text = blocksToPlainText(body.filter((block) => block.type !== 'image'));
    count = text.split(/\s+/).filter(Boolean).length;
    wordCounts.set(body, count);
  }
  return count;
}

/** A page asks twice (reading time, JSON-LD), and a cached story's body is the same array each time. */
const wordCounts = new WeakMap<readonly Block[], number>();

function compact<T extends Json>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(
      ([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0),
    ),
  ) as T;
}

export function imageObject(image: ImageInput, urls: SiteUrls): Json {
  return compact({
    '@type': 'ImageObject',
    url: urls.absolute(image.url),
    contentUrl: urls.absolute(image.url),
    width: image.width ?? undefined,
    height: image.height ?? undefined,
    caption: image.caption ?? undefined,
    creditText: image.credit ?? undefined,
  });
}

export function publisherJsonLd(publisher: PublisherIdentity): Json {
  return {
    '@type': 'NewsMediaOrganization',
    '@id': `${publisher.url}#publisher`,
    name: publisher.name,
    url: publisher.url,
    logo: compact({
      '@type': 'ImageObject',
      url: publisher.logo.url,
      width: publisher.logo.width ?? undefined,
      height: publisher.logo.height ?? undefined,
    }),
  };
}

/** An author as a schema.org Person, with their page on this site and what else we know. */
export function personJsonLd(author: Author, language: string, urls: SiteUrls): Json {
  return compact({
    '@type': 'Person',
    name: author.name,
    url: urls.absolute(urls.author(language, author.slug)),
    jobTitle: author.jobTitle ?? undefined,
    image: author.avatarUrl ? urls.absolute(author.avatarUrl) : undefined,
    sameAs: author.websiteUrl ? [author.websiteUrl] : undefined,
  });
}

/** The story this one was made from elsewhere: the original, with its author, outlet and basis. */
function originalWork(source: Provenance): Json | undefined {
  if (!(source.originalTitle || source.originalUrl || source.outlet)) return undefined;
  return compact({
    '@type': 'NewsArticle',
    name: source.originalTitle ?? undefined,
    headline: source.originalTitle ?? undefined,
    url: source.originalUrl ?? undefined,
    inLanguage: source.originalLanguage ?? undefined,
    datePublished: source.originalPublishedAt ?? undefined,
    author: source.originalAuthor ? { '@type': 'Person', name: source.originalAuthor } : undefined,
    publisher: source.outlet
      ? compact({ '@type': 'NewsMediaOrganization', name: source.outlet, url: source.outletUrl ?? undefined })
      : undefined,
    isBasedOn: source.basedOn
      ? compact({
          '@type': 'CreativeWork',
          name: `Analysis by ${source.basedOn}`,
          url: source.basedOnUrl ?? undefined,
          publisher: { '@type': 'NewsMediaOrganization', name: source.basedOn },
        })
      : undefined,
  });
}

function versionJsonLd(version: WorkVersion): Json {
  return {
    '@type': 'NewsArticle',
    '@id': `${version.url}#article`,
    url: version.url,
    headline: version.headline,
    inLanguage: version.language,
  };
}

function correctionJsonLd(correction: ArticleCorrection): Json {
  return { '@type': 'CorrectionComment', text: correction.text, datePublished: correction.publishedAt };
}

/** The lead image first, then its other crops, then the pictures in the body; each address once. */
function storyImages(article: Article, context: NewsArticleContext): ImageInput[] {
  const lead = article.leadImage;
  const body = article.body.flatMap((block) =>
    block.type === 'image'
      ? [
          {
            url: block.src,
            width: block.width ?? null,
            height: block.height ?? null,
            caption: block.caption,
            credit: block.credit,
          },
        ]
      : [],
  );
  const all = [
    ...(lead
      ? [
          {
            url: lead.url,
            width: lead.width,
            height: lead.height,
            caption: lead.caption,
            credit: lead.credit,
          },
        ]
      : []),
    ...(context.renditions ?? []),
    ...body,
  ];
  const seen = new Set<string>();
  return all.filter((image) => {
    const key = context.urls.absolute(image.url);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * schema.org NewsArticle with every property Google and others recommend: headline, description,
 * images (several crops where the media library has them), dates, authors as Persons with their pages,
 * the publisher with its logo, mainEntityOfPage, section, keywords, language, word count, the chain
 * of credit (`isBasedOn`, `translationOfWork`, `translator`), translations made on this site
 * (`workTranslation`) and corrections (`correction`).
 */
export function newsArticleJsonLd(article: Article, context: NewsArticleContext): Json {
  const { urls } = context;
  const url = urls.absolute(urls.article(article.language, article.section?.slug, article.slug));
  const source = article.source;
  const original = source ? originalWork(source) : undefined;
  const translatedFromElsewhere = Boolean(
    source?.originalLanguage && source.originalLanguage !== article.language,
  );
  const images = storyImages(article, context).map((image) => imageObject(image, urls));
  const leaf = context.trail.at(-1) ?? article.section;
  const words = wordCount(article.body);
  return compact({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': `${url}#article`,
    headline: article.title,
    alternativeHeadline:
      article.seoTitle && article.seoTitle !== article.title ? article.seoTitle : undefined,
    description: article.seoDescription ?? article.dek ?? article.excerpt,
    url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    image: images,
    thumbnailUrl: article.leadImage ? urls.absolute(article.leadImage.url) : undefined,
    datePublished: article.publishedAt ?? undefined,
    dateModified: article.revisedAt ?? article.publishedAt ?? undefined,
    author: article.authors.map((a) => personJsonLd(a, article.language, urls)),
    publisher: publisherJsonLd(context.publisher),
    articleSection: leaf?.name,
    keywords: article.tags.length ? article.tags.map((t) => t.name).join(', ') : undefined,
    inLanguage: article.language,
    wordCount: words || undefined,
    isAccessibleForFree: true,
    isBasedOn: original,
    translationOfWork: context.translationOf
      ? versionJsonLd(context.translationOf)
      : translatedFromElsewhere
        ? original
        : undefined,
    translator:
      translatedFromElsewhere && source?.translator
        ? { '@type': 'Person', name: source.translator }
        : undefined,
    workTranslation: context.translations?.map(versionJsonLd),
    correction: article.corrections?.filter((c) => c.kind === 'correction').map(correctionJsonLd),
  });
}

/** schema.org BreadcrumbList from a list of named links (the last one being the page itself). */
export function breadcrumbJsonLd(items: ReadonlyArray<{ name: string; url: string }>): Json {
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

/** The publisher on the home page, so search engines know whose site this is and what its logo is. */
export function organizationJsonLd(publisher: PublisherIdentity): Json {
  return { '@context': 'https://schema.org', ...publisherJsonLd(publisher) };
}
