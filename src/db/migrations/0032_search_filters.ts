import type { MigrationDb } from './helpers.ts';
import { isPostgres } from './helpers.ts';

/**
 * SQLite: a covering index over what search filters and orders by. Every FTS5 match is joined to
 * `search_documents` by article id for its language, section and date; without this index each
 * matched row reads the document's own page (its whole text beside it), which at 100,000 stories was
 * most of a common word's search time. PostgreSQL keeps its vector in the same row: no join, no index.
 */
export async function up(db: MigrationDb): Promise<void> {
  if (isPostgres(db)) return;
  await db.schema
    .createIndex('search_documents_filters')
    .on('search_documents')
    .columns(['article_id', 'language', 'published_at', 'section_id'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  if (isPostgres(db)) return;
  await db.schema.dropIndex('search_documents_filters').execute();
}
