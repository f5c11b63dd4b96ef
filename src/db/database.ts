import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

export interface DatabaseHandle {
  readonly db: Db;
  readonly dialect: Dialect;
  /** The raw SQLite connection, for what Kysely does not cover (backup API, PRAGMA checks). */
  readonly sqlite: SQLite.Database | undefined;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { dialect: 'sqlite'; file: string; cacheMb?: number }
  | { dialect: 'postgres'; url: string; schema?: string; poolSize?: number };

// PostgreSQL returns BIGINT (counts, sums) and NUMERIC as strings; every id and count here fits in a
// double, so read them as numbers on both dialects.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
pg.types.setTypeParser(1700, (value) => Number.parseFloat(value));

/**
 * Opens the database named by the configuration. SQLite runs in WAL mode with `synchronous=FULL`:
 * WAL lets readers go on while a write commits, and FULL makes every acknowledged commit survive a
 * crash of the machine, not only of the process (see ARCHITECTURE.md, "Durability").
 */
export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.dialect === 'sqlite') return openSqlite(options.file, options.cacheMb);
  return openPostgres(options.url, options.schema, options.poolSize);
}

/**
 * SQLite's own page cache, per connection. The operating system caches the file too, so a page
 * SQLite lets go of is read back from memory for a system call: at 100,000 stories 8 MB served
 * uncached pages for the same CPU as 32 MB, and 32 MB was an eighth of the process.
 */
const DEFAULT_CACHE_MB = 8;

function openSqlite(file: string, cacheMb = DEFAULT_CACHE_MB): DatabaseHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma(`cache_size = -${Math.round(cacheMb * 1024)}`);
  sqlite.pragma('temp_store = MEMORY');
  // Statistics for the query planner (sampled, so quick on a large site). Without them SQLite prefers
  // any index with an equality (`status = ?`) over a short list of primary keys, and walks every
  // published story to find five cards.
  sqlite.pragma('analysis_limit = 1000');
  sqlite.pragma('optimize = 0x10002');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return {
    db,
    dialect: 'sqlite',
    sqlite,
    close: async () => {
      await db.destroy();
    },
  };
}

const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely prepares every query afresh; compiling SQL is a good share of a page's work on SQLite. The
 * same query text always compiles to the same statement, so keep the most recent ones (a query with
 * an `in (?, ?, …)` list of another length is another text). Safe because Kysely runs a statement to
 * completion (`all` or `run`) before the next one starts; nothing here streams rows.
 */
function withStatementCache(sqlite: SQLite.Database) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => void sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

function openPostgres(url: string, schema: string | undefined, poolSize = 10): DatabaseHandle {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`"${schema}" is not a valid PostgreSQL schema name.`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // A per-test (or per-tenant) schema first, `public` after it for shared extensions such as pg_trgm.
    ...(schema ? { options: `-c search_path=${schema},public` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    sqlite: undefined,
    close: async () => {
      await db.destroy();
    },
  };
}
