import type { Db, Tx } from '../db/database.ts';
import { slugify } from '../shared/slug.ts';
import type { Tag } from './types.ts';

export async function findTagBySlug(db: Db, slug: string): Promise<Tag | undefined> {
  return db.selectFrom('tags').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
}

export async function listTags(db: Db): Promise<Tag[]> {
  return db.selectFrom('tags').select(['id', 'slug', 'name']).orderBy('name').execute();
}

export async function tagsByArticle(db: Db, articleIds: readonly number[]): Promise<Map<number, Tag[]>> {
  const result = new Map<number, Tag[]>();
  if (articleIds.length === 0) return result;
  const rows = await db
    .selectFrom('article_tags as at')
    .innerJoin('tags as t', 't.id', 'at.tag_id')
    .select(['t.id', 't.slug', 't.name', 'at.article_id'])
    .where('at.article_id', 'in', [...new Set(articleIds)])
    .orderBy('at.article_id')
    .orderBy('at.position')
    .execute();
  for (const { article_id, ...tag } of rows) {
    const list = result.get(article_id) ?? [];
    list.push(tag);
    result.set(article_id, list);
  }
  return result;
}

/** Finds tags by name, creating the missing ones; returns ids in the order the names were given. */
export async function ensureTags(tx: Tx, names: readonly string[], now: string): Promise<number[]> {
  const ids: number[] = [];
  for (const name of names) {
    const slug = slugify(name, 60);
    if (!slug) continue;
    const existing = await tx.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirst();
    const id =
      existing?.id ??
      (
        await tx
          .insertInto('tags')
          .values({ slug, name: name.trim(), created_at: now })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}
