import { sql } from 'kysely';
import type { MigrationDb } from './helpers.ts';
import { isPostgres, notNull, withId } from './helpers.ts';

/**
 * Full-text search. `search_documents` holds what is searchable of each published article (written by
 * src/search/indexer.ts on publish, update and unpublish); `search_words` is the vocabulary readers'
 * typos are corrected against.
 *
 * SQLite: two FTS5 indexes over `search_documents` (external content, kept in step by triggers): one with
 * the Porter stemmer for English, one with plain unicode61 for every other language.
 * PostgreSQL: a weighted `tsvector` per document (its text search configuration chosen per language,
 * 'simple' where PostgreSQL has none) under a GIN index, and a pg_trgm index over the vocabulary.
 */
export async function up(db: MigrationDb): Promise<void> {
  const pg = isPostgres(db);
  let documents = db.schema
    .createTable('search_documents')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('language', 'text', notNull)
    .addColumn('section_id', 'integer')
    .addColumn('published_at', 'text', notNull)
    .addColumn('version', 'integer', notNull)
    .addColumn('title', 'text', notNull)
    .addColumn('dek', 'text', notNull)
    .addColumn('body', 'text', notNull)
    .addColumn('tags', 'text', notNull);
  if (pg) {
    documents = documents
      .addColumn('config', 'text', notNull)
      .addColumn('tsv', sql`tsvector`, (c) => c.notNull());
  }
  await documents.execute();
  await db.schema
    .createIndex('search_documents_language_published')
    .on('search_documents')
    .columns(['language', 'published_at'])
    .execute();

  // An integer id (SQLite's rowid alias) because the trigram index refers to rows by it, and only an
  // INTEGER PRIMARY KEY keeps its value through VACUUM.
  await withId(db, db.schema.createTable('search_words'))
    .addColumn('language', 'text', notNull)
    .addColumn('word', 'text', notNull)
    .addColumn('df', 'integer', notNull)
    .addUniqueConstraint('search_words_language_word', ['language', 'word'])
    .execute();

  if (pg) {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public`.execute(db);
    await sql`CREATE INDEX search_documents_tsv ON search_documents USING gin (tsv)`.execute(db);
    await sql`CREATE INDEX search_words_trgm ON search_words USING gin (word public.gin_trgm_ops)`.execute(
      db,
    );
    return;
  }

  await sql`CREATE VIRTUAL TABLE search_fts_porter USING fts5(title, dek, body, tags, content='search_documents', content_rowid='article_id', tokenize='porter unicode61 remove_diacritics 2')`.execute(
    db,
  );
  await sql`CREATE VIRTUAL TABLE search_fts_plain USING fts5(title, dek, body, tags, content='search_documents', content_rowid='article_id', tokenize='unicode61 remove_diacritics 2')`.execute(
    db,
  );
  // English goes to the Porter index, every other language to the plain one.
  await sql`CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN
    INSERT INTO search_fts_porter(rowid, title, dek, body, tags)
      SELECT new.article_id, new.title, new.dek, new.body, new.tags WHERE new.language = 'en';
    INSERT INTO search_fts_plain(rowid, title, dek, body, tags)
      SELECT new.article_id, new.title, new.dek, new.body, new.tags WHERE new.language <> 'en';
  END`.execute(db);
  await sql`CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN
    INSERT INTO search_fts_porter(search_fts_porter, rowid, title, dek, body, tags)
      SELECT 'delete', old.article_id, old.title, old.dek, old.body, old.tags WHERE old.language = 'en';
    INSERT INTO search_fts_plain(search_fts_plain, rowid, title, dek, body, tags)
      SELECT 'delete', old.article_id, old.title, old.dek, old.body, old.tags WHERE old.language <> 'en';
  END`.execute(db);
  await sql`CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN
    INSERT INTO search_fts_porter(search_fts_porter, rowid, title, dek, body, tags)
      SELECT 'delete', old.article_id, old.title, old.dek, old.body, old.tags WHERE old.language = 'en';
    INSERT INTO search_fts_plain(search_fts_plain, rowid, title, dek, body, tags)
      SELECT 'delete', old.article_id, old.title, old.dek, old.body, old.tags WHERE old.language <> 'en';
    INSERT INTO search_fts_porter(rowid, title, dek, body, tags)
      SELECT new.article_id, new.title, new.dek, new.body, new.tags WHERE new.language = 'en';
    INSERT INTO search_fts_plain(rowid, title, dek, body, tags)
      SELECT new.article_id, new.title, new.dek, new.body, new.tags WHERE new.language <> 'en';
  END`.execute(db);

  // Typo correction: a trigram index over the vocabulary (SQLite's answer to pg_trgm).
  await sql`CREATE VIRTUAL TABLE search_words_trigram USING fts5(word, content='search_words', content_rowid='id', tokenize='trigram')`.execute(
    db,
  );
  await sql`CREATE TRIGGER search_words_ai AFTER INSERT ON search_words BEGIN
    INSERT INTO search_words_trigram(rowid, word) VALUES (new.id, new.word);
  END`.execute(db);
  await sql`CREATE TRIGGER search_words_ad AFTER DELETE ON search_words BEGIN
    INSERT INTO search_words_trigram(search_words_trigram, rowid, word) VALUES ('delete', old.id, old.word);
  END`.execute(db);
}

export async function down(db: MigrationDb): Promise<void> {
  if (!isPostgres(db)) {
    for (const table of ['search_words_trigram', 'search_fts_plain', 'search_fts_porter']) {
      await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db);
    }
  }
  await db.schema.dropTable('search_words').execute();
  await db.schema.dropTable('search_documents').execute();
}
