import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/**
 * How each table of the database moves house in a site archive (`newsdesk export` / `import-site`).
 *
 * Tables are written, and must be read back, in this order: every table comes after the tables its
 * foreign keys point to, so PostgreSQL (whose keys are checked at once) accepts each row as it comes.
 * A column pointing into its own table (`selfRef`) is filled in after the whole table is in.
 */
export interface ArchiveTable {
  readonly name: string;
  /** The primary key's columns, which order the rows (keyset paging when it is a single `id`). */
  readonly key: readonly string[];
  readonly selfRef?: string;
  /** Secrets: left out by `--without-secrets` (`'drop'` leaves the whole table out). */
  readonly secret?: 'drop' | readonly string[];
}

export const ARCHIVE_TABLES: readonly ArchiveTable[] = [
  { name: 'translation_groups', key: ['id'] },
  { name: 'sections', key: ['id'], selfRef: 'parent_id' },
  { name: 'authors', key: ['id'] },
  { name: 'tags', key: ['id'] },
  { name: 'media', key: ['id'] },
  { name: 'users', key: ['id'], secret: ['password_hash', 'invite_token_hash'] },
  { name: 'articles', key: ['id'], selfRef: 'translation_of_id' },
  { name: 'article_authors', key: ['article_id', 'author_id'] },
  { name: 'article_tags', key: ['article_id', 'tag_id'] },
  { name: 'article_sources', key: ['article_id'] },
  { name: 'article_owners', key: ['article_id'] },
  { name: 'article_revisions', key: ['id'] },
  { name: 'article_review_notes', key: ['id'] },
  { name: 'article_corrections', key: ['id'] },
  { name: 'comments', key: ['id'], selfRef: 'parent_id' },
  { name: 'section_translations', key: ['section_id', 'language'] },
  { name: 'tag_translations', key: ['tag_id', 'language'] },
  { name: 'author_translations', key: ['author_id', 'language'] },
  { name: 'settings', key: ['key'] },
  { name: 'ingest_feeds', key: ['id'] },
  { name: 'ingest_items', key: ['id'] },
  { name: 'article_views', key: ['article_id', 'day'] },
  { name: 'cache_article_facts', key: ['article_id'] },
  { name: 'jobs', key: ['id'] },
  { name: 'webhooks', key: ['id'], secret: 'drop' },
  { name: 'webhook_deliveries', key: ['id'], secret: 'drop' },
];

/** Settings that are secrets (the key that signs comment forms' render times). */
export const SECRET_SETTINGS: readonly string[] = ['comments.form_secret'];

/**
 * Tables an archive leaves out, and why. Everything here is either the schema's own bookkeeping,
 * short-lived (sessions are never carried to another site: everyone signs in again), or derived
 * from the tables above and rebuilt after an import (search index, related stories) or on first
 * use (same-story fingerprints).
 */
export const SKIPPED_TABLES: Readonly<Record<string, string>> = {
  kysely_migration: 'schema bookkeeping; the importing site runs its own migrations',
  kysely_migration_lock: 'schema bookkeeping',
  sessions: 'sign-ins do not move house',
  login_throttle: 'short-lived lock-out counters',
  leases: 'short-lived locks between instances',
  search_documents: 'search index, rebuilt after import',
  search_words: 'search suggestions, rebuilt after import',
  related_terms: 'related stories, recomputed after import',
  related_documents: 'related stories, recomputed after import',
  related_counts: 'related stories, recomputed after import',
  related_postings: 'related stories, recomputed after import',
  related_picks: 'related stories, recomputed after import',
  article_fingerprints: 'same-story fingerprints, recomputed on first use',
  article_fingerprint_terms: 'same-story fingerprints, recomputed on first use',
};

/** SQLite's full-text index tables (and their shadow tables) belong to the search index. */
const isSearchIndexTable = (name: string) => /^search_(fts_|words_trigram)/.test(name);

/** Every table of the connected database's schema, from the catalogue. */
export async function listTables(db: Db, dialect: 'sqlite' | 'postgres'): Promise<string[]> {
  const { rows } =
    dialect === 'postgres'
      ? await sql<{ name: string }>`
          select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
      : await sql<{ name: string }>`
          select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
  return rows.map((r) => r.name).sort();
}

/** A table's columns, from the catalogue. */
export async function listColumns(db: Db, dialect: 'sqlite' | 'postgres', table: string): Promise<string[]> {
  const { rows } =
    dialect === 'postgres'
      ? await sql<{ name: string }>`
          select column_name as name from information_schema.columns
          where table_schema = current_schema() and table_name = ${table}`.execute(db)
      : await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
  return rows.map((r) => r.name);
}

/**
 * The tables of this database nobody has said how to move: a feature that adds a table must add it
 * to ARCHIVE_TABLES or SKIPPED_TABLES, or an export would silently lose it.
 */
export async function unclassifiedTables(db: Db, dialect: 'sqlite' | 'postgres'): Promise<string[]> {
  const known = new Set([...ARCHIVE_TABLES.map((t) => t.name), ...Object.keys(SKIPPED_TABLES)]);
  return (await listTables(db, dialect)).filter((name) => !known.has(name) && !isSearchIndexTable(name));
}

/** The first line of every archive. */
export interface ArchiveHeader {
  format: 'newsdesk-site';
  version: 1;
  createdAt: string;
  /** The migrations the exporting site had run: an archive from a newer Newsdesk is refused. */
  migrations: string[];
  secrets: boolean;
}

export const ARCHIVE_FORMAT = 'newsdesk-site';
export const ARCHIVE_VERSION = 1;

/**
 * A value as written in the archive: JSON's own types, and `{"$base64": "…"}` for bytes (never
 * used by today's tables, but a BLOB column must not turn into `{}`).
 */
export function encodeValue(value: unknown): unknown {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array)
    return { $base64: Buffer.from(value).toString('base64') };
  if (typeof value === 'bigint') return Number(value);
  return value;
}

export function decodeValue(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && '$base64' in value) {
    const data = (value as { $base64: unknown }).$base64;
    if (typeof data === 'string') return Buffer.from(data, 'base64');
  }
  if (value !== null && typeof value === 'object')
    throw new Error('a value is neither text, a number nor bytes');
  return value;
}
