import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/** Two instances on different machines see one media directory (MEDIA_DIR on a shared mount). */
describe('media storage: a shared MEDIA_DIR', () => {
  const shared = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-media-'));
  let one: TestApp;
  let two: TestApp;
  before(async () => {
    one = await createTestApp({ env: { MEDIA_DIR: shared } });
    two = await createTestApp({ env: { MEDIA_DIR: shared } });
  });
  after(async () => {
    await one.close();
    await two.close();
    fs.rmSync(shared, { recursive: true, force: true });
  });

  it('stores an upload in MEDIA_DIR, not the data directory, and every instance serves it', async () => {
    const bytes = Buffer.from('\x89PNG\r\n\x1a\n a picture of a flood barrier');
    await one.services.storage.put('2026/03/flood-barrier.png', bytes, 'image/png');
    assert.deepEqual(fs.readFileSync(path.join(shared, '2026/03/flood-barrier.png')), bytes);
    assert.equal(fs.existsSync(path.join(one.dataDir, 'media', '2026/03/flood-barrier.png')), false);
    assert.equal(
      one.services.storage.urlFor('2026/03/flood-barrier.png'),
      '/media/2026/03/flood-barrier.png',
    );

    const served = await two.http.inject({ url: '/media/2026/03/flood-barrier.png' });
    assert.equal(served.statusCode, 200);
    assert.equal(served.headers['content-type'], 'image/png');
    assert.deepEqual(served.rawPayload, bytes);
    assert.deepEqual(await two.services.storage.get('2026/03/flood-barrier.png'), bytes);

    await two.services.storage.delete('2026/03/flood-barrier.png');
    assert.equal(await one.services.storage.get('2026/03/flood-barrier.png'), undefined);
    assert.equal((await one.http.inject({ url: '/media/2026/03/flood-barrier.png' })).statusCode, 404);
  });

  it('refuses keys that would leave the media directory', async () => {
    for (const key of ['../outside.png', '/etc/passwd', 'a/../../b.png', '.hidden'])
      await assert.rejects(
        one.services.storage.put(key, Buffer.from('x'), 'image/png'),
        /not a valid media key/,
      );
  });
});
