import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { SectionTable } from './content.tables.ts';
import type { Section } from './types.ts';

export function toSection(row: Selectable<SectionTable>): Section {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    parentId: row.parent_id,
    position: row.position,
  };
}

/** All sections in display order; the tree is small (tens of rows), so callers walk it in memory. */
export async function listSections(db: Db): Promise<Section[]> {
  const rows = await db.selectFrom('sections').selectAll().orderBy('position').orderBy('name').execute();
  return rows.map(toSection);
}

export async function findSectionBySlug(db: Db, slug: string): Promise<Section | undefined> {
  const row = await db.selectFrom('sections').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row && toSection(row);
}
