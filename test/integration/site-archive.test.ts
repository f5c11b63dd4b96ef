import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { type App, createApp } from '../../src/app.ts';
import { ARCHIVE_TABLES, unclassifiedTables } from '../../src/archive/archive-tables.ts';
import { exportSite } from '../../src/archive/site-export.ts';
import { ArchiveError } from '../../src/archive/site-import.ts';
import { importSiteInto } from '../../src/cli/site.command.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { signedInAs } from '../helpers/admin.ts';
import { commentClock, postComment, publishedStory, storyPath } from '../helpers/comments.ts';
import { snapshot, tableRows } from '../helpers/db-snapshot.ts';
import { createTestApp, newsdesk, type TestApp, testDialect } from '../helpers/test-app.ts';

/** The source site is always SQLite (the file a newsroom moves house from); the target is this run's dialect. */
async function createSqliteSite(clock: ReturnType<typeof commentClock>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-archive-src-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SITE_URL: 'http://newsdesk.test',
    NEWSDESK_DEMO: '1',
  });
  const database = openDatabase({ dialect: 'sqlite', file: path.join(dataDir, 'newsdesk.db') });
  const app = await createApp({ config, database, logger: createLogger('silent'), clock });
  return { app, dataDir };
}

async function createEmptySqliteSite() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-archive-back-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SITE_URL: 'http://newsdesk.test',
    NEWSDESK_DEMO: '0',
  });
  const database = openDatabase({ dialect: 'sqlite', file: path.join(dataDir, 'newsdesk.db') });
  return { app: await createApp({ config, database, logger: createLogger('silent') }), dataDir };
}

/** Every file under a folder, with its bytes (as base64), sorted by name. */
function filesUnder(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  const out: Record<string, string> = {};
  for (const name of (fs.readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isFile()) out[name] = fs.readFileSync(full).toString('base64');
  }
  return out;
}

/** Rewrites an archive line by line (as text), for damaged archives. */
function rewrite(from: string, to: string, change: (lines: string[]) => string[]) {
  const lines = zlib.gunzipSync(fs.readFileSync(from)).toString('utf8').trimEnd().split('\n');
  fs.writeFileSync(to, zlib.gzipSync(`${change(lines).join('\n')}\n`));
}

const normalise = (html: string) => html.replace(/name="started" value="[^"]+"/g, 'name="started" value=""');

