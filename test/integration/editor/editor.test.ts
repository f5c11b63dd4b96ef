import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../../../src/shared/clock.ts';
import { cookieHeader, cookiesOf, csrfFor, signedInAs } from '../../helpers/admin.ts';
import { parsePage, text } from '../../helpers/html.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

const body = [
  { type: 'heading', level: 2, text: 'What happened' },
  { type: 'paragraph', text: 'Ships left the port at dawn.', marks: [{ type: 'bold', start: 0, end: 5 }] },
  { type: 'quote', text: 'We are ready.', attribution: 'The captain' },
];

describe('the article editor', () => {
  let app: TestApp;
  const clock = fixedClock('2026-04-01T08:00:00.000Z');
  let jar: Record<string, string>;
  let sectionId: number;
  let authorId: number;
  const missing: string[] = [];

  before(async () => {
    app = await createTestApp({ clock, onMissingMessage: (lang, key) => missing.push(`${lang}:${key}`) });
    sectionId = (await app.services.taxonomy.createSection({ name: 'World' })).id;
    authorId = (await app.services.taxonomy.createAuthor({ name: 'Ada Reporter' })).id;
    jar = (await signedInAs(app, 'editor')).jar;
  });
  after(() => app.close());

  /** Posts the editor's form as a browser without JavaScript would. */
  async function post(url: string, formUrl: string, fields: Array<[string, string]>) {
    const { token, jar: withCsrf } = await csrfFor(app, formUrl, jar);
    jar = withCsrf;
    return app.http.inject({
      method: 'POST',
      url,
      headers: { cookie: cookieHeader(withCsrf), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([['_csrf', token], ...fields]).toString(),
    });
  }

  const fields = (overrides: Record<string, string> = {}): Array<[string, string]> => [
    ['title', 'Grain ships leave Odesa'],
    ['dek', 'The first convoy in weeks.'],
    ['slug', ''],
    ['language', 'en'],
    ['sectionId', String(sectionId)],
    ['authorIds', String(authorId)],
    ['tags', 'Ukraine, Shipping'],
    ['body', JSON.stringify(body)],
    ['leadUrl', 'https://images.example.org/ship.jpg'],
    ['leadAlt', 'A ship leaving port'],
    ['leadCaption', 'The first ship'],
    ['leadCredit', 'Photo: Port authority'],
    ['source.outlet', 'Port News'],
    ['source.originalUrl', 'https://port.example.org/story'],
    ['seoTitle', 'Grain ships leave Odesa | Newsdesk'],
    ['seoDescription', 'The first convoy in weeks left Odesa.'],
    ...Object.entries(overrides),
  ];
  const replace = (list: Array<[string, string]>, name: string, value: string) =>
    list.map(([k, v]): [string, string] => [k, k === name ? value : v]);

  let articleId: number;

  it('creates an article with every field from a plain form', async () => {
    const page = await app.http.inject({
      url: '/admin/articles/new',
      headers: { cookie: cookieHeader(jar) },
    });
    assert.equal(page.statusCode, 200);
    const doc = parsePage(page.body);
    for (const name of [
      'title',
      'dek',
      'slug',
      'sectionId',
      'authorIds',
      'tags',
      'body',
      'leadMediaId',
      'leadUrl',
      'leadAlt',
      'leadCaption',
      'leadCredit',
      'source.outlet',
      'source.translator',
      'language',
      'translationOfId',
      'seoTitle',
      'seoDescription',
    ])
      assert.ok(doc.querySelector(`[name="${name}"]`), `field ${name}`);
    assert.ok(doc.querySelector('script[type="module"][src^="/admin/assets/editor.js?v="]'));
    assert.equal(doc.querySelectorAll('script:not([src])').length, 0, 'no inline scripts');

    const res = await post('/admin/articles', '/admin/articles/new', fields());
    assert.equal(res.statusCode, 303);
    const match = /^\/admin\/articles\/(\d+)\/edit\?done=created$/.exec(res.headers.location as string);
    assert.ok(match);
    articleId = Number(match[1]);
    const article = (await app.services.articles.getById(articleId))!;
    assert.equal(article.status, 'draft');
    assert.equal(article.slug, 'grain-ships-leave-odesa');
    assert.deepEqual(article.body, body);
    assert.deepEqual(
      article.tags.map((t) => t.name),
      ['Ukraine', 'Shipping'],
    );
    assert.equal(article.authors[0]?.name, 'Ada Reporter');
    assert.equal(article.leadImage?.credit, 'Photo: Port authority');
    assert.equal(article.source?.outlet, 'Port News');
    assert.equal(article.seoTitle, 'Grain ships leave Odesa | Newsdesk');

    const edit = parsePage(
      (await app.http.inject({ url: res.headers.location as string, headers: { cookie: cookieHeader(jar) } }))
        .body,
    );
    assert.equal(text(edit.querySelector('.notice--success')), 'The article was created as a draft.');
    assert.equal(edit.querySelector('#title')?.getAttribute('value'), 'Grain ships leave Odesa');
    assert.equal(edit.querySelector('input[name="version"]')?.getAttribute('value'), '1');
  });

  it('comes back with what was typed and a sentence next to each wrong field', async () => {
    const res = await post(`/admin/articles/${articleId}`, `/admin/articles/${articleId}/edit`, [
      ...replace(replace(fields(), 'title', ''), 'slug', 'Not A Slug!'),
      ['version', '1'],
      ['action', 'save'],
    ]);
    assert.equal(res.statusCode, 422);
    const doc = parsePage(res.body);
    assert.equal(
      text(doc.querySelector('#title-error')),
      'Please give the article a headline (at most 300 characters).',
    );
    assert.equal(doc.querySelector('#dek')?.textContent, 'The first convoy in weeks.');
    assert.equal(doc.querySelector('#slug')?.getAttribute('value'), 'Not A Slug!');
    assert.equal((await app.services.articles.getById(articleId))!.version, 1, 'nothing was written');
  });

  it('refuses raw HTML in the body: only block JSON passes the checker', async () => {
    const res = await post(`/admin/articles/${articleId}`, `/admin/articles/${articleId}/edit`, [
      ...replace(fields(), 'body', JSON.stringify([{ type: 'html', html: '<script>alert(1)</script>' }])),
      ['version', '1'],
      ['action', 'save'],
    ]);
    assert.equal(res.statusCode, 422);
    assert.match(
      text(parsePage(res.body).querySelector('#body-error')),
      /The body could not be saved as it is/,
    );
    const bad = await post(`/admin/articles/${articleId}`, `/admin/articles/${articleId}/edit`, [
      ...replace(fields(), 'body', '<p>not json</p>'),
      ['version', '1'],
      ['action', 'save'],
    ]);
    assert.equal(bad.statusCode, 422);
    // What was typed comes back, escaped, in the body field.
    assert.match(bad.body, /<textarea id="body"[^>]*>&lt;p>not json&lt;\/p><\/textarea>/);
  });

  it('handles slug collisions: a chosen address in use is refused, an empty one is made unique', async () => {
    const other = await app.services.articles.create({
      language: 'en',
      title: 'Another story',
      slug: 'taken-address',
      body: [],
      status: 'draft',
    });
    assert.ok(other);
    const res = await post(`/admin/articles/${articleId}`, `/admin/articles/${articleId}/edit`, [
      ...replace(fields(), 'slug', 'taken-address'),
      ['version', '1'],
      ['action', 'save'],
    ]);
    assert.equal(res.statusCode, 422);
    assert.equal(
      text(parsePage(res.body).querySelector('#slug-error')),
      'Another article already uses this address; choose a different one.',
    );
    const twin = await post('/admin/articles', '/admin/articles/new', fields());
    const twinId = Number(/(\d+)/.exec(twin.headers.location as string)![1]);
    assert.equal((await app.services.articles.getById(twinId))!.slug, 'grain-ships-leave-odesa-2');
  });

  it('shows a conflict page with both versions instead of overwriting a newer save', async () => {
    // Someone else saves first (version 1 → 2).
    const first = await post(`/admin/articles/${articleId}`, `/admin/articles/${articleId}/edit`, [
      ...replace(fields(), 'dek', 'Their standfirst.'),
      ['version', '1'],
      ['action', 'save'],
    ]);
    assert.equal(first.statusCode, 303);
    // This writer still has version 1 open.
    const res = await post(`/admin/articles/${articleId}`, `/admin/articles/${articleId}/edit`, [
      ...replace(fields(), 'dek', 'My standfirst.'),
      ['version', '1'],
      ['action', 'save'],
    ]);
    assert.equal(res.statusCode, 409);
    const doc = parsePage(res.body);
    const versions = Array.from(doc.querySelectorAll('.conflict-grid section')).map((s) => text(s));
    assert.match(versions[0]!, /My standfirst\./);
    assert.match(versions[1]!, /Their standfirst\./);
    assert.equal(text(doc.querySelector('.diff-added')), 'Your version: » My standfirst.');
    assert.equal((await app.services.articles.getById(articleId))!.dek, 'Their standfirst.');
    // Keeping mine knowingly saves on top of version 2.
    const carried = Array.from(doc.querySelectorAll('form input[type="hidden"]'))
      .map((i): [string, string] => [i.getAttribute('name')!, i.getAttribute('value') ?? ''])
      .filter(([name]) => name !== '_csrf');
    assert.deepEqual(
      carried.find(([n]) => n === 'version'),
      ['version', '2'],
    );
    const keep = await post(`/admin/articles/${articleId}`, `/admin/articles/${articleId}/edit`, [
      ...carried,
      ['action', 'save'],
    ]);
    assert.equal(keep.statusCode, 303);
    assert.equal((await app.services.articles.getById(articleId))!.dek, 'My standfirst.');
  });

  it('autosaves into a revision through a JSON endpoint with the CSRF token in a header', async () => {
    const { token, jar: withCsrf } = await csrfFor(app, `/admin/articles/${articleId}/edit`, jar);
    const payload = JSON.stringify({
      version: 3,
      fields: Object.fromEntries(replace(fields(), 'title', 'Grain ships leave Odesa, autosaved')),
    });
    const without = await app.http.inject({
      method: 'POST',
      url: `/admin/articles/${articleId}/autosave`,
      headers: { cookie: cookieHeader(withCsrf), 'content-type': 'application/json' },
      payload,
    });
    assert.equal(without.statusCode, 403);
    const res = await app.http.inject({
      method: 'POST',
      url: `/admin/articles/${articleId}/autosave`,
      headers: { cookie: cookieHeader(withCsrf), 'content-type': 'application/json', 'x-csrf-token': token },
      payload,
    });
    assert.equal(res.statusCode, 200);
    const { revisionId } = res.json() as { revisionId: number };
    const revisions = await app.services.editorial.revisions(articleId);
    assert.equal(revisions[0]?.id, revisionId);
    assert.equal(revisions[0]?.kind, 'autosave');
    assert.equal(
      (await app.services.articles.getById(articleId))!.title,
      'Grain ships leave Odesa',
      'article untouched',
    );
    assert.deepEqual(cookiesOf(res), {});
  });

  it('serves the editor bundle, built on first use, cacheable by its hash', async () => {
    const page = parsePage(
      (
        await app.http.inject({
          url: `/admin/articles/${articleId}/edit`,
          headers: { cookie: cookieHeader(jar) },
        })
      ).body,
    );
    const src = page.querySelector('script[src^="/admin/assets/editor.js"]')!.getAttribute('src')!;
    const res = await app.http.inject({ url: src });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /javascript/);
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.ok(res.body.length > 50_000);
  });

  it('has every message in both languages', () => {
    assert.deepEqual(missing, []);
  });
});
