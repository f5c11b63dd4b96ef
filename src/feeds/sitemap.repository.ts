import type { Db } from '../db/database.ts';

/**
 * Queries behind the sitemaps: plain functions over `db`, each a fixed number of queries however many
 * stories the site holds. A story's "last modified" is when readers last saw it change: its revision
 * time, or its publication time when it was never revised.
 */

function published(db: Db, lang: string) {
  return db
    .selectFrom('articles')
    .where('articles.status', '=', 'published')
    .where('articles.language', '=', lang);
}

/** Narrows a query on `articles` to an id range. */
function inRange<Q extends ReturnType<typeof published>>(
  query: Q,
  range: Pick<IdRange, 'fromId' | 'toId'>,
): Q {
  const from = query.where('articles.id', '>=', range.fromId) as Q;
  return range.toId === null ? from : (from.where('articles.id', '<=', range.toId) as Q);
}

export async function countPublishedIn(db: Db, lang: string): Promise<number> {
  const row = await published(db, lang)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export interface IdRange {
  /** First id of the range (inclusive). */
  fromId: number;
  /** Last id of the range (inclusive); null for the last range, which grows as stories are published. */
  toId: number | null;
  lastmod: string | null;
}

/**
 * Splits a language's published stories, in id order, into ranges of `size`: page n of the article
 * sitemaps is range n. New stories get higher ids, so earlier pages keep their contents.
 */
export async function articleRanges(db: Db, lang: string, size: number): Promise<IdRange[]> {
  const total = await countPublishedIn(db, lang);
  const starts: number[] = [];
  for (let offset = 0; offset < total; offset += size) {
    const row = await published(db, lang)
      .select('articles.id')
      .orderBy('articles.id')
      .limit(1)
      .offset(offset)
      .executeTakeFirst();
    if (row) starts.push(row.id);
  }
  const ranges: IdRange[] = [];
  for (const [index, fromId] of starts.entries()) {
    const next = starts[index + 1];
    const toId = next === undefined ? null : next - 1;
    const row = await inRange(published(db, lang), { fromId, toId })
      .select((eb) =>
        eb.fn
          .max<string | null>(eb.fn.coalesce('articles.revised_at', 'articles.published_at'))
          .as('lastmod'),
      )
      .executeTakeFirst();
    ranges.push({ fromId, toId, lastmod: row?.lastmod ?? null });
  }
  return ranges;
}

export interface ArticleSitemapRow {
  id: number;
  slug: string;
  sectionSlug: string | null;
  lastmod: string | null;
  translationGroupId: number | null;
  translationOfId: number | null;
  imageUrl: string | null;
}

export async function articlesInRange(db: Db, lang: string, range: IdRange): Promise<ArticleSitemapRow[]> {
  const rows = await inRange(published(db, lang), range)
    .leftJoin('sections', 'sections.id', 'articles.section_id')
    .select([
      'articles.id',
      'articles.slug',
      'sections.slug as sectionSlug',
      'articles.published_at',
      'articles.revised_at',
      'articles.translation_group_id',
      'articles.translation_of_id',
      'articles.lead_image_url',
    ])
    .orderBy('articles.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    sectionSlug: r.sectionSlug ?? null,
    lastmod: r.revised_at ?? r.published_at,
    translationGroupId: r.translation_group_id,
    translationOfId: r.translation_of_id,
    imageUrl: r.lead_image_url,
  }));
}

export interface TranslationRow {
  articleId: number;
  /** The other version's own id and what it translates, for the group's x-default. */
  id: number;
  translationOfId: number | null;
  language: string;
  slug: string;
  sectionSlug: string | null;
}

