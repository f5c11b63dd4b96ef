import type { Db, Tx } from '../db/database.ts';
import type { Block } from '../richtext/index.ts';
import { blocksToPlainText, checkBody } from '../richtext/index.ts';
import type { Clock } from '../shared/clock.ts';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.ts';
import type { EventBus } from '../shared/events.ts';
import { slugify } from '../shared/slug.ts';
import { truncateWords } from '../shared/text.ts';
import { type ArticleInput, articleInput, type ValidArticleInput } from './article.input.ts';
import { toArticle, toSummary } from './article.mapper.ts';
import {
  type ArticleRow,
  countPublished,
  countPublishedByLanguage,
  findArticle,
  findSource,
  insertArticle,
  listPublished,
  listPublishedAfter,
  listPublishedWithBody,
  listTranslations,
  type KeysetPosition,
  type PublishedFilter,
  type PublishedRange,
  replaceArticleAuthors,
  replaceArticleTags,
  replaceSource,
  slugTaken,
  sourcesByArticle,
  updateArticleIfVersion,
} from './article.repository.ts';
import { authorsByArticle } from './author.repository.ts';
import { correctionsByArticle } from './correction.repository.ts';
import type { SectionCache } from './section-cache.ts';
import { ensureTags, tagsByArticle } from './tag.repository.ts';
import type { Article, ArticleStatus, ArticleSummary, Section, TranslationLink } from './types.ts';

export interface ArticleServiceDeps {
  db: Db;
  clock: Clock;
  events: EventBus;
  sectionCache: SectionCache;
}

export type ArticleService = ReturnType<typeof createArticleService>;

/**
 * Reading and writing articles. Every write validates its whole input first, happens in one
 * transaction (no half-written article), checks the version it started from, and announces itself
 * on the event bus only after it committed.
 */