describe(`newsdesk export and import-site (SQLite → ${testDialect})`, () => {
  const clock = commentClock();
  let source: App;
  let sourceDir: string;
  let target: TestApp;
  let archive: string;
  let story: Awaited<ReturnType<typeof publishedStory>>;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-archive-'));

  before(async () => {
    ({ app: source, dataDir: sourceDir } = await createSqliteSite(clock));
    await source.loadDemoIfEmpty({ reutersCount: 4 });
    const s = source as unknown as TestApp;
    // Media: an uploaded image (files in every variant) used as a story's lead image.
    const photo = await sharp({ create: { width: 700, height: 400, channels: 3, background: '#446688' } })
      .jpeg()
      .toBuffer();
    const image = await source.services.media.upload({
      data: photo,
      fileName: 'harbour.jpg',
      texts: { alt: 'The harbour at dawn', caption: 'Odesa', credit: 'Newsdesk' },
      uploadedBy: null,
    });
    story = await publishedStory(s, 'Grain ships leave Odesa');
    // The editor: revisions, an autosave, a correction and a translation with its provenance link.
    const editor = await signedInAs(s, 'editor');
    const form = {
      ...source.services.editorial.emptyForm('en'),
      title: 'Harbour reopens',
      body: JSON.stringify([
        { type: 'paragraph', text: 'Ships are moving again.' },
        { type: 'image', src: image.url, alt: image.alt, mediaId: image.id },
      ]),
    };
    const created = await source.services.editorial.create(editor.user, form);
    await source.services.editorial.autosave(editor.user, created.id, created.version, {
      ...form,
      title: 'Harbour reopens at last',
    });
    const published = await source.services.editorial.save(
      editor.user,
      created.id,
      created.version,
      { ...form, title: 'Harbour reopens at last' },
      'publish',
    );
    await source.services.editorial.addCorrection(
      editor.user,
      published.id,
      'correction',
      'The date was wrong.',
    );
    await source.services.editorial.translate(editor.user, published.id, 'uk');
    // Names in another language.
    const world = (await source.services.taxonomy.listSections()).find((x) => x.slug === 'world')!;
    await source.services.taxonomy.saveSectionTranslation({
      sectionId: world.id,
      language: 'uk',
      name: 'Світ',
    });
    // Comments: a thread with a reply, one held for moderation.
    const first = await postComment(s, clock, storyPath(story), { body: 'First!', name: 'Olena' });
    assert.equal(first.statusCode, 303, first.body);
    const top = await source.database.db.selectFrom('comments').select('id').executeTakeFirstOrThrow();
    await source.services.comments.moderate([top.id], 'approve');
    const reply = await postComment(
      s,
      clock,
      storyPath(story),
      {
        body: 'A reply with a link https://example.org/x',
        name: 'Taras',
        email: 'taras@example.com',
        website: 'https://taras.example',
        parentId: String(top.id),
      },
      { ip: '198.51.100.20', waitMs: 120_000 },
    );
    assert.equal(reply.statusCode, 303, reply.body);
    // A webhook with its secret, and a day of readership.
    await source.services.webhooks.create(
      { url: 'https://hooks.example.com/newsdesk', description: 'Wire', events: ['article.published'] },
      editor.user.id,
    );
    await source.database.db
      .insertInto('article_views')
      .values({ article_id: story.id, day: '2026-03-01', views: 42 })
      .execute();
    await source.services.purger.idle();
    archive = path.join(work, 'site.ndjson.gz');
    const result = await exportSite(
      { db: source.database.db, dialect: 'sqlite', mediaDir: source.config.media.dir },
      archive,
      { secrets: true },
    );
    assert.ok(result.files > 5, `media files exported: ${result.files}`);
    target = await createTestApp();
    await importSiteInto(target, archive);
  });

  after(async () => {
    await source.close();
    await target.close();
    fs.rmSync(sourceDir, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('knows how every table of the schema moves (exported or rebuilt)', async () => {
    assert.deepEqual(await unclassifiedTables(target.database.db, target.database.dialect), []);
    assert.deepEqual(await unclassifiedTables(source.database.db, 'sqlite'), []);
  });

  it('brings every row of every exported table across unchanged', async () => {
    for (const table of ARCHIVE_TABLES) {
      const before = await tableRows(source.database.db, table.name);
      const after = await tableRows(target.database.db, table.name);
      assert.deepEqual(after, before, `table ${table.name}`);
    }
    const counts = async (app: App) => ({
      comments: (await tableRows(app.database.db, 'comments')).length,
      revisions: (await tableRows(app.database.db, 'article_revisions')).length,
      media: (await tableRows(app.database.db, 'media')).length,
      webhooks: (await tableRows(app.database.db, 'webhooks')).length,
    });
    const got = await counts(target);
    assert.ok(
      got.comments === 2 && got.revisions >= 2 && got.media >= 1 && got.webhooks === 1,
      JSON.stringify(got),
    );
  });

  it('brings every media file across byte for byte', () => {
    const before = filesUnder(source.config.media.dir);
    assert.ok(Object.keys(before).length > 5);
    assert.deepEqual(filesUnder(target.config.media.dir), before);
  });

  it('rebuilds what is derived: search finds the same stories, related stories the same picks', async () => {
    const ids = async (app: App) =>
      (await app.services.search.search({ text: 'harbour', language: 'en' })).hits
        .map((h) => h.articleId)
        .sort();
    assert.deepEqual(await ids(target), await ids(source));
    assert.ok((await ids(target)).length > 0);
    const picks = async (app: App) =>
      (await tableRows(app.database.db, 'related_picks')).map((r) => {
        const { computed_at: _ignored, ...rest } = JSON.parse(r) as Record<string, unknown>;
        return JSON.stringify(rest);
      });
    assert.deepEqual(await picks(target), await picks(source));
  });

  it('renders a reader page and the home page identically', async () => {
    for (const url of [storyPath(story), '/', '/uk/']) {
      const a = await source.http.inject({ url });
      const b = await target.http.inject({ url });
      assert.equal(b.statusCode, 200, url);
      assert.equal(normalise(b.body), normalise(a.body), url);
    }
  });

  it('goes on numbering new rows after the imported ones', async () => {
    const created = await publishedStory(target, 'A story written after the move');
    const highest = await source.database.db
      .selectFrom('articles')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    assert.ok(created.id > Number(highest.id));
  });

  it('leaves out password hashes, webhooks and signing keys with --without-secrets', async () => {
    const file = path.join(work, 'public.ndjson.gz');
    await exportSite({ db: source.database.db, dialect: 'sqlite', mediaDir: source.config.media.dir }, file, {
      secrets: false,
    });
    const text = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
    assert.doesNotMatch(text, /scrypt|whsec_|"t":"webhooks"|comments\.form_secret/);
    assert.match(text, /"t":"users","r":\{[^}]*"password_hash":null/);
    assert.match(text, /"secrets":false/);
  });

  it(`moves back: ${testDialect} → SQLite, every table and file again`, async () => {
    const file = path.join(work, 'back.ndjson.gz');
    await exportSite(
      { db: target.database.db, dialect: target.database.dialect, mediaDir: target.config.media.dir },
      file,
      { secrets: true },
    );
    const { app: back, dataDir } = await createEmptySqliteSite();
    try {
      await importSiteInto(back, file);
      for (const table of ARCHIVE_TABLES) {
        const moved = await tableRows(back.database.db, table.name);
        const live = await tableRows(target.database.db, table.name);
        // The live site keeps filling its cache tables (a purge planner noting a story's facts) while and
        // after it exports: every cached row that moved must be the live one, but the live site may have more.
        if (table.name.startsWith('cache_'))
          assert.deepEqual(
            moved.filter((row) => !live.includes(row)),
            [],
            table.name,
          );
        else assert.deepEqual(moved, live, table.name);
      }
      assert.deepEqual(filesUnder(back.config.media.dir), filesUnder(target.config.media.dir));
    } finally {
      await back.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  describe('refuses a bad archive with a sentence and writes nothing', () => {
    let empty: TestApp;
    before(async () => {
      empty = await createTestApp();
    });
    after(() => empty.close());

    const cases: Array<[string, (file: string) => void, RegExp]> = [
      [
        'a file that is not an archive',
        (f) => fs.writeFileSync(f, 'hello, world\n'),
        /not a Newsdesk site archive/,
      ],
      ['an archive cut short', (f) => rewrite(archive, f, (lines) => lines.slice(0, -3)), /cut short/],
      [
        'gzip bytes cut off in the middle',
        (f) => {
          const bytes = fs.readFileSync(archive);
          fs.writeFileSync(f, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
        },
        /damaged|cut short/,
      ],
      [
        'a table Newsdesk does not know',
        (f) =>
          rewrite(archive, f, (l) => [...l.slice(0, 30), '{"t":"pg_authid","r":{"x":1}}', ...l.slice(30)]),
        /names a table Newsdesk does not import/,
      ],
      [
        'a media file that does not match its checksum',
        (f) =>
          rewrite(archive, f, (lines) =>
            lines.map((line) => (line.startsWith('{"f":') ? line.replace(/"b":"./, '"b":"A') : line)),
          ),
        /does not match its checksum/,
      ],
      [
        'a media file climbing out of the media folder',
        (f) =>
          rewrite(archive, f, (lines) =>
            lines.map((line) =>
              line.startsWith('{"f":') ? line.replace(/"f":"[^"]+"/, '"f":"../../etc/x"') : line,
            ),
          ),
        /not a media key/,
      ],
      [
        'a row the database refuses (a story in a missing section)',
        (f) =>
          rewrite(archive, f, (lines) =>
            lines.map((line) =>
              line.startsWith('{"t":"articles"')
                ? line.replace(/"section_id":\d+/, '"section_id":99999')
                : line,
            ),
          ),
        /could not be read into this database/,
      ],
      [
        'an archive from a newer Newsdesk',
        (f) =>
          rewrite(archive, f, ([head, ...rest]) => [
            head!.replace('"migrations":[', '"migrations":["9999_future",'),
            ...rest,
          ]),
        /newer Newsdesk/,
      ],
    ];
    for (const [name, make, message] of cases) {
      it(name, async () => {
        const file = path.join(work, `bad-${name.replace(/\W+/g, '-')}.gz`);
        make(file);
        const before = await snapshot(empty.database.db);
        await assert.rejects(
          importSiteInto(empty, file),
          (error: Error) => error instanceof ArchiveError && message.test(error.message),
        );
        assert.deepEqual(await snapshot(empty.database.db), before);
        assert.deepEqual(filesUnder(empty.config.media.dir), {});
        const siblings = fs.readdirSync(path.dirname(empty.config.media.dir));
        assert.deepEqual(
          siblings.filter((n) => n.includes('importing')),
          [],
        );
      });
    }

    it('a database that is not empty', async () => {
      await assert.rejects(importSiteInto(target, archive), /only fills an empty site/);
    });
  });

  it(
    'works from the command line: export while the site runs, import-site into a new database',
    { skip: testDialect === 'postgres' && 'the command-line run is SQLite to SQLite' },
    async () => {
      const file = path.join(work, 'cli.ndjson.gz');
      const out = await newsdesk({ DATA_DIR: sourceDir }, 'export', file);
      assert.equal(out.status, 0, out.stderr);
      assert.match(out.stdout, /Exported \d+ stories, 2 comments, \d+ rows in all and \d+ media files/);
      const again = await newsdesk({ DATA_DIR: sourceDir }, 'export', file);
      assert.equal(again.status, 1);
      assert.match(again.stderr, /already exists/);
      const fresh = path.join(work, 'fresh');
      const imported = await newsdesk({ DATA_DIR: fresh }, 'import-site', file);
      assert.equal(imported.status, 0, imported.stderr);
      assert.match(imported.stdout, /Imported \d+ stories, 2 comments/);
      const bad = path.join(work, 'cut.gz');
      rewrite(file, bad, (lines) => lines.slice(0, -1));
      const refused = await newsdesk({ DATA_DIR: path.join(work, 'fresh2') }, 'import-site', bad);
      assert.equal(refused.status, 1);
      assert.match(refused.stderr, /cut short.*Nothing was imported/);
      const copy = openDatabase({ dialect: 'sqlite', file: path.join(fresh, 'newsdesk.db') });
      try {
        for (const table of ARCHIVE_TABLES)
          assert.deepEqual(
            await tableRows(copy.db, table.name),
            await tableRows(source.database.db, table.name),
            table.name,
          );
      } finally {
        await copy.close();
      }
    },
  );
});
