import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cookieHeader, csrfFor, signedInAs } from '../../helpers/admin.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

/** Admin routes anyone may reach: signing in and out, invitations, and the editor's code bundle. */
const PUBLIC = [/^\/admin\/login$/, /^\/admin\/logout$/, /^\/admin\/invite\//, /^\/admin\/assets\//];
/** What a contributor may use at all; every other admin route must refuse them. */
const CONTRIBUTOR_MAY = [
  'GET /admin',
  'GET /admin/articles',
  'GET /admin/articles/new',
  'POST /admin/articles',
];

// Walks every admin route the app registered (its route table, so routes that land later are walked
// too): a visitor who is not signed in is refused everywhere but the public pages, and a contributor
// everywhere but their own few pages — including every route about someone else's article.
describe('every admin route refuses a role that may not use it', () => {
  let app: TestApp;
  let contributorJar: Record<string, string>;
  let token: string;
  let articleId: number;
  let contributorArticleId: number;

  before(async () => {
    app = await createTestApp();
    const editor = await signedInAs(app, 'editor');
    const article = await app.services.editorial.create(editor.user, {
      ...app.services.editorial.emptyForm('en'),
      title: 'The editor’s own story',
    });
    articleId = article.id;
    const contributor = await signedInAs(app, 'contributor');
    contributorArticleId = (
      await app.services.editorial.create(contributor.user, {
        ...app.services.editorial.emptyForm('en'),
        title: 'The contributor’s own draft',
      })
    ).id;
    const csrf = await csrfFor(app, '/admin/articles/new', contributor.jar);
    contributorJar = csrf.jar;
    token = csrf.token;
  });
  after(() => app.close());

  const adminRoutes = () =>
    app.http.routeTable
      .filter((r) => r.url.startsWith('/admin') && !PUBLIC.some((p) => p.test(r.url)))
      .map((r) => ({ method: r.method, url: r.url.replace(/:[A-Za-z]+/g, String(articleId)) }));

  it('finds the editor’s routes in the route table', () => {
    const urls = adminRoutes().map((r) => `${r.method} ${r.url}`);
    for (const expected of [
      `GET /admin/articles/${articleId}/edit`,
      `POST /admin/articles/${articleId}/autosave`,
      `GET /admin/articles/${articleId}/preview`,
      `POST /admin/articles/${articleId}/translate`,
    ])
      assert.ok(urls.includes(expected), expected);
  });

  it('refuses visitors who are not signed in', async () => {
    for (const route of adminRoutes()) {
      const res = await app.http.inject({
        method: route.method as 'GET',
        url: route.url,
        headers: { accept: 'text/html' },
        ...(route.method === 'GET' ? {} : { payload: {} }),
      });
      assert.ok([303, 401, 403].includes(res.statusCode), `${route.method} ${route.url} → ${res.statusCode}`);
      if (res.statusCode === 303) assert.match(res.headers.location as string, /^\/admin\/login/);
    }
  });

  it('refuses a contributor everything but their own pages', async () => {
    for (const route of adminRoutes()) {
      const key = `${route.method} ${route.url}`;
      if (CONTRIBUTOR_MAY.includes(key)) continue;
      const res = await app.http.inject({
        method: route.method as 'GET',
        url: route.url,
        headers: {
          cookie: cookieHeader(contributorJar),
          'x-csrf-token': token,
          ...(route.method === 'GET' ? {} : { 'content-type': 'application/json' }),
        },
        ...(route.method === 'GET' ? {} : { payload: JSON.stringify({ _csrf: token }) }),
      });
      assert.equal(res.statusCode, 403, `${key} → ${res.statusCode}`);
    }
  });

  it('opens the related-stories panel of a story only to those who may open the story', async () => {
    const panel = (id: number, jar: Record<string, string>) =>
      app.http.inject({ url: `/admin/related/${id}`, headers: { cookie: cookieHeader(jar) } });
    const own = await panel(contributorArticleId, contributorJar);
    assert.equal(own.statusCode, 200);
    assert.match(own.body, /The contributor’s own draft/);
    const other = await panel(articleId, contributorJar);
    assert.equal(other.statusCode, 403);
    assert.doesNotMatch(other.body, /The editor’s own story/);
    const author = await signedInAs(app, 'author');
    assert.equal((await panel(articleId, author.jar)).statusCode, 403);
    const editor = await signedInAs(app, 'editor', 'second-editor@newsroom.test');
    assert.equal((await panel(contributorArticleId, editor.jar)).statusCode, 200);
    assert.equal((await panel(99_999, editor.jar)).statusCode, 404);
  });
});
