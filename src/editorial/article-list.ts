import type { Db } from '../db/database.ts';
import type { ArticleStatus } from '../content/types.ts';

/** What the newsroom's article list is filtered by; every filter is optional. */
export interface ArticleListFilter {
  status?: ArticleStatus;
  sectionId?: number;
  authorId?: number;
  language?: string;
  /** Words of the headline, matched case-insensitively. */
  search?: string;
  /** Only stories this user started or writes under their author profile (authors and contributors). */
  ownedBy?: { userId: number; authorId: number | null };
}

/** One language version of a story, as the list shows it beside the story. */
export interface LanguageVersion {
  id: number;
  language: string;
  status: ArticleStatus;
  /** A translation whose original was changed after the translation was last saved. */
  outOfDate: boolean;
}

export interface ArticleListRow {
  id: number;
  title: string;
  language: string;
  slug: string;
  status: ArticleStatus;
  sectionName: string | null;
  sectionSlug: string | null;
  authors: string[];
  updatedAt: string;
  publishedAt: string | null;
  scheduledAt: string | null;
  /** This story itself is a translation whose original changed after it was last saved. */
  outOfDate: boolean;
  /** The other language versions in its translation group. */
  translations: LanguageVersion[];
}

export const LIST_PAGE_SIZE = 25;

function filtered(db: Db, filter: ArticleListFilter) {
  let query = db.selectFrom('articles');
  if (filter.status) query = query.where('articles.status', '=', filter.status);
  if (filter.sectionId !== undefined) query = query.where('articles.section_id', '=', filter.sectionId);
  if (filter.language) query = query.where('articles.language', '=', filter.language);
  if (filter.authorId !== undefined) {
    const authorId = filter.authorId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_authors')
          .select('article_authors.article_id')
          .whereRef('article_authors.article_id', '=', 'articles.id')
          .where('article_authors.author_id', '=', authorId),
      ),
    );
  }
  if (filter.search) {
    const words = filter.search.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
    for (const word of words) {
      // LIKE's own wildcards in what was typed would match anything: they are left out of the pattern.
      const pattern = `%${word.replace(/[\\%_]/g, '')}%`;
      query = query.where((eb) => eb(eb.fn('lower', ['articles.title']), 'like', pattern));
    }
  }
  if (filter.ownedBy) {
    const { userId, authorId } = filter.ownedBy;
    query = query.where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('article_owners')
            .select('article_owners.article_id')
            .whereRef('article_owners.article_id', '=', 'articles.id')
            .where('article_owners.user_id', '=', userId),
        ),
        ...(authorId === null
          ? []
          : [
              eb.exists(
                eb
                  .selectFrom('article_authors')
                  .select('article_authors.article_id')
                  .whereRef('article_authors.article_id', '=', 'articles.id')
                  .where('article_authors.author_id', '=', authorId),
              ),
            ]),
      ]),
    );
  }
  return query;
}

/**
 * The newsroom's article list: newest change first, one page at a time, with each story's other
 * language versions and which translations are out of date — in a fixed number of queries.
 */
export async function listArticlesForNewsroom(
  db: Db,
  filter: ArticleListFilter,
  page: number,
): Promise<{ rows: ArticleListRow[]; total: number }> {
  const countRow = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  const rows = await filtered(db, filter)
    .leftJoin('sections', 'sections.id', 'articles.section_id')
    .select([
      'articles.id',
      'articles.title',
      'articles.language',
      'articles.slug',
      'articles.status',
      'articles.updated_at',
      'articles.published_at',
      'articles.scheduled_at',
      'articles.translation_group_id',
      'articles.translation_of_id',
      'sections.name as sectionName',
      'sections.slug as sectionSlug',
    ])
    .orderBy('articles.updated_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(LIST_PAGE_SIZE)
    .offset((page - 1) * LIST_PAGE_SIZE)
    .execute();

  const ids = rows.map((r) => r.id);
  const groupIds = [...new Set(rows.map((r) => r.translation_group_id).filter((g) => g !== null))];
  const [authorRows, members] = await Promise.all([
    ids.length
      ? db
          .selectFrom('article_authors')
          .innerJoin('authors', 'authors.id', 'article_authors.author_id')
          .select(['article_authors.article_id', 'authors.name'])
          .where('article_authors.article_id', 'in', ids)
          .orderBy('article_authors.position')
          .execute()
      : [],
    groupIds.length
      ? db
          .selectFrom('articles')
          .select(['id', 'language', 'status', 'updated_at', 'translation_group_id', 'translation_of_id'])
          .where('translation_group_id', 'in', groupIds)
          .orderBy('language')
          .orderBy('id')
          .execute()
      : [],
  ]);
  const updatedAt = new Map(members.map((m) => [m.id, m.updated_at]));
  const isOutOfDate = (m: { translation_of_id: number | null; updated_at: string }) => {
    const original = m.translation_of_id === null ? undefined : updatedAt.get(m.translation_of_id);
    return original !== undefined && original > m.updated_at;
  };
  const listed = rows.map((row): ArticleListRow => {
    const group = members.filter(
      (m) => row.translation_group_id !== null && m.translation_group_id === row.translation_group_id,
    );
    return {
      id: row.id,
      title: row.title,
      language: row.language,
      slug: row.slug,
      status: row.status,
      sectionName: row.sectionName,
      sectionSlug: row.sectionSlug,
      authors: authorRows.filter((a) => a.article_id === row.id).map((a) => a.name),
      updatedAt: row.updated_at,
      publishedAt: row.published_at,
      scheduledAt: row.scheduled_at,
      outOfDate: isOutOfDate(row),
      translations: group
        .filter((m) => m.id !== row.id)
        .map((m) => ({ id: m.id, language: m.language, status: m.status, outOfDate: isOutOfDate(m) })),
    };
  });
  return { rows: listed, total: Number(countRow.count) };
}
