import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import type { Config } from '../config.ts';

/** What a PostgreSQL site uses instead: its own tools make consistent dumps of a running database. */
const PG_GUIDANCE = `This site runs on PostgreSQL: back it up with PostgreSQL's own tools, which take a consistent
snapshot while the site runs:

  pg_dump --format=custom --file=newsdesk-$(date +%F).dump "$DATABASE_URL"

and restore into an empty database (stop the site first):

  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" newsdesk-YYYY-MM-DD.dump

Copy DATA_DIR/media (uploaded images) alongside the dump: the database names the files, it does not hold them.`;

function mediaDirOf(config: Config): string {
  return path.join(config.dataDir, 'media');
}

/** Opens a SQLite file and checks it is a whole Newsdesk database; returns a sentence if it is not. */
function checkDatabaseFile(file: string): string | undefined {
  let db: SQLite.Database | undefined;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') return `${file} is damaged: ${String(integrity)}.`;
    const migrated = db
      .prepare(
        "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('kysely_migration', 'articles')",
      )
      .get() as { n: number };
    if (migrated.n !== 2) return `${file} is a SQLite database, but not a Newsdesk one.`;
    return undefined;
  } catch (error) {
    return `${file} cannot be read as a SQLite database (${(error as Error).message}).`;
  } finally {
    db?.close();
  }
}

const stamp = () =>
  new Date()
    .toISOString()
    .replace(/[:.]/g, '-')
    .replace(/-\d{3}Z$/, 'Z');

/**
 * `newsdesk backup [file]`: a consistent copy of the SQLite database made with SQLite's online backup
 * API while the site keeps running (readers and writers are not stopped; the copy is one point in
 * time), checked with `integrity_check`, plus a copy of the media folder beside it (`<file>.media/`).
 */
export async function backupCommand(args: string[], config: Config): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true });
  if (config.database.dialect === 'postgres') {
    console.log(PG_GUIDANCE);
    return 2;
  }
  const source = config.database.file;
  if (!fs.existsSync(source)) {
    console.error(`There is no database at ${source} yet (check DATA_DIR).`);
    return 1;
  }
  const target = path.resolve(
    positionals[0] ?? path.join(config.dataDir, 'backups', `newsdesk-${stamp()}.db`),
  );
  if (fs.existsSync(target)) {
    console.error(`${target} already exists; choose another name (a backup never overwrites a file).`);
    return 1;
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(target);
  } finally {
    db.close();
  }
  const problem = checkDatabaseFile(target);
  if (problem) {
    console.error(`The backup did not check out: ${problem}`);
    return 1;
  }
  const media = mediaDirOf(config);
  let files = 0;
  if (fs.existsSync(media)) {
    fs.cpSync(media, `${target}.media`, { recursive: true });
    files = fs.readdirSync(`${target}.media`, { recursive: true }).length;
  }
  const size = (fs.statSync(target).size / 1024 / 1024).toFixed(1);
  console.log(`Backed up the database to ${target} (${size} MB, integrity ok) and ${files} media entries.`);
  return 0;
}

/**
 * `newsdesk restore <file>`: puts a backup in place of the current database (stop the site first).
 * The backup is checked before anything is touched; the current database is kept beside it as
 * `newsdesk.db.before-restore-<time>`, so a restore can itself be undone.
 */
export async function restoreCommand(args: string[], config: Config): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true });
  if (config.database.dialect === 'postgres') {
    console.log(PG_GUIDANCE);
    return 2;
  }
  const backup = positionals[0] && path.resolve(positionals[0]);
  if (!backup) {
    console.error('Name the backup to restore: newsdesk restore <file>.');
    return 2;
  }
  const problem = checkDatabaseFile(backup);
  if (problem) {
    console.error(`Nothing was changed: ${problem}`);
    return 1;
  }
  const current = config.database.file;
  fs.mkdirSync(path.dirname(current), { recursive: true });
  const keptAs = `${current}.before-restore-${stamp()}`;
  if (fs.existsSync(current)) {
    // Fold the write-ahead log into the file first, so what is kept aside is whole.
    const db = new SQLite(current);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    fs.renameSync(current, keptAs);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${current}${suffix}`, { force: true });
  }
  fs.copyFileSync(backup, `${current}.restoring`);
  fs.renameSync(`${current}.restoring`, current);
  const media = mediaDirOf(config);
  if (fs.existsSync(`${backup}.media`)) {
    if (fs.existsSync(media)) fs.renameSync(media, `${media}.before-restore-${stamp()}`);
    fs.cpSync(`${backup}.media`, media, { recursive: true });
  }
  console.log(
    `Restored ${backup}.${fs.existsSync(keptAs) ? ` The database it replaced is kept as ${keptAs}.` : ''} Start the site again.`,
  );
  return 0;
}
