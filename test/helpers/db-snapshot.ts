import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../src/db/database.ts';

/**
 * Every table of the database, read from the catalogue (so tables that later migrations add count
 * too). Not Kysely's introspector: on PostgreSQL it reads every schema, and fails when another test
 * file drops its schema at the same moment.
 */
export async function tableNames(db: Db): Promise<string[]> {
  let names: string[];
  try {
    const { rows } = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
    names = rows.map((r) => r.name);
  } catch {
    const { rows } = await sql<{ name: string }>`
      select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
    names = rows.map((r) => r.name);
  }
  return names.sort();
}

/** All rows of a table, each as canonical JSON, sorted: a table's content independent of row order. */
export async function tableRows(db: Db, table: string): Promise<string[]> {
  // The table name comes from introspection, never from input; Kysely quotes it as an identifier.
  const rows = await db
    .selectFrom(table as 'articles')
    .selectAll()
    .execute();
  return rows
    .map((row) =>
      JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b)))),
    )
    .sort();
}

/** A fingerprint of every table's content: `{ table: "rows:sha256" }`. */
export async function snapshot(db: Db, except: readonly string[] = []): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of await tableNames(db)) {
    if (except.includes(table)) continue;
    const rows = await tableRows(db, table);
    result[table] =
      `${rows.length}:${crypto.createHash('sha256').update(rows.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return result;
}
