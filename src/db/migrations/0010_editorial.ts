import type { MigrationDb } from './helpers.ts';
import { notNull, withId } from './helpers.ts';

/** The editor's workflow: owners, revisions (autosave), review notes, corrections and updates. */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('article_owners')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('article_owners_user').on('article_owners').column('user_id').execute();

  await withId(db, db.schema.createTable('article_revisions'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('kind', 'text', notNull)
    .addColumn('snapshot', 'text', notNull)
    .addColumn('base_version', 'integer', notNull)
    .addColumn('created_at', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('article_revisions_article')
    .on('article_revisions')
    .columns(['article_id', 'id'])
    .execute();

  await withId(db, db.schema.createTable('article_review_notes'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('action', 'text', notNull)
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('article_review_notes_article')
    .on('article_review_notes')
    .columns(['article_id', 'id'])
    .execute();

  await withId(db, db.schema.createTable('article_corrections'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('kind', 'text', notNull)
    .addColumn('text', 'text', notNull)
    .addColumn('published_at', 'text', notNull)
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema
    .createIndex('article_corrections_article')
    .on('article_corrections')
    .columns(['article_id', 'published_at'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of ['article_corrections', 'article_review_notes', 'article_revisions', 'article_owners'])
    await db.schema.dropTable(table).execute();
}
