import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cookieHeader, signedInAs } from '../helpers/admin.ts';
import { listen, request } from '../helpers/http-client.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/** With a real session from the sign-in form: an editor's view never enters, nor comes from, the shared cache. */
describe('page cache and a signed-in editor', () => {
  let app: TestApp;
  let base: string;
  let jar: Record<string, string>;
  let path: string;
  before(async () => {
    app = await createTestApp();
    const story = await app.services.articles.create({
      language: 'en',
      title: 'Harbour reopens after the storm',
      body: [{ type: 'paragraph', text: 'Ferries ran again on Tuesday.' }],
      status: 'published',
    });
    await app.services.purger.idle();
    path = `/article/${story.slug}`;
    ({ jar } = await signedInAs(app, 'editor'));
    base = await listen(app);
  });
  after(() => app.close());

  it('the editor’s request is rendered for them, marked private, and not kept for readers', async () => {
    assert.ok(
      Object.keys(jar).some((name) => /nd_session$/.test(name)),
      'signed in with a session cookie',
    );
    const editor = await request(base, path, { headers: { cookie: cookieHeader(jar) } });
    assert.equal(editor.status, 200);
    assert.equal(editor.headers['x-cache'], undefined);
    assert.equal(editor.headers['cache-control'], 'private, no-store');
    // Had the editor's page been stored, this would be a hit.
    const reader = await request(base, path);
    assert.equal(reader.headers['x-cache'], undefined, 'the first anonymous view is rendered');
    assert.match(String(reader.headers['cache-control']), /^public/);
    assert.equal((await request(base, path)).headers['x-cache'], 'HIT');
    // Now cached for readers, yet the editor still gets their own render.
    const again = await request(base, path, { headers: { cookie: cookieHeader(jar) } });
    assert.equal(again.headers['x-cache'], undefined);
    assert.equal(again.headers['cache-control'], 'private, no-store');
  });
});
