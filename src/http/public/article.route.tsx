import type { FastifyInstance } from 'fastify';
import { cardKeys, surrogateKeys as sk } from '../../cache/surrogate-keys.ts';
import { viewBeaconPath } from './view-beacon.route.ts';
import { sectionSubtreeIds, sectionTrail } from '../../content/taxonomy.service.ts';
import { translationAlternates } from '../../content/translation-alternates.ts';
import type { Article, Section } from '../../content/types.ts';
import { renderBlocks } from '../../richtext/index.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { isSlug } from '../../shared/slug.ts';
import { ArticlePage, type ArticlePageModel } from '../../views/pages/article.page.tsx';
import type { HttpDeps, LanguageScope } from '../context.ts';
import type { CommentsModel } from '../../views/components/comments.tsx';
import { articleMeta } from './article-meta.ts';
import { commenterCookie } from './commenter-cookie.ts';
import { commentsModel, commentsViewOf } from './comments.presenter.ts';
import { Presenter } from './presenters.ts';
import { relatedStories } from './related-stories.ts';
import { sendPage } from './reply.ts';

const MORE_IN = 5;

/**
 * Roughly what a value takes in memory, for the reader cache's bound: its JSON's length (V8 keeps
 * mostly-ASCII text at a byte a character; the cache adds a fixed cost per entry).
 */
function approximateSize(value: unknown): number {
  return JSON.stringify(value).length;
}

/** How wide a body image is shown: the reading column (`--measure`), or the whole phone screen. */
const BODY_IMAGE_SIZES = '(min-width: 46rem) 42rem, 100vw';

export async function articleRoutes(app: FastifyInstance, { lang, deps }: LanguageScope) {
  app.get<{ Params: { section: string; slug: string }; Querystring: Record<string, unknown> }>(
    '/:section/:slug',
    async (request, reply) => {
      const found = await findArticle(deps, lang, request.params);
      // The story moved to another section: send readers (and search engines) to where it lives now.
      if (found.moved) return reply.redirect(found.canonicalPath, 301);
      const { article, canonicalPath } = found;
      const commenterToken = await commenterCookie(request, reply, deps);
      const present = new Presenter(deps, lang);
      const sections = await deps.taxonomy.listSections(lang);
      const comments = await commentsModel(deps, article, canonicalPath, commentsViewOf(request.query), {
        commenterToken,
      });
      const page = await buildArticlePage(deps, present, article, sections, canonicalPath, comments);
      return sendPage(reply, page.context, <ArticlePage model={page.model} />, {
        surrogateKeys: page.surrogateKeys,
      });
    },
  );
}

/** The published story at `/:section/:slug`, or a 404 (`moved` when it lives under another section now). */
export async function findArticle(
  deps: HttpDeps,
  lang: string,
  params: { section: string; slug: string },
): Promise<{ article: Article; canonicalPath: string; moved: boolean }> {
  const { section: sectionSlug, slug } = params;
  if (!isSlug(slug) || !isSlug(sectionSlug)) throw new NotFoundError();
  const article = await deps.readerCache.remember(
    `published:${lang}:${slug}`,
    () => deps.articles.getPublished(lang, slug),
    (a) => [
      sk.article(a.id),
      // The comment count and the comments switch live on the story.
      sk.comments(a.id),
      ...(a.section ? [sk.section(a.section.id)] : []),
      ...a.authors.map((x) => sk.author(x.id)),
      ...a.tags.map((x) => sk.tag(x.id)),
    ],
    approximateSize,
  );
  if (!article)
    throw new NotFoundError('There is no story at this address. It may have been moved or taken down.').say(
      'error.noStory',
    );
  const canonicalPath = deps.urls.article(lang, article.section?.slug, article.slug);
  return { article, canonicalPath, moved: (article.section?.slug ?? 'article') !== sectionSlug };
}

/**
 * The section's latest stories but this one: the fallback of "You may also like". Kept in the reader
 * cache with the section list's key (a story published, moved or taken down in the section drops it)
 * and each card's keys, like the related list.
 */
async function sectionLatest(
  deps: HttpDeps,
  lang: string,
  sections: Section[],
  section: Section,
  excludeId: number,
) {
  return deps.readerCache.remember(
    `more-in:${lang}:${section.id}:${excludeId}`,
    () =>
      deps.articles.listPublished(
        { language: lang, sectionIds: sectionSubtreeIds(sections, section.id), excludeIds: [excludeId] },
        { limit: MORE_IN },
      ),
    (stories) => [sk.sectionList(section.id), ...stories.flatMap(cardKeys)],
    approximateSize,
  );
}

