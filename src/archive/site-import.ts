import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import type { Db, Dialect, Tx } from '../db/database.ts';
import { assertMediaKey } from '../media/storage.ts';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_TABLES,
  ARCHIVE_VERSION,
  type ArchiveHeader,
  type ArchiveTable,
  decodeValue,
  listColumns,
} from './archive-tables.ts';

/** A refusal of an archive, in a sentence for the person who ran the command. Nothing was written. */
export class ArchiveError extends Error {}

export interface ImportTarget {
  db: Db;
  dialect: Dialect;
  mediaDir: string;
}

export interface ImportResult {
  rows: Record<string, number>;
  files: number;
  secrets: boolean;
}

/** The longest line read (a media file, base64): 64 MB. */
const MAX_LINE = 64 * 1024 * 1024;
const INSERT_BATCH = 100;

type Row = Record<string, unknown>;

/**
 * Reads an archive written by `exportSite` into an empty database, all in one transaction: the
 * archive is checked as it streams (its format, that it comes from a Newsdesk no newer than this
 * one, that every table and column is known, every file's checksum, and the closing counts, so a
 * file cut short is refused) and any refusal rolls everything back. Media files are written to a
 * staging folder beside the media folder and moved in only after the commit.
 */
export async function importSite(target: ImportTarget, file: string): Promise<ImportResult> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile())
    throw new ArchiveError(`There is no archive at ${file}.`);
  await assertEmpty(target.db);
  const staging = `${target.mediaDir.replace(/[/\\]+$/, '')}.importing-${process.pid}-${Date.now()}`;
  const staged: string[] = [];
  let result: ImportResult;
  try {
    result = await target.db.transaction().execute((tx) => readArchive(tx, target, file, staging, staged));
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (error instanceof ArchiveError) throw error;
    throw new ArchiveError(`The archive could not be read into this database: ${(error as Error).message}.`);
  }
  for (const key of staged) {
    const to = path.join(target.mediaDir, key);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.renameSync(path.join(staging, key), to);
  }
  fs.rmSync(staging, { recursive: true, force: true });
  return result;
}

async function assertEmpty(db: Db): Promise<void> {
  const found: string[] = [];
  for (const table of ['articles', 'sections', 'authors', 'tags', 'users', 'comments', 'media'] as const) {
    const { n } = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(n) > 0) found.push(`${n} ${table}`);
  }
  if (found.length > 0)
    throw new ArchiveError(
      `import-site only fills an empty site, and this database has ${found.join(', ')}. ` +
        'Point DATA_DIR or DATABASE_URL at a new database (and set NEWSDESK_DEMO=0 before its first start).',
    );
}

/** The archive's lines, parsed, with their numbers (gzip errors and over-long lines become refusals). */
async function* lines(file: string): AsyncGenerator<{ n: number; value: unknown }> {
  const input = fs.createReadStream(file).pipe(zlib.createGunzip());
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let n = 0;
  const parse = (text: string) => {
    n += 1;
    try {
      return { n, value: JSON.parse(text) as unknown };
    } catch {
      throw new ArchiveError(`Line ${n} of the archive is not JSON; it is damaged. Nothing was imported.`);
    }
  };
  try {
    for await (const chunk of input) {
      pending += decoder.write(chunk as Buffer);
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        const text = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (text !== '') yield parse(text);
        newline = pending.indexOf('\n');
      }
      if (pending.length > MAX_LINE)
        throw new ArchiveError(
          `Line ${n + 1} of the archive is longer than 64 MB; it is not a Newsdesk archive.`,
        );
    }
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    throw new ArchiveError(
      n === 0
        ? 'This file is not a Newsdesk site archive (not a gzip-compressed file written by newsdesk export). Nothing was imported.'
        : `The archive is damaged after line ${n} (${(error as Error).message}). Nothing was imported.`,
    );
  }
  pending += decoder.end();
  if (pending.trim() !== '') yield parse(pending);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

