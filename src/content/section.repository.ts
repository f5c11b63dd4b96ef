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

/**
 * All sections in display order; the tree is small (tens of rows), so callers walk it in memory. With
 * a language, names and descriptions are that language's where a translation exists (one query).
 */
export async function listSections(db: Db, language?: string): Promise<Section[]> {
  if (language === undefined) {
    const rows = await db.selectFrom('sections').selectAll().orderBy('position').orderBy('name').execute();
    return rows.map(toSection);
  }
  const rows = await db
    .selectFrom('sections')
    .leftJoin('section_translations as st', (join) =>
      join.onRef('st.section_id', '=', 'sections.id').on('st.language', '=', language),
    )
    .selectAll('sections')
    .select(['st.name as translatedName', 'st.description as translatedDescription'])
    .orderBy('sections.position')
    .orderBy('sections.name')
    .execute();
  return rows.map(({ translatedName, translatedDescription, ...row }) => ({
    ...toSection(row),
    name: translatedName ?? row.name,
    // A translated name without its own description does not borrow the default language's.
    description: translatedName ? translatedDescription : row.description,
  }));
}

export async function findSectionBySlug(
  db: Db,
  slug: string,
  language?: string,
): Promise<Section | undefined> {
  return (await listSections(db, language)).find((s) => s.slug === slug);
}

export interface SectionTranslationRow {
  sectionId: number;
  language: string;
  name: string;
  description: string | null;
  updatedAt: string;
}

export async function listSectionTranslations(db: Db): Promise<SectionTranslationRow[]> {
  return db
    .selectFrom('section_translations')
    .select(['section_id as sectionId', 'language', 'name', 'description', 'updated_at as updatedAt'])
    .orderBy('section_id')
    .orderBy('language')
    .execute();
}

export async function findSection(db: Db, id: number): Promise<Section | undefined> {
  const row = await db.selectFrom('sections').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toSection(row);
}
