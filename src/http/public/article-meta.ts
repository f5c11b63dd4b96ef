import type { Article, Section, TranslationLink } from '../../content/types.ts';
import { imageType } from '../../feeds/feed-model.ts';
import { commentFeedPath } from './comments.presenter.ts';
import {
  breadcrumbJsonLd,
  newsArticleJsonLd,
  wordCount,
  type WorkVersion,
} from '../../feeds/structured-data.ts';
import type { Link, PageMeta } from '../../views/models.ts';
import type { Presenter } from './presenters.ts';

/** Reading speed for the "Reading time" label: a common figure for adults reading news on screen. */
const WORDS_PER_MINUTE = 230;

/**
 * An article page's head: title and description, OpenGraph (`article:*` included) and Twitter card,
 * hreflang alternates, its section's feeds, and JSON-LD (NewsArticle and BreadcrumbList).
 */
export function articleMeta(
  present: Presenter,
  article: Article,
  page: {
    canonicalPath: string;
    trail: readonly Section[];
    breadcrumb: readonly Link[];
    translations: readonly TranslationLink[];
    alternates: ReadonlyArray<{ hreflang: string; href: string }>;
  },
): PageMeta {
  const { urls, config } = present.deps;
  const { t } = present.i18n;
  const lang = article.language;
  const version = (tr: TranslationLink): WorkVersion => ({
    url: urls.absolute(urls.article(tr.language, tr.sectionSlug, tr.slug)),
    language: tr.language,
    headline: tr.title,
  });
  const original = page.translations.find((tr) => tr.id === article.translationOfId);
  const image = article.leadImage;
  const minutes = Math.max(1, Math.round(wordCount(article.body) / WORDS_PER_MINUTE));
  return present.meta(page.canonicalPath, {
    title: `${article.seoTitle ?? article.title} — ${config.siteName}`,
    socialTitle: article.seoTitle ?? article.title,
    description: article.seoDescription ?? article.dek ?? article.excerpt,
    type: 'article',
    image: image
      ? {
          url: urls.absolute(image.url),
          width: image.width,
          height: image.height,
          alt: image.alt,
          type: imageType(image.url),
        }
      : undefined,
    alternates: page.alternates,
    feeds: [
      ...(article.section
        ? present.feedLinks(
            urls.section(lang, article.section.slug),
            t('feeds.sectionTitle', { siteName: config.siteName, section: article.section.name }),
          )
        : []),
      // The story's own comment feed.
      {
        title: t('comments.feedTitle', { title: article.title }),
        href: urls.absolute(commentFeedPath(page.canonicalPath)),
        type: 'application/rss+xml',
      },
    ],
    article: {
      publishedTime: article.publishedAt,
      modifiedTime: article.revisedAt ?? article.publishedAt,
      section: article.section?.name ?? null,
      authors: article.authors.map((a) => urls.absolute(urls.author(lang, a.slug))),
      tags: article.tags.map((tag) => tag.name),
    },
    twitterLabels: [
      ...(article.authors.length
        ? [{ label: t('feeds.social.writtenBy'), data: article.authors.map((a) => a.name).join(', ') }]
        : []),
      { label: t('feeds.social.readingTime'), data: t('feeds.social.minutes', { minutes }) },
    ],
    jsonLd: [
      newsArticleJsonLd(article, {
        urls,
        publisher: present.publisher(),
        trail: page.trail,
        translationOf: original ? version(original) : null,
        translations: page.translations.filter((tr) => tr.translationOfId === article.id).map(version),
      }),
      breadcrumbJsonLd([
        ...page.breadcrumb.map((b) => ({ name: b.label, url: urls.absolute(b.href) })),
        { name: article.title, url: urls.absolute(page.canonicalPath) },
      ]),
    ],
  });
}
