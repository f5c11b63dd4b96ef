import type { MigrationDb } from './helpers.ts';

/**
 * Weighing a newly published story needs the number of stories in its language (the N of its
 * inverse document frequencies); without an index that count read every stored vector, which at
 * 100,000 stories was most of a refresh.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createIndex('related_documents_language')
    .on('related_documents')
    .column('language')
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropIndex('related_documents_language').execute();
}