/** The reader's article page for an article (also the editor's preview, which shows it unpublished). */
export async function buildArticlePage(
  deps: HttpDeps,
  present: Presenter,
  article: Article,
  sections: Section[],
  canonicalPath: string,
  comments: CommentsModel,
) {
  const { urls, config } = deps;
  const lang = article.language;
  const { t } = present.i18n;
  const trail = article.section ? sectionTrail(sections, article.section) : [];
  const translations = await deps.articles.publishedTranslations(article);
  const related = await deps.readerCache.remember(
    `related:${article.id}`,
    () => relatedStories(deps, article),
    (r) => r.surrogateKeys,
    approximateSize,
  );
  // The section's latest stories are the honest fallback while the engine has no picks for this one.
  const moreSection = trail[0] ?? article.section;
  const more =
    related.stories.length === 0 && moreSection
      ? await sectionLatest(deps, lang, sections, moreSection, article.id)
      : [];
  const mostRead = (await deps.readership.mostRead(lang)).filter((a) => a.id !== article.id);

  // Readers may follow any published translation in a language the site publishes; the oldest wins if
  // a group holds two in one language (the same choice hreflang makes).
  const readable = translations
    .filter((tr) => config.languages.includes(tr.language) && tr.language !== lang)
    .sort((a, b) => a.id - b.id)
    .filter((tr, index, all) => all.findIndex((x) => x.language === tr.language) === index);
  const translationHref = (code: string) => {
    const tr = readable.find((x) => x.language === code);
    return tr ? urls.article(code, tr.sectionSlug, tr.slug) : undefined;
  };
  const alternates = translationAlternates(
    {
      id: article.id,
      language: lang,
      slug: article.slug,
      sectionSlug: article.section?.slug ?? null,
      translationOfId: article.translationOfId,
    },
    translations,
    { languages: config.languages, defaultLanguage: config.defaultLanguage, urls },
  );

  const breadcrumb = [
    { label: t('site.home'), href: urls.home(lang) },
    ...trail.map((s) => present.sectionLink(s)),
  ];
  const image = article.leadImage;
  // A translation made here credits and links its original when readers can open it.
  const original = translations.find((tr) => tr.id === article.translationOfId);
  const model: ArticlePageModel = {
    // The head (OpenGraph, JSON-LD, feeds) is a function of this version of the story, its sections,
    // people, tags and translations: kept with their keys, so a change to any of them drops it.
    meta: await deps.readerCache.remember(
      `meta:${article.id}:${article.version}:${translations.map((tr) => tr.id).join(',')}`,
      async () => {
        const meta = articleMeta(present, article, {
          canonicalPath,
          trail,
          breadcrumb,
          translations,
          alternates,
        });
        // Frozen, so the layout may keep its JSON-LD encoded (views/trusted-html.tsx, JsonLd).
        for (const data of meta.jsonLd) Object.freeze(data);
        return meta;
      },
      () => [
        sk.site,
        sk.article(article.id),
        ...trail.map((s) => sk.section(s.id)),
        ...article.authors.map((a) => sk.author(a.id)),
        ...article.tags.map((tag) => sk.tag(tag.id)),
        ...translations.map((tr) => sk.article(tr.id)),
      ],
      approximateSize,
    ),
    title: article.title,
    dek: article.dek,
    trail: breadcrumb,
    section: article.section ? present.sectionLink(article.section) : null,
    authors: article.authors.map((a) => ({ label: a.name, href: urls.author(lang, a.slug) })),
    publishedAt: article.publishedAt,
    revisedAt: article.revisedAt,
    provenance: present.provenance(
      article.source,
      lang,
      original
        ? {
            language: original.language,
            href: urls.article(original.language, original.sectionSlug, original.slug),
          }
        : null,
    ),
    leadImage: image ? present.image(image) : null,
    body: await deps.readerCache.remember(
      // The body of this version, with or without a lead image above it (what `eagerBlocks` follows).
      `body:${article.id}:${article.version}:${image ? 1 : 0}`,
      async () =>
        renderBlocks(article.body, {
          resolveImage: (block) => {
            const responsive = deps.media.responsive(block.src);
            return responsive && { ...responsive, sizes: BODY_IMAGE_SIZES };
          },
          // Below a lead image every body image is below the fold.
          ...(image ? { eagerBlocks: 0 } : {}),
        }),
      () => [sk.article(article.id)],
      (html) => html.length,
    ),
    corrections: (article.corrections ?? []).map((c) => ({
      label: t(c.kind === 'correction' ? 'editor.correction.label' : 'editor.update.label'),
      text: c.text,
      at: c.publishedAt,
    })),
    tags: article.tags.map((tag) => ({ label: tag.name, href: urls.tag(lang, tag.slug) })),
    translations: readable.map((tr) => ({
      lang: tr.language,
      label: present.i18n.nativeLanguageName(tr.language),
      href: urls.article(tr.language, tr.sectionSlug, tr.slug),
    })),
    moreIn: related.stories.length
      ? { kind: 'related', heading: t('related.heading'), cards: related.stories.map((a) => present.card(a)) }
      : moreSection && more.length
        ? {
            kind: 'section',
            heading: t('article.moreIn', { section: moreSection.name }),
            cards: more.map((a) => present.card(a)),
          }
        : null,
    comments,
    mostRead: mostRead.map((a) => present.card(a)),
    viewBeacon: { src: deps.assets.viewBeacon, href: viewBeaconPath(article.id) },
  };
  const context = present.context({
    sections,
    currentSectionIds: trail.map((s) => s.id),
    languageHrefs: new Map(
      config.languages.map((code) => [
        code,
        code === lang ? canonicalPath : (translationHref(code) ?? urls.home(code)),
      ]),
    ),
  });
  const surrogateKeys = [
    sk.article(article.id),
    sk.comments(article.id),
    ...trail.map((s) => sk.section(s.id)),
    ...article.authors.map((a) => sk.author(a.id)),
    ...article.tags.map((tag) => sk.tag(tag.id)),
    // The language switcher links the translations.
    ...translations.map((tr) => sk.article(tr.id)),
    ...(moreSection ? [sk.sectionList(moreSection.id)] : []),
    ...more.flatMap(cardKeys),
    ...related.surrogateKeys,
    sk.mostRead(lang),
    ...mostRead.flatMap(cardKeys),
  ];
  return { model, context, surrogateKeys };
}
