import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { App } from '../app.ts';
import { exportSite } from '../archive/site-export.ts';
import { ArchiveError, importSite, type ImportResult } from '../archive/site-import.ts';

export const EXPORT_USAGE = `Usage: newsdesk export <file> [--without-secrets]
  Writes the whole site (stories with revisions, translations and provenance, sections, tags, authors,
  users, comments, media files, settings, webhooks) to one gzip-compressed JSON-lines archive.
  --without-secrets leaves out password hashes, invitations, webhooks and signing keys.`;

export const IMPORT_SITE_USAGE = `Usage: newsdesk import-site <file>
  Reads an archive written by newsdesk export into an empty database (SQLite or PostgreSQL), in one
  transaction: a damaged or foreign archive is refused and nothing is written.`;

const total = (rows: Record<string, number>) => Object.values(rows).reduce((a, b) => a + b, 0);

/** `newsdesk export <file>`: the whole site into one archive, while the site keeps running. */
export async function exportCommand(args: string[], openApp: () => Promise<App>): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'without-secrets': { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) {
    console.error(EXPORT_USAGE);
    return 2;
  }
  const file = path.resolve(positionals[0]!);
  if (fs.existsSync(file)) {
    console.error(`${file} already exists; choose another name (an export never overwrites a file).`);
    return 1;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const app = await openApp();
  try {
    const result = await exportSite(
      { db: app.database.db, dialect: app.database.dialect, mediaDir: app.config.media.dir },
      file,
      { secrets: !values['without-secrets'] },
    );
    const size = (fs.statSync(file).size / 1024 / 1024).toFixed(1);
    console.log(
      `Exported ${result.rows.articles ?? 0} stories, ${result.rows.comments ?? 0} comments, ` +
        `${total(result.rows)} rows in all and ${result.files} media files to ${file} (${size} MB)` +
        `${values['without-secrets'] ? ', without secrets' : ''}.`,
    );
    for (const skipped of result.skippedFiles)
      console.error(`Left out ${skipped}: not a media file name Newsdesk writes.`);
    return 0;
  } finally {
    await app.close();
  }
}

/** Fills an empty site from an archive, then rebuilds what is derived from it (search, related). */
export async function importSiteInto(app: App, file: string): Promise<ImportResult> {
  const result = await importSite(
    { db: app.database.db, dialect: app.database.dialect, mediaDir: app.config.media.dir },
    file,
  );
  await app.services.search.reindexAll();
  await app.services.related.rebuild();
  await app.services.purger.purge([{ keys: 'all' }]);
  return result;
}

/** `newsdesk import-site <file>`. */
export async function importSiteCommand(args: string[], openApp: () => Promise<App>): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true });
  if (positionals.length !== 1) {
    console.error(IMPORT_SITE_USAGE);
    return 2;
  }
  const app = await openApp();
  try {
    const result = await importSiteInto(app, path.resolve(positionals[0]!));
    console.log(
      `Imported ${result.rows.articles ?? 0} stories, ${result.rows.comments ?? 0} comments, ` +
        `${total(result.rows)} rows in all and ${result.files} media files; search and related stories rebuilt.` +
        (result.secrets
          ? ''
          : ' The archive had no secrets: users need new passwords, and webhooks must be added again.'),
    );
    return 0;
  } catch (error) {
    if (error instanceof ArchiveError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await app.close();
  }
}
