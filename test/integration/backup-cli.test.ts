import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDatabase } from '../../src/db/database.ts';
import { snapshot } from '../helpers/db-snapshot.ts';
import { createTestApp, newsdesk, type TestApp, testDialect, testPgUrl } from '../helpers/test-app.ts';

async function fingerprint(file: string) {
  const handle = openDatabase({ dialect: 'sqlite', file });
  try {
    return await snapshot(handle.db);
  } finally {
    await handle.close();
  }
}

describe('newsdesk backup and restore', { skip: testDialect === 'postgres' && 'SQLite only' }, () => {
  let app: TestApp;
  let dataDir: string;
  let stopped = false;
  before(async () => {
    app = await createTestApp({ demo: 3 });
    dataDir = app.dataDir;
  });
  after(async () => {
    if (!stopped) await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('backs up while the site runs and writes, restores exactly that, and keeps what it replaced', async () => {
    const section = await app.services.taxonomy.createSection({ name: 'Live' });
    let writes = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        await app.services.articles.create({
          language: 'en',
          title: `Written during the backup ${writes}`,
          body: [{ type: 'paragraph', text: 'Text.' }],
          status: 'published',
          sectionId: section.id,
        });
        writes++;
        // better-sqlite3 answers synchronously: let the event loop see the backup process finish.
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const target = path.join(dataDir, 'copies', 'b.db');
    const run = await newsdesk({ DATA_DIR: dataDir }, 'backup', target);
    writing = false;
    await writer;
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /integrity ok/);
    assert.ok(writes > 0, 'the site was writing while the backup ran');

    const backedUp = await fingerprint(target);
    assert.ok(Object.keys(backedUp).length >= 15, 'every table is in the copy');
    assert.match(backedUp.articles ?? '', /^[1-9]\d*:/);
    assert.equal((await newsdesk({ DATA_DIR: dataDir }, 'backup', target)).status, 1, 'never overwrites');

    await app.services.articles.create({
      language: 'en',
      title: 'Written after the backup',
      body: [{ type: 'paragraph', text: 'Text.' }],
      status: 'published',
      sectionId: section.id,
    });
    // The site stops (restore is for a stopped site); its data folder stays for the restore.
    stopped = true;
    await app.services.jobs.stop();
    await app.http.close();
    await app.database.close();

    const garbage = path.join(dataDir, 'not-a-backup.db');
    fs.writeFileSync(garbage, 'hello');
    const refused = await newsdesk({ DATA_DIR: dataDir }, 'restore', garbage);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /Nothing was changed/);

    const restored = await newsdesk({ DATA_DIR: dataDir }, 'restore', target);
    assert.equal(restored.status, 0, restored.stderr);
    assert.deepEqual(await fingerprint(path.join(dataDir, 'newsdesk.db')), backedUp);
    const keptAside = fs.readdirSync(dataDir).filter((f) => f.startsWith('newsdesk.db.before-restore-'));
    assert.equal(keptAside.length, 1);
    const before = await fingerprint(path.join(dataDir, keptAside[0]!));
    assert.notEqual(before.articles, backedUp.articles, 'the replaced database still has the later story');
  });
});

describe('newsdesk backup on PostgreSQL', { skip: testDialect !== 'postgres' && 'PostgreSQL only' }, () => {
  it('explains pg_dump and pg_restore instead of pretending', async () => {
    const run = await newsdesk({ DATABASE_URL: testPgUrl, DATA_DIR: '/tmp/hardening-pg-backup' }, 'backup');
    assert.equal(run.status, 2);
    assert.match(run.stdout, /pg_dump --format=custom/);
    assert.match(run.stdout, /pg_restore/);
  });
});
