import crypto from 'node:crypto';
import fs from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import type { Db, Dialect } from '../db/database.ts';
import { assertMediaKey } from '../media/storage.ts';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_TABLES,
  ARCHIVE_VERSION,
  type ArchiveHeader,
  type ArchiveTable,
  encodeValue,
  SECRET_SETTINGS,
  unclassifiedTables,
} from './archive-tables.ts';

export interface ExportSource {
  db: Db;
  dialect: Dialect;
  mediaDir: string;
}

export interface ExportResult {
  rows: Record<string, number>;
  files: number;
  bytes: number;
  /** Files in the media folder whose names are not media keys (left out, named here). */
  skippedFiles: string[];
}

const BATCH = 500;

type Row = Record<string, unknown>;

/**
 * Writes the whole site to one gzip-compressed JSON-lines file: a header, every row of every table
 * in ARCHIVE_TABLES (in that order, one `{"t": table, "r": row}` a line), every media file (one
 * `{"f": key, "sha256": …, "b": base64}` a line) and a closing line with the counts, so a file cut
 * short is recognised. Rows are read in batches inside one read transaction (one point in time
 * while the site keeps running) and written as they come, so memory stays flat however big the site.
 * The file appears under its name only when complete.
 */
export async function exportSite(
  source: ExportSource,
  file: string,
  options: { secrets: boolean },
): Promise<ExportResult> {
  const unknown = await unclassifiedTables(source.db, source.dialect);
  if (unknown.length > 0)
    throw new Error(
      `This database has tables the export does not know how to move (${unknown.join(', ')}); ` +
        'add them to src/archive/archive-tables.ts.',
    );
  const partial = `${file}.partial`;
  const out = fs.createWriteStream(partial, { mode: 0o600 });
  const gzip = zlib.createGzip({ level: 6 });
  gzip.pipe(out);
  const write = async (value: unknown) => {
    if (!gzip.write(`${JSON.stringify(value)}\n`)) await once(gzip, 'drain');
  };
  const result: ExportResult = { rows: {}, files: 0, bytes: 0, skippedFiles: [] };
  try {
    const migrations = (
      await sql<{ name: string }>`select name from kysely_migration order by name`.execute(source.db)
    ).rows.map((r) => r.name);
    const header: ArchiveHeader = {
      format: ARCHIVE_FORMAT,
      version: ARCHIVE_VERSION,
      createdAt: new Date().toISOString(),
      migrations,
      secrets: options.secrets,
    };
    await write(header);
    const readAll = async (tx: Db) => {
      for (const table of ARCHIVE_TABLES) {
        if (!options.secrets && table.secret === 'drop') continue;
        result.rows[table.name] = 0;
        for await (const rows of batches(tx, table)) {
          for (const row of rows) {
            if (!options.secrets && isSecretRow(table, row)) continue;
            const clean: Row = {};
            for (const [column, value] of Object.entries(row)) {
              const hidden = !options.secrets && Array.isArray(table.secret) && table.secret.includes(column);
              clean[column] = hidden ? null : encodeValue(value);
            }
            await write({ t: table.name, r: clean });
            result.rows[table.name]! += 1;
          }
        }
      }
    };
    // One read transaction: every table as of the same moment (WAL on SQLite, REPEATABLE READ on PostgreSQL).
    if (source.dialect === 'postgres')
      await source.db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute((tx) => readAll(tx));
    else await source.db.transaction().execute((tx) => readAll(tx));

    for (const key of mediaKeys(source.mediaDir, result.skippedFiles)) {
      const data = fs.readFileSync(path.join(source.mediaDir, key));
      const sha256 = crypto.createHash('sha256').update(data).digest('hex');
      await write({ f: key, sha256, b: data.toString('base64') });
      result.files += 1;
      result.bytes += data.length;
    }
    await write({ end: true, rows: result.rows, files: result.files });
    gzip.end();
    await once(out, 'close');
    fs.renameSync(partial, file);
    return result;
  } catch (error) {
    gzip.destroy();
    out.destroy();
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

function isSecretRow(table: ArchiveTable, row: Row): boolean {
  return table.name === 'settings' && SECRET_SETTINGS.includes(String(row.key));
}

/** A table's rows in key order, a batch at a time: keyset paging on `id`, offsets otherwise. */
async function* batches(db: Db, table: ArchiveTable): AsyncGenerator<Row[]> {
  // Table and column names come from ARCHIVE_TABLES, never from input.
  const from = () => db.selectFrom(table.name as 'articles').selectAll();
  if (table.key.length === 1 && table.key[0] === 'id') {
    // The first batch has no lower bound: PostgreSQL refuses a bound outside its integer column's range.
    let after: number | undefined;
    for (;;) {
      let query = from();
      if (after !== undefined) query = query.where('id', '>', after);
      const rows = (await query.orderBy('id').limit(BATCH).execute()) as Row[];
      if (rows.length === 0) return;
      yield rows;
      after = Number(rows.at(-1)!.id);
    }
  }
  for (let offset = 0; ; offset += BATCH) {
    let query = from();
    for (const column of table.key) query = query.orderBy(column as 'id');
    const rows = (await query.limit(BATCH).offset(offset).execute()) as Row[];
    if (rows.length === 0) return;
    yield rows;
  }
}

/** Every file under the media folder, as storage keys, sorted; names that are not keys are reported. */
function mediaKeys(dir: string, skipped: string[]): string[] {
  if (!fs.existsSync(dir)) return [];
  const keys: string[] = [];
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const key = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (key.endsWith('.tmp')) continue; // a file still being written by an upload
    try {
      assertMediaKey(key);
      keys.push(key);
    } catch {
      skipped.push(key);
    }
  }
  return keys.sort();
}