export function createArticleService({ db, clock, events, sectionCache }: ArticleServiceDeps) {
  async function hydrateSummaries(rows: Parameters<typeof toSummary>[0][]): Promise<ArticleSummary[]> {
    const [sections, authors] = await Promise.all([
      sectionMaps(
        sectionCache,
        rows.map((r) => r.language),
      ),
      authorsByArticle(
        db,
        rows.map((r) => r.id),
      ),
    ]);
    return rows.map((row) =>
      toSummary(row, sectionOf(sections, row.language, row.section_id), authors.get(row.id) ?? []),
    );
  }

  async function hydrate(row: ArticleRow): Promise<Article> {
    const [sections, authors, tags, source, corrections] = await Promise.all([
      sectionMaps(sectionCache, [row.language]),
      authorsByArticle(db, [row.id]),
      tagsByArticle(db, [row.id]),
      findSource(db, row.id),
      correctionsByArticle(db, [row.id]),
    ]);
    return toArticle(row, {
      section: sectionOf(sections, row.language, row.section_id),
      authors: authors.get(row.id) ?? [],
      tags: tags.get(row.id) ?? [],
      source,
      corrections: corrections.get(row.id) ?? [],
    });
  }

  return {
    async getById(id: number): Promise<Article | undefined> {
      const row = await findArticle(db, { id });
      return row && hydrate(row);
    },

    /** A published article by language and slug, as readers may see it. */
    async getPublished(language: string, slug: string): Promise<Article | undefined> {
      const row = await findArticle(db, { language, slug });
      return row && row.status === 'published' ? hydrate(row) : undefined;
    },

    async listPublished(
      filter: PublishedFilter,
      page: { limit: number; offset?: number },
    ): Promise<ArticleSummary[]> {
      return hydrateSummaries(await listPublished(db, filter, page));
    },

    /** A keyset page of published articles, newest first (the API's `/articles`). */
    async listPublishedAfter(
      filter: PublishedFilter & PublishedRange,
      page: { limit: number; after?: KeysetPosition },
    ): Promise<ArticleSummary[]> {
      return hydrateSummaries(await listPublishedAfter(db, filter, page));
    },

    /** Whole published articles (body, tags, credit), newest first, in a fixed number of queries. */
    async listPublishedArticles(
      filter: PublishedFilter,
      page: { limit: number; offset?: number },
    ): Promise<Article[]> {
      const rows = await listPublishedWithBody(db, filter, page);
      const ids = rows.map((r) => r.id);
      const [sections, authors, tags, sources] = await Promise.all([
        sectionMaps(
          sectionCache,
          rows.map((r) => r.language),
        ),
        authorsByArticle(db, ids),
        tagsByArticle(db, ids),
        sourcesByArticle(db, ids),
      ]);
      return rows.map((row) =>
        toArticle(row, {
          section: sectionOf(sections, row.language, row.section_id),
          authors: authors.get(row.id) ?? [],
          tags: tags.get(row.id) ?? [],
          source: sources.get(row.id) ?? null,
        }),
      );
    },

    countPublished: (filter: PublishedFilter) => countPublished(db, filter),

    /** How many published stories a listing (section, author, tag) has in each language. */
    countPublishedByLanguage: (filter: Omit<PublishedFilter, 'language'>) =>
      countPublishedByLanguage(db, filter),

    /** Other-language versions of an article that readers can open. */
    async publishedTranslations(article: Article): Promise<TranslationLink[]> {
      if (article.translationGroupId === null) return [];
      const links = await listTranslations(db, article.translationGroupId, article.id);
      return links.filter((link) => link.status === 'published');
    },

    /** Opens an empty translation group that articles in several languages can then join. */
    async createTranslationGroup(): Promise<number> {
      const row = await db
        .insertInto('translation_groups')
        .values({ created_at: clock.now().toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async create(input: ArticleInput): Promise<Article> {
      const [id] = await this.createMany([input]);
      return (await this.getById(id!))!;
    },

    /**
     * Creates many articles in one transaction (imports, demo content): all of them or, if any input
     * is invalid, none. Returns the new ids in input order. `afterInsert` runs inside that transaction,
     * so a caller's own records of the new articles (the importer's "taken once" keys) commit with them.
     */
    async createMany(
      inputs: readonly ArticleInput[],
      options: { afterInsert?: (tx: Tx, ids: readonly number[]) => Promise<void> } = {},
    ): Promise<number[]> {
      const prepared = inputs.map((input) => {
        const valid = parseInput(input);
        return { valid, body: parseBody(valid.body) };
      });
      const now = clock.now().toISOString();
      const ids = await db.transaction().execute(async (tx) => {
        const created: number[] = [];
        for (const { valid, body } of prepared) {
          const slug = await chooseSlug(tx, valid.language, valid.slug, valid.title);
          const groupId = await translationGroupFor(tx, valid, now);
          const articleId = await insertArticle(tx, {
            ...columnsFor(valid, body, now),
            slug,
            translation_group_id: groupId,
            created_at: now,
            updated_at: now,
          });
          await writeRelations(tx, articleId, valid, now);
          created.push(articleId);
        }
        await options.afterInsert?.(tx, created);
        return created;
      });
      for (const [index, id] of ids.entries()) {
        if (prepared[index]?.valid.status === 'published')
          await events.emit('article.published', { articleId: id });
      }
      return ids;
    },

    /**
     * Saves changes made from `expectedVersion`. If another save landed in between, nothing is
     * written and a ConflictError says so; the caller shows both versions.
     */
    async update(id: number, expectedVersion: number, input: ArticleInput): Promise<Article> {
      const valid = parseInput(input);
      const body = parseBody(valid.body);
      const now = clock.now().toISOString();
      const before = await findArticle(db, { id });
      if (!before) throw new NotFoundError('That article does not exist (it may have been deleted).');
      await db.transaction().execute(async (tx) => {
        const slug = await chooseSlug(tx, valid.language, valid.slug, valid.title, id);
        const groupId = before.translation_group_id ?? (await translationGroupFor(tx, valid, now));
        const columns = columnsFor(valid, body, now, before);
        const saved = await updateArticleIfVersion(tx, id, expectedVersion, {
          ...columns,
          slug,
          translation_group_id: groupId,
          updated_at: now,
        });
        if (!saved) {
          throw new ConflictError(
            'Someone else saved this article after you opened it. Compare both versions before saving again.',
          );
        }
        await writeRelations(tx, id, valid, now);
      });
      await events.emit(eventForStatusChange(before.status, valid.status), { articleId: id });
      return (await this.getById(id))!;
    },
  };

  function columnsFor(valid: ValidArticleInput, body: Block[], now: string, before?: ArticleRow) {
    const status = valid.status;
    const firstPublication = before?.published_at ?? null;
    const publishedAt = valid.publishedAt ?? firstPublication ?? (status === 'published' ? now : null);
    return {
      language: valid.language,
      title: valid.title,
      dek: valid.dek,
      body: JSON.stringify(body),
      excerpt: truncateWords(blocksToPlainText(body.filter((b) => b.type === 'paragraph')), 300),
      status,
      section_id: valid.sectionId,
      published_at: publishedAt,
      revised_at:
        valid.revisedAt ??
        (before?.status === 'published' && status === 'published' ? now : (before?.revised_at ?? null)),
      scheduled_at: status === 'scheduled' ? valid.scheduledAt : null,
      lead_image_media_id: valid.leadImage?.mediaId ?? null,
      lead_image_url: valid.leadImage?.url ?? null,
      lead_image_alt: valid.leadImage?.alt ?? null,
      lead_image_caption: valid.leadImage?.caption ?? null,
      lead_image_credit: valid.leadImage?.credit ?? null,
      lead_image_width: valid.leadImage?.width ?? null,
      lead_image_height: valid.leadImage?.height ?? null,
      seo_title: valid.seoTitle,
      seo_description: valid.seoDescription,
      translation_of_id: valid.translationOfId,
    };
  }

  async function writeRelations(tx: Tx, articleId: number, valid: ValidArticleInput, now: string) {
    await replaceArticleAuthors(tx, articleId, [...new Set(valid.authorIds)]);
    await replaceArticleTags(tx, articleId, await ensureTags(tx, valid.tags, now, valid.language));
    await replaceSource(tx, articleId, valid.source);
  }
}

function parseInput(input: ArticleInput): ValidArticleInput {
  const parsed = articleInput.safeParse(input);
  if (parsed.success) {
    if (parsed.data.status === 'scheduled' && !parsed.data.scheduledAt) {
      throw new ValidationError('A scheduled article needs a publication time.', {
        scheduledAt: 'Choose when the article should go live.',
      });
    }
    return parsed.data;
  }
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? 'form');
    fields[key] ??= issue.message;
  }
  throw new ValidationError(
    `The article could not be saved: ${Object.values(fields)[0] ?? 'the input is not valid.'}`,
    fields,
  );
}

function parseBody(body: unknown): Block[] {
  const check = checkBody(body ?? []);
  if (!check.ok) throw new ValidationError(check.message, { body: check.message });
  return check.blocks;
}

async function chooseSlug(
  tx: Tx,
  language: string,
  requested: string | null,
  title: string,
  exceptId?: number,
) {
  if (requested) {
    if (await slugTaken(tx, language, requested, exceptId)) {
      throw new ValidationError('Another article already uses this address.', {
        slug: 'Another article already uses this address; choose a different one.',
      });
    }
    return requested;
  }
  const base = slugify(title) || 'article';
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await slugTaken(tx, language, candidate, exceptId))) return candidate;
  }
}

