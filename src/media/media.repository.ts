import type { Insertable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { MediaTable } from '../content/content.tables.ts';

export async function insertMedia(db: Db, values: Insertable<MediaTable>): Promise<number> {
  const row = await db.insertInto('media').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
