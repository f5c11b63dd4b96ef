import type { MigrationDb } from './helpers.ts';
import { notNull } from './helpers.ts';

export async function up(db: MigrationDb): Promise<void> {
  // No foreign key: the facts of a deleted article are still needed to purge the lists it left.
  await db.schema
    .createTable('cache_article_facts')
    .addColumn('article_id', 'integer', (c) => c.primaryKey())
    .addColumn('facts', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('cache_article_facts').execute();
}
