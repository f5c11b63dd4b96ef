import type { MigrationDb } from './helpers.ts';
import { notNull } from './helpers.ts';

export async function up(db: MigrationDb): Promise<void> {
  // Counts only: no client address, cookie, hash or time of day is ever written (see readership/).
  await db.schema
    .createTable('article_views')
    .addColumn('article_id', 'integer', notNull)
    .addColumn('day', 'text', notNull)
    .addColumn('views', 'integer', notNull)
    .addPrimaryKeyConstraint('article_views_pk', ['article_id', 'day'])
    .execute();
  await db.schema
    .createIndex('article_views_day')
    .on('article_views')
    .columns(['day', 'article_id'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('article_views').execute();
}