/** A translation joins its original's group, creating the group when the original had none. */
async function translationGroupFor(tx: Tx, valid: ValidArticleInput, now: string): Promise<number | null> {
  if (valid.translationGroupId) return valid.translationGroupId;
  if (!valid.translationOfId) return null;
  const original = await tx
    .selectFrom('articles')
    .select(['id', 'translation_group_id'])
    .where('id', '=', valid.translationOfId)
    .executeTakeFirst();
  if (!original) {
    throw new ValidationError('The article this translates does not exist.', {
      translationOfId: 'Choose an existing article.',
    });
  }
  if (original.translation_group_id) return original.translation_group_id;
  const group = await tx
    .insertInto('translation_groups')
    .values({ created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .updateTable('articles')
    .set({ translation_group_id: group.id })
    .where('id', '=', original.id)
    .execute();
  return group.id;
}

function eventForStatusChange(before: ArticleStatus, after: ArticleStatus) {
  if (after === 'published')
    return before === 'published' ? ('article.updated' as const) : ('article.published' as const);
  if (before === 'published') return 'article.unpublished' as const;
  return 'article.updated' as const;
}

/** The sections named in each of the given languages (an article's section reads in its own language). */
async function sectionMaps(
  sectionCache: SectionCache,
  languages: readonly string[],
): Promise<Map<string, Map<number, Section>>> {
  const maps = new Map<string, Map<number, Section>>();
  for (const language of new Set(languages)) {
    maps.set(language, new Map((await sectionCache.list(language)).map((s) => [s.id, s])));
  }
  return maps;
}

function sectionOf(
  sections: Map<string, Map<number, Section>>,
  language: string,
  id: number | null,
): Section | null {
  return id === null ? null : (sections.get(language)?.get(id) ?? null);
}
