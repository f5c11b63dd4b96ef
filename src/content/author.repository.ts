import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AuthorTable } from './content.tables.ts';
import type { Author } from './types.ts';

export function toAuthor(row: Selectable<AuthorTable>): Author {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    bio: row.bio,
    avatarUrl: row.avatar_url,
    jobTitle: row.job_title,
    websiteUrl: row.website_url,
  };
}

/** An author by address; with a language, the job title and bio in that language where translated. */
export async function findAuthorBySlug(db: Db, slug: string, language?: string): Promise<Author | undefined> {
  const row = await db.selectFrom('authors').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!row) return undefined;
  const author = toAuthor(row);
  if (language === undefined) return author;
  const translation = await db
    .selectFrom('author_translations')
    .select(['job_title', 'bio'])
    .where('author_id', '=', row.id)
    .where('language', '=', language)
    .executeTakeFirst();
  // A translation replaces both texts: an English bio does not belong on a page that has a Ukrainian title.
  return translation ? { ...author, jobTitle: translation.job_title, bio: translation.bio } : author;
}

export async function listAuthors(db: Db): Promise<Author[]> {
  return (await db.selectFrom('authors').selectAll().orderBy('name').execute()).map(toAuthor);
}

/** The ordered authors of each article, for a batch of articles in one query. */
export async function authorsByArticle(
  db: Db,
  articleIds: readonly number[],
): Promise<Map<number, Author[]>> {
  const result = new Map<number, Author[]>();
  if (articleIds.length === 0) return result;
  const rows = await db
    .selectFrom('article_authors as aa')
    .innerJoin('authors as a', 'a.id', 'aa.author_id')
    .selectAll('a')
    .select(['aa.article_id'])
    .where('aa.article_id', 'in', [...new Set(articleIds)])
    .orderBy('aa.article_id')
    .orderBy('aa.position')
    .execute();
  for (const row of rows) {
    const list = result.get(row.article_id) ?? [];
    list.push(toAuthor(row));
    result.set(row.article_id, list);
  }
  return result;
}
