import type { MigrationDb } from './helpers.ts';
import { notNull, withId } from './helpers.ts';

/**
 * The importer's tables: followed feeds (with their HTTP validators and schedule), every item taken
 * from a feed, an export or an address (so each is taken once), and the text fingerprints that find
 * the same story told twice.
 */
export async function up(db: MigrationDb): Promise<void> {
  await withId(db, db.schema.createTable('ingest_feeds'))
    .addColumn('url', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text')
    .addColumn('site_url', 'text')
    .addColumn('language', 'text')
    .addColumn('section_id', 'integer', (c) => c.references('sections.id').onDelete('set null'))
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('interval_minutes', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('next_poll_at', 'text', notNull)
    .addColumn('last_polled_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('ingest_feeds_due')
    .on('ingest_feeds')
    .columns(['active', 'next_poll_at'])
    .execute();

  await withId(db, db.schema.createTable('ingest_items'))
    .addColumn('item_key', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', notNull)
    .addColumn('feed_id', 'integer', (c) => c.references('ingest_feeds.id').onDelete('set null'))
    .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
    .addColumn('source_url', 'text')
    .addColumn('content_hash', 'text')
    .addColumn('extracted', 'text')
    .addColumn('created_at', 'text', notNull)
    .execute();
  await db.schema.createIndex('ingest_items_article').on('ingest_items').column('article_id').execute();

  await db.schema
    .createTable('article_fingerprints')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('language', 'text', notNull)
    .addColumn('vector', 'text', notNull)
    .addColumn('article_updated_at', 'text', notNull)
    .execute();
  await db.schema
    .createTable('article_fingerprint_terms')
    .addColumn('term', 'text', notNull)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('article_fingerprint_terms_pk', ['term', 'article_id'])
    .execute();
  await db.schema
    .createIndex('article_fingerprint_terms_article')
    .on('article_fingerprint_terms')
    .column('article_id')
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of ['article_fingerprint_terms', 'article_fingerprints', 'ingest_items', 'ingest_feeds']) {
    await db.schema.dropTable(table).execute();
  }
}
