import { type Insertable, type Selectable, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { MediaTable } from '../content/content.tables.ts';

export type MediaRow = Selectable<MediaTable>;

export async function insertMedia(db: Db, values: Insertable<MediaTable>): Promise<number> {
  const row = await db.insertInto('media').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findMedia(db: Db, id: number): Promise<MediaRow | undefined> {
  return db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Folds text for the library's search (see migration 0060): one case, one form, single spaces. */
export function mediaSearchKey(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase();
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** Images newest first; every word of `query` must appear in the alt, caption, credit or file name. */
export async function searchMedia(
  db: Db,
  options: { query?: string; limit: number; offset: number },
): Promise<{ total: number; rows: MediaRow[] }> {
  let base = db.selectFrom('media').where('kind', '=', 'image');
  const words = mediaSearchKey(options.query ?? '')
    .split(' ')
    .filter(Boolean)
    .slice(0, 8);
  for (const word of words)
    // An explicit ESCAPE: PostgreSQL assumes a backslash, SQLite has no escape character by default.
    base = base.where(sql<boolean>`search_text like ${`%${escapeLike(word)}%`} escape '\\'`);
  const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  return { total: Number(count.n), rows };
}

export async function updateMediaTexts(
  db: Db,
  id: number,
  values: Pick<MediaTable, 'alt' | 'caption' | 'credit' | 'search_text' | 'updated_at'>,
): Promise<boolean> {
  const result = await db.updateTable('media').set(values).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
