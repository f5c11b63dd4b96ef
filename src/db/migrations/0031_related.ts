import type { MigrationDb } from './helpers.ts';
import { notNull, withId } from './helpers.ts';

/**
 * Related stories ("You may also like"), see src/related:
 * - `related_terms`: the vocabulary per language (word stems, names, tags) with document frequencies;
 * - `related_documents`: each published story's TF-IDF vector (its strongest terms) and all its term ids;
 * - `related_postings`: the inverted index over each story's strongest terms, read strongest first;
 * - `related_picks`: each story's chosen related stories, with score and the shared terms that explain them.
 * No foreign keys to `articles`: a deleted story's rows are what tell us which lists showed it.
 */
export async function up(db: MigrationDb): Promise<void> {
  await withId(db, db.schema.createTable('related_terms'))
    .addColumn('language', 'text', notNull)
    .addColumn('term', 'text', notNull)
    .addColumn('label', 'text', notNull)
    .addColumn('df', 'integer', notNull)
    .addUniqueConstraint('related_terms_language_term', ['language', 'term'])
    .execute();

  await db.schema
    .createTable('related_documents')
    .addColumn('article_id', 'integer', (c) => c.primaryKey())
    .addColumn('language', 'text', notNull)
    .addColumn('group_id', 'integer')
    .addColumn('published_at', 'text', notNull)
    .addColumn('version', 'integer', notNull)
    .addColumn('vector', 'text', notNull)
    .addColumn('terms', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();

  await db.schema
    .createTable('related_postings')
    .addColumn('term_id', 'integer', notNull)
    .addColumn('article_id', 'integer', notNull)
    .addColumn('weight', 'integer', notNull)
    .addPrimaryKeyConstraint('related_postings_pk', ['term_id', 'article_id'])
    .execute();
  await db.schema
    .createIndex('related_postings_strongest')
    .on('related_postings')
    .columns(['term_id', 'weight'])
    .execute();

  await db.schema
    .createTable('related_picks')
    .addColumn('article_id', 'integer', notNull)
    .addColumn('rank', 'integer', notNull)
    .addColumn('pick_id', 'integer', notNull)
    .addColumn('score', 'double precision', notNull)
    .addColumn('similarity', 'double precision', notNull)
    .addColumn('reasons', 'text', notNull)
    .addColumn('computed_at', 'text', notNull)
    .addPrimaryKeyConstraint('related_picks_pk', ['article_id', 'rank'])
    .execute();
  await db.schema.createIndex('related_picks_pick').on('related_picks').column('pick_id').execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of ['related_picks', 'related_postings', 'related_documents', 'related_terms'])
    await db.schema.dropTable(table).execute();
}
