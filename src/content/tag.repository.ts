import type { Db, Tx } from '../db/database.ts';
import { slugify } from '../shared/slug.ts';
import type { Tag } from './types.ts';

/** A tag name folded for comparison: "Росія", "росія" and "РОСІЯ" are one tag. */
export function tagNameKey(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase();
}

/** A tag by its address; with a language, named in that language where it has a translation. */
export async function findTagBySlug(db: Db, slug: string, language?: string): Promise<Tag | undefined> {
  if (language === undefined)
    return db.selectFrom('tags').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
  const row = await db
    .selectFrom('tags')
    .leftJoin('tag_translations as tt', (join) =>
      join.onRef('tt.tag_id', '=', 'tags.id').on('tt.language', '=', language),
    )
    .select(['tags.id', 'tags.slug', 'tags.name', 'tt.name as translatedName'])
    .where('tags.slug', '=', slug)
    .executeTakeFirst();
  return row && { id: row.id, slug: row.slug, name: row.translatedName ?? row.name };
}

export async function listTags(db: Db): Promise<Tag[]> {
  return db.selectFrom('tags').select(['id', 'slug', 'name']).orderBy('name').execute();
}

/** The ordered tags of each article, named in the article's own language where a translation exists. */
export async function tagsByArticle(db: Db, articleIds: readonly number[]): Promise<Map<number, Tag[]>> {
  const result = new Map<number, Tag[]>();
  if (articleIds.length === 0) return result;
  const rows = await db
    .selectFrom('article_tags as at')
    .innerJoin('tags as t', 't.id', 'at.tag_id')
    .innerJoin('articles as a', 'a.id', 'at.article_id')
    .leftJoin('tag_translations as tt', (join) =>
      join.onRef('tt.tag_id', '=', 't.id').onRef('tt.language', '=', 'a.language'),
    )
    .select(['t.id', 't.slug', 't.name', 'tt.name as translatedName', 'at.article_id'])
    .where('at.article_id', 'in', [...new Set(articleIds)])
    .orderBy('at.article_id')
    .orderBy('at.position')
    .execute();
  for (const { article_id, translatedName, ...tag } of rows) {
    const list = result.get(article_id) ?? [];
    list.push({ ...tag, name: translatedName ?? tag.name });
    result.set(article_id, list);
  }
  return result;
}

/**
 * Finds tags by name, creating the missing ones; returns ids in the order the names were given. A name
 * is first looked up among the tag names of the article's language ("Росія" on a Ukrainian story is
 * the tag `russia` once it has that Ukrainian name), then by address.
 */
export async function ensureTags(
  tx: Tx,
  names: readonly string[],
  now: string,
  language?: string,
): Promise<number[]> {
  const ids: number[] = [];
  for (const name of names) {
    const slug = slugify(name, 60);
    if (!slug) continue;
    const translated = language
      ? await tx
          .selectFrom('tag_translations')
          .select('tag_id as id')
          .where('language', '=', language)
          .where('name_key', '=', tagNameKey(name))
          .executeTakeFirst()
      : undefined;
    const existing =
      translated ?? (await tx.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirst());
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
