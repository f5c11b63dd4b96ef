import type { MigrationDb } from './helpers.ts';

/**
 * The media library: who uploaded an item, when its texts last changed, and `search_text` — alt,
 * caption, credit and file name folded to lower case in JavaScript (SQLite's lower() folds ASCII
 * only), so "Київ" finds "КИЇВ" on both databases with a plain LIKE.
 */
export async function up(db: MigrationDb): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds a single column at a time.
  await db.schema.alterTable('media').addColumn('search_text', 'text').execute();
  await db.schema.alterTable('media').addColumn('uploaded_by', 'integer').execute();
  await db.schema.alterTable('media').addColumn('updated_at', 'text').execute();
  await db.schema.createIndex('media_created').on('media').column('created_at').execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropIndex('media_created').execute();
  for (const column of ['updated_at', 'uploaded_by', 'search_text'])
    await db.schema.alterTable('media').dropColumn(column).execute();
}
