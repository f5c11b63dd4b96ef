import { type MigrationResultSet, Migrator, PostgresAdapter, sql } from 'kysely';
import type { Db } from './database.ts';
import { migrations } from './migrations/index.ts';

/** Brings the schema up to date; throws with the failing migration's name if one fails. */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Features land in any order, each with its own numbered migrations; a database that already ran a
    // later-numbered one must still accept an earlier-numbered newcomer.
    allowUnorderedMigrations: true,
    // On PostgreSQL, keep Kysely's bookkeeping tables in the schema we work in: its existence check
    // otherwise looks at every schema and can mistake another tenant's (or test's) tables for ours.
    ...(db.getExecutor().adapter instanceof PostgresAdapter
      ? { migrationTableSchema: await currentSchema(db) }
      : {}),
  });
  let result = await migrator.migrateToLatest();
  // Kysely's existence check reads every schema's tables; on PostgreSQL a table or a whole schema
  // dropped by someone else at that moment (another tenant, or a parallel test dropping its schema)
  // makes it fail with 42P01 (no such table) or 3F000 (no such schema) before any migration has run.
  // Nothing was written then, so looking again is safe.
  for (let attempt = 1; attempt < 5 && failedBeforeAnyMigration(result); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    result = await migrator.migrateToLatest();
  }
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(result.error)}`, {
      cause: result.error,
    });
  }
  return result;
}

function failedBeforeAnyMigration(result: MigrationResultSet): boolean {
  const code = (result.error as { code?: unknown } | undefined)?.code;
  return (code === '42P01' || code === '3F000') && (result.results ?? []).length === 0;
}

async function currentSchema(db: Db): Promise<string> {
  const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return result.rows[0]?.schema ?? 'public';
}