/** The published other-language versions of every story in a range, in one self-join. */
export async function translationsInRange(db: Db, lang: string, range: IdRange): Promise<TranslationRow[]> {
  let query = db
    .selectFrom('articles as a')
    .innerJoin('articles as b', (join) =>
      join.onRef('b.translation_group_id', '=', 'a.translation_group_id').onRef('b.id', '!=', 'a.id'),
    )
    .leftJoin('sections as s', 's.id', 'b.section_id')
    .where('a.status', '=', 'published')
    .where('a.language', '=', lang)
    .where('a.id', '>=', range.fromId)
    .where('b.status', '=', 'published');
  if (range.toId !== null) query = query.where('a.id', '<=', range.toId);
  const rows = await query
    .select([
      'a.id as articleId',
      'b.id',
      'b.translation_of_id as translationOfId',
      'b.language',
      'b.slug',
      's.slug as sectionSlug',
    ])
    .orderBy('a.id')
    .orderBy('b.language')
    .execute();
  return rows.map((r) => ({ ...r, sectionSlug: r.sectionSlug ?? null }));
}

/** The newest change among a language's published stories (the home page's lastmod). */
export async function newestChange(db: Db, lang: string): Promise<string | null> {
  const row = await published(db, lang)
    .select((eb) =>
      eb.fn.max<string | null>(eb.fn.coalesce('articles.revised_at', 'articles.published_at')).as('lastmod'),
    )
    .executeTakeFirst();
  return row?.lastmod ?? null;
}

/** The newest change among a language's published stories, per section (direct members only). */
export async function lastmodBySection(db: Db, lang: string): Promise<Map<number, string>> {
  const rows = await published(db, lang)
    .where('articles.section_id', 'is not', null)
    .select((eb) => [
      'articles.section_id',
      eb.fn.max<string>(eb.fn.coalesce('articles.revised_at', 'articles.published_at')).as('lastmod'),
    ])
    .groupBy('articles.section_id')
    .execute();
  return new Map(rows.map((r) => [r.section_id!, r.lastmod]));
}

export interface NamedLastmod {
  slug: string;
  lastmod: string;
}

/** Authors with at least one published story in the language, and their newest. */
export async function authorsWithStories(db: Db, lang: string): Promise<NamedLastmod[]> {
  return published(db, lang)
    .innerJoin('article_authors', 'article_authors.article_id', 'articles.id')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .select((eb) => [
      'authors.slug',
      eb.fn.max<string>(eb.fn.coalesce('articles.revised_at', 'articles.published_at')).as('lastmod'),
    ])
    .groupBy('authors.slug')
    .orderBy('authors.slug')
    .execute();
}

/** Tags with at least one published story in the language, and their newest. */
export async function tagsWithStories(db: Db, lang: string): Promise<NamedLastmod[]> {
  return published(db, lang)
    .innerJoin('article_tags', 'article_tags.article_id', 'articles.id')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select((eb) => [
      'tags.slug',
      eb.fn.max<string>(eb.fn.coalesce('articles.revised_at', 'articles.published_at')).as('lastmod'),
    ])
    .groupBy('tags.slug')
    .orderBy('tags.slug')
    .execute();
}

export interface NewsRow {
  language: string;
  slug: string;
  sectionSlug: string | null;
  title: string;
  publishedAt: string;
}

/** Stories first published since `since` (and not in the future), newest first. */
export async function publishedSince(
  db: Db,
  languages: readonly string[],
  since: string,
  until: string,
  limit: number,
): Promise<NewsRow[]> {
  const rows = await db
    .selectFrom('articles')
    .leftJoin('sections', 'sections.id', 'articles.section_id')
    .where('articles.status', '=', 'published')
    .where('articles.language', 'in', [...languages])
    .where('articles.published_at', '>=', since)
    .where('articles.published_at', '<=', until)
    .select([
      'articles.language',
      'articles.slug',
      'sections.slug as sectionSlug',
      'articles.title',
      'articles.published_at',
    ])
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    language: r.language,
    slug: r.slug,
    sectionSlug: r.sectionSlug ?? null,
    title: r.title,
    publishedAt: r.published_at!,
  }));
}