async function readArchive(
  tx: Tx,
  target: ImportTarget,
  file: string,
  staging: string,
  staged: string[],
): Promise<ImportResult> {
  const db = tx as unknown as Db;
  const order = new Map(ARCHIVE_TABLES.map((t, i) => [t.name, i] as const));
  const rows: Record<string, number> = {};
  let header: ArchiveHeader | undefined;
  let ended: { rows: unknown; files: unknown } | undefined;
  let files = 0;
  let current:
    { table: ArchiveTable; columns: Set<string>; batch: Row[]; refs: [unknown, unknown][] } | undefined;
  let position = -1;

  const flush = async () => {
    if (!current || current.batch.length === 0) return;
    await db
      .insertInto(current.table.name as 'articles')
      .values(current.batch as never)
      .execute();
    current.batch = [];
  };
  const finishTable = async () => {
    if (!current) return;
    await flush();
    const { table, refs } = current;
    // A column pointing into its own table is filled in once every row it may point to is there.
    for (const [id, ref] of refs)
      await db
        .updateTable(table.name as 'sections')
        .set({ [table.selfRef!]: ref } as never)
        .where('id', '=', id as number)
        .execute();
    current = undefined;
  };

  for await (const { n, value } of lines(file)) {
    const where = `line ${n} of the archive`;
    if (ended)
      throw new ArchiveError(`The archive goes on after its closing line (${where}); it is damaged.`);
    if (!header) {
      header = checkHeader(value, (await appliedMigrations(db)) ?? []);
      continue;
    }
    if (!isObject(value)) throw new ArchiveError(`${capital(where)} is not a record.`);
    if (typeof value.t === 'string') {
      const index = order.get(value.t);
      if (index === undefined)
        throw new ArchiveError(`${capital(where)} names a table Newsdesk does not import (“${value.t}”).`);
      if (files > 0 || index < position)
        throw new ArchiveError(
          `${capital(where)} is out of order (table “${value.t}”); the archive is damaged.`,
        );
      if (!current || current.table.name !== value.t) {
        await finishTable();
        const table = ARCHIVE_TABLES[index]!;
        current = {
          table,
          columns: new Set(await listColumns(db, target.dialect, table.name)),
          batch: [],
          refs: [],
        };
        position = index;
      }
      if (!isObject(value.r)) throw new ArchiveError(`${capital(where)} has no row.`);
      const row: Row = {};
      for (const [column, raw] of Object.entries(value.r)) {
        if (!current.columns.has(column))
          throw new ArchiveError(
            `${capital(where)} has a column this Newsdesk does not know (“${value.t}.${column}”); ` +
              'the archive was made by a newer Newsdesk. Update this one first.',
          );
        try {
          row[column] = decodeValue(raw);
        } catch (error) {
          throw new ArchiveError(
            `${capital(where)}: in “${value.t}.${column}”, ${(error as Error).message}.`,
          );
        }
      }
      const { selfRef } = current.table;
      if (selfRef && row[selfRef] !== null && row[selfRef] !== undefined) {
        current.refs.push([row.id, row[selfRef]]);
        row[selfRef] = null;
      }
      const first = current.batch[0];
      if (first && Object.keys(first).join() !== Object.keys(row).join()) await flush();
      current.batch.push(row);
      if (current.batch.length >= INSERT_BATCH) await flush();
      rows[value.t] = (rows[value.t] ?? 0) + 1;
    } else if (typeof value.f === 'string') {
      await finishTable();
      stageFile(value, where, target.mediaDir, staging);
      staged.push(value.f);
      files += 1;
    } else if (value.end === true) {
      await finishTable();
      ended = { rows: value.rows, files: value.files };
    } else {
      throw new ArchiveError(`${capital(where)} is neither a row, a file nor the end.`);
    }
  }
  if (!header) throw new ArchiveError('The archive is empty. Nothing was imported.');
  if (!ended)
    throw new ArchiveError(
      'The archive stops before its closing line: it was cut short (an interrupted copy or export). Nothing was imported.',
    );
  const expected = isObject(ended.rows) ? ended.rows : {};
  for (const table of new Set([...Object.keys(expected), ...Object.keys(rows)]))
    if ((expected[table] ?? 0) !== (rows[table] ?? 0))
      throw new ArchiveError(
        `The archive says it holds ${String(expected[table] ?? 0)} rows of “${table}” but has ${rows[table] ?? 0}; it is damaged. Nothing was imported.`,
      );
  if (ended.files !== files)
    throw new ArchiveError(
      `The archive says it holds ${String(ended.files)} media files but has ${files}; it is damaged. Nothing was imported.`,
    );
  if (target.dialect === 'postgres') await advanceIdentities(db);
  return { rows, files, secrets: header.secrets };
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

async function appliedMigrations(db: Db): Promise<string[]> {
  return (await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map((r) => r.name);
}

function checkHeader(value: unknown, known: string[]): ArchiveHeader {
  if (!isObject(value) || value.format !== ARCHIVE_FORMAT)
    throw new ArchiveError(
      'This file is not a Newsdesk site archive (its first line does not say so). Nothing was imported.',
    );
  if (value.version !== ARCHIVE_VERSION)
    throw new ArchiveError(
      `This archive is in format version ${String(value.version)}; this Newsdesk reads version ${ARCHIVE_VERSION}. Nothing was imported.`,
    );
  const migrations = Array.isArray(value.migrations) ? value.migrations.map(String) : [];
  const newer = migrations.filter((m) => !known.includes(m));
  if (newer.length > 0)
    throw new ArchiveError(
      `This archive comes from a newer Newsdesk (its database has ${newer.join(', ')}, which this one does not). ` +
        'Update this Newsdesk first. Nothing was imported.',
    );
  return value as unknown as ArchiveHeader;
}

function stageFile(value: Record<string, unknown>, where: string, mediaDir: string, staging: string): void {
  const key = value.f as string;
  try {
    assertMediaKey(key);
  } catch {
    throw new ArchiveError(
      `${capital(where)} names a media file “${key.slice(0, 80)}” that is not a media key.`,
    );
  }
  if (typeof value.b !== 'string' || typeof value.sha256 !== 'string')
    throw new ArchiveError(`${capital(where)} (media file ${key}) has no content or checksum.`);
  const data = Buffer.from(value.b, 'base64');
  if (crypto.createHash('sha256').update(data).digest('hex') !== value.sha256)
    throw new ArchiveError(
      `Media file ${key} (${where}) does not match its checksum; the archive is damaged.`,
    );
  if (fs.existsSync(path.join(mediaDir, key)))
    throw new ArchiveError(`The media folder already has ${key}; import-site only fills an empty site.`);
  const to = path.join(staging, key);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.writeFileSync(to, data);
}

/** Rows came with their ids; PostgreSQL's identity counters must start after them. */
async function advanceIdentities(db: Db): Promise<void> {
  for (const table of ARCHIVE_TABLES) {
    if (table.key.length !== 1 || table.key[0] !== 'id') continue;
    // The table name comes from ARCHIVE_TABLES; pg_get_serial_sequence takes it as a parameter.
    await sql`select setval(pg_get_serial_sequence(${table.name}, 'id'),
      (select coalesce(max(id), 0) from ${sql.table(table.name)}) + 1, false)`.execute(db);
  }
}
