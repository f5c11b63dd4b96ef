import crypto from 'node:crypto';
import type { Db } from '../../src/db/database.ts';

/** Every table of the database, found by introspection (so tables that later migrations add count too). */
export async function tableNames(db: Db): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  return tables
    .filter((t) => !t.isView)
    .map((t) => t.name)
    .sort();
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
