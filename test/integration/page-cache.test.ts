import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import type { FastifyReply } from 'fastify';
import type { Article } from '../../src/content/types.ts';
import { updateArticle } from '../helpers/articles.ts';
import { parsePage, text } from '../helpers/html.ts';
import { eventually, listen, request } from '../helpers/http-client.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/** Two sections, two authors, three stories: enough to see a purge touch some pages and spare others. */
async function newsroom(app: TestApp) {
  const { taxonomy, articles } = app.services;
  const world = await taxonomy.createSection({ name: 'World' });
  const business = await taxonomy.createSection({ name: 'Business' });
  const maria = await taxonomy.createAuthor({ name: 'Maria Kovalenko' });
  const tom = await taxonomy.createAuthor({ name: 'Tom Reid' });
  const story = (title: string, sectionId: number, authorId: number, publishedAt: string) =>
    articles.create({
      language: 'en',
      title,
      body: [{ type: 'paragraph', text: `${title}. The first paragraph of the story.` }],
      status: 'published',
      sectionId,
      authorIds: [authorId],
      publishedAt,
    });
  const talks = await story('Talks resume in Geneva', world.id, maria.id, '2026-03-01T08:00:00.000Z');
  const summit = await story('Summit ends without a deal', world.id, maria.id, '2026-03-01T09:00:00.000Z');
  const rates = await story('Central bank holds rates', business.id, tom.id, '2026-03-01T10:00:00.000Z');
  await app.services.purger.idle();
  return { world, business, maria, tom, talks, summit, rates };
}

const pathOf = (a: Article) => `/${a.section!.slug}/${a.slug}`;

describe('page cache', () => {
  let app: TestApp;
  let base: string;
  let room: Awaited<ReturnType<typeof newsroom>>;
  const get = (path: string, headers: Record<string, string> = {}) => request(base, path, { headers });
  const state = async (path: string) => (await get(path)).headers['x-cache'] ?? 'MISS';
  /** Requests a page until it is a fresh hit again (a stale copy triggers one regeneration). */
  const fresh = async (path: string) =>
    (
      await eventually(async () => {
        const res = await get(path);
        return res.headers['x-cache'] === 'HIT' ? res : undefined;
      }, 2000)
    ).value;

  before(async () => {
    app = await createTestApp();
    room = await newsroom(app);
    // Pages no real route makes: what must never be stored.
    const page = (name: string, extra: (reply: FastifyReply) => void) =>
      app.http.get(`/probe/${name}`, async (_request, reply) => {
        reply.header('Surrogate-Key', 'site probe').header('Cache-Control', 'public, max-age=60');
        extra(reply);
        return reply.type('text/html; charset=utf-8').send(`<!doctype html><p>${name} ${Math.random()}</p>`);
      });
    page('plain', () => {});
    page('sets-cookie', (reply) => reply.header('Set-Cookie', 'nd_seen=1; Path=/'));
    page('private', (reply) => reply.header('Cache-Control', 'private, max-age=60'));
    page('no-store', (reply) => reply.header('Cache-Control', 'no-store'));
    page('varies', (reply) => reply.header('Vary', 'Accept-Language'));
    app.http.get('/probe/unnamed', async (_request, reply) =>
      reply.header('Cache-Control', 'public, max-age=60').type('text/html').send(`<p>${Math.random()}</p>`),
    );
    base = await listen(app);
  });
  after(() => app.close());

  it('keeps a page on first view and serves the same bytes from memory, precompressed, with ETag and 304', async () => {
    const path = pathOf(room.talks);
    const first = await get(path);
    assert.equal(first.status, 200);
    assert.equal(first.headers['x-cache'], undefined, 'the first view is rendered');
    const hit = await get(path);
    assert.equal(hit.headers['x-cache'], 'HIT');
    assert.equal(hit.text, first.text);
    assert.equal(text(parsePage(hit.text).querySelector('h1')), 'Talks resume in Geneva');
    assert.match(String(hit.headers['surrogate-key']), new RegExp(`\\barticle:${room.talks.id}\\b`));
    assert.match(String(hit.headers['cache-control']), /^public, max-age=60/);
    assert.equal(hit.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(hit.headers.vary, 'Accept-Encoding');
    assert.ok(hit.headers['content-security-policy'], 'security headers are kept with the page');
    assert.match(String(hit.headers.etag), /^W\/"[\w-]+"$/);

    const br = await get(path, { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(zlib.brotliDecompressSync(br.body).toString(), first.text);
    assert.ok(br.body.length < first.body.length / 2);
    const gz = await get(path, { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(zlib.gunzipSync(gz.body).toString(), first.text);
    const refused = await get(path, { 'accept-encoding': 'br;q=0, gzip;q=0' });
    assert.equal(refused.headers['content-encoding'], undefined);
    assert.equal(refused.text, first.text);

    const revalidated = await get(path, { 'if-none-match': String(hit.headers.etag) });
    assert.equal(revalidated.status, 304);
    assert.equal(revalidated.body.length, 0);
    assert.equal(revalidated.headers.etag, hit.headers.etag);
    const changed = await get(path, { 'if-none-match': 'W/"something-else"' });
    assert.equal(changed.status, 200);

    const head = await request(base, path, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], String(first.body.length));
    assert.equal(head.body.length, 0);

    // Tracking parameters do not make a new page.
    assert.equal(await state(`${path}?utm_source=newsletter&fbclid=x`), 'HIT');
  });

  it('purges exactly the pages a change touches: a corrected headline spares pages that do not show the story', async () => {
    // Five newer World stories push the oldest, "Talks", out of every "More in World" box.
    const newer = [];
    for (let i = 1; i <= 5; i++)
      newer.push(
        await app.services.articles.create({
          language: 'en',
          title: `World briefing number ${i}`,
          body: [{ type: 'paragraph', text: 'News in brief.' }],
          status: 'published',
          sectionId: room.world.id,
          publishedAt: `2026-03-02T0${i}:00:00.000Z`,
        }),
      );
    await app.services.purger.idle();
    const pages = [
      pathOf(room.talks),
      pathOf(room.summit),
      pathOf(newer[0]!),
      pathOf(room.rates),
      '/',
      '/world',
      '/business',
      '/author/tom-reid',
      '/author/maria-kovalenko',
    ];
    for (const path of pages) await fresh(path);
    await updateArticle(app, room.talks.id, { title: 'Talks resume in Geneva after a pause' });
    await app.services.purger.idle();

    // Shows the story: its page, the home page, World's list and Maria's (its author).
    for (const path of [pathOf(room.talks), '/', '/world', '/author/maria-kovalenko'])
      assert.equal(await state(path), 'STALE', path);
    // Does not show it — not even the other World stories, whose "More in World" lists are unchanged.
    for (const path of [
      pathOf(room.summit),
      pathOf(newer[0]!),
      pathOf(room.rates),
      '/business',
      '/author/tom-reid',
    ])
      assert.equal(await state(path), 'HIT', path);

    const page = await fresh(pathOf(room.talks));
    assert.equal(text(parsePage(page.text).querySelector('h1')), 'Talks resume in Geneva after a pause');
    const list = await fresh('/world');
    assert.ok(list.text.includes('Talks resume in Geneva after a pause'));
  });

  it('a new story purges the lists it joins (home, its section, its author) and nothing else', async () => {
    const pages = [
      '/',
      '/world',
      '/business',
      pathOf(room.rates),
      '/author/tom-reid',
      '/author/maria-kovalenko',
    ];
    for (const path of pages) await fresh(path);
    const markets = await app.services.articles.create({
      language: 'en',
      title: 'Markets rally on the news',
      body: [{ type: 'paragraph', text: 'Shares rose.' }],
      status: 'published',
      sectionId: room.business.id,
      authorIds: [room.tom.id],
    });
    await app.services.purger.idle();
    for (const path of ['/', '/business', pathOf(room.rates), '/author/tom-reid'])
      assert.equal(await state(path), 'STALE', path);
    for (const path of ['/world', '/author/maria-kovalenko']) assert.equal(await state(path), 'HIT', path);
    assert.ok((await fresh('/business')).text.includes('Markets rally on the news'));
    assert.equal((await get(pathOf(markets))).status, 200);
  });

  it('a purge never makes a crowd wait: everyone gets the stale page while exactly one request renders it', async () => {
    const path = pathOf(room.summit);
    await fresh(path);
    let renders = 0;
    // Every render of a story page asks the reader cache for the story (which may have it already).
    const readerCache = app.services.readerCache;
    const original = readerCache.remember;
    readerCache.remember = (async (
      key: string,
      ...rest: Parameters<typeof original> extends [string, ...infer R] ? R : never
    ) => {
      if (key.startsWith('published:')) {
        renders++;
        await new Promise((resolve) => setTimeout(resolve, 50)); // a slow database
      }
      return original(key, ...rest);
    }) as typeof original;
    try {
      await updateArticle(app, room.summit.id, { dek: 'Leaders left without a communiqué.' });
      await app.services.purger.idle();
      const crowd = await Promise.all(Array.from({ length: 30 }, () => get(path)));
      assert.ok(crowd.every((res) => res.status === 200));
      assert.ok(crowd.every((res) => res.headers['x-cache'] === 'STALE' || res.headers['x-cache'] === 'HIT'));
      const page = await fresh(path);
      assert.ok(page.text.includes('Leaders left without a communiqué.'));
      assert.equal(renders, 1, 'one regeneration for thirty readers');

      // A page nobody has asked for yet: the first request renders it, the others wait for that one.
      renders = 0;
      const cold = `${pathOf(room.rates)}?page=1`;
      const wave = await Promise.all(Array.from({ length: 20 }, () => get(cold)));
      assert.ok(wave.every((res) => res.status === 200 && res.text === wave[0]!.text));
      assert.equal(renders, 1, 'one render for twenty readers of a cold page');
    } finally {
      readerCache.remember = original;
    }
  });

  it('a story taken down is gone at once: never served stale', async () => {
    const story = await app.services.articles.create({
      language: 'en',
      title: 'A story the lawyers want down',
      body: [{ type: 'paragraph', text: 'Allegations.' }],
      status: 'published',
      sectionId: room.world.id,
    });
    await app.services.purger.idle();
    const path = pathOf(story);
    await fresh(path);
    assert.ok((await fresh('/world')).text.includes('A story the lawyers want down'));
    await updateArticle(app, story.id, { status: 'unpublished' });
    await app.services.purger.idle();
    assert.equal((await get(path)).status, 404);
    const list = await get('/world');
    assert.ok(!list.text.includes('A story the lawyers want down'), 'lists that showed it are dropped too');
  });

  it('never serves or stores a personal view: session or commenter cookie, credentials, non-GET', async () => {
    const path = pathOf(room.rates);
    await fresh(path);
    for (const cookie of ['nd_session=abc', '__Host-nd_session=abc', 'theme=dark; nd_commenter=xyz']) {
      const res = await get(path, { cookie });
      assert.equal(res.status, 200);
      assert.equal(res.headers['x-cache'], undefined, cookie);
      assert.equal(res.headers['cache-control'], 'private, no-store', cookie);
    }
    const withCredentials = await get(path, { authorization: 'Bearer abc' });
    assert.equal(withCredentials.headers['x-cache'], undefined);
    // Other cookies (a theme, analytics) do not make a view personal.
    assert.equal((await get(path, { cookie: 'theme=dark; nd_csrf=1' })).headers['x-cache'], 'HIT');

    // Rendered first for a commenter: not kept, so the next anonymous reader gets a fresh render.
    const cold = '/business?page=1';
    const personal = await get(cold, { cookie: 'nd_commenter=xyz' });
    assert.equal(personal.headers['cache-control'], 'private, no-store');
    assert.equal(await state(cold), 'MISS');
    assert.equal(await state(cold), 'HIT');
    const post = await request(base, cold, { method: 'POST', body: '' });
    assert.equal(post.headers['x-cache'], undefined);
  });

  it('never stores a response that sets a cookie, says private or no-store, varies, or names nothing', async () => {
    assert.equal(await state('/probe/plain'), 'MISS');
    assert.equal(await state('/probe/plain'), 'HIT', 'the control is stored');
    for (const name of ['sets-cookie', 'private', 'no-store', 'varies', 'unnamed']) {
      const first = await get(`/probe/${name}`);
      const second = await get(`/probe/${name}`);
      assert.equal(second.headers['x-cache'], undefined, name);
      assert.notEqual(second.text, first.text, `${name} is rendered each time`);
    }
    assert.equal((await get('/no-such-page')).status, 404);
    assert.equal((await get('/no-such-page')).headers['x-cache'], undefined, 'errors are not stored');
  });
});

describe('page cache: the CDN purge hook', () => {
  let app: TestApp;
  let hook: http.Server;
  const calls: Array<{ method: string; headers: http.IncomingHttpHeaders; body: string }> = [];
  let answer = 200;

  before(async () => {
    hook = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        calls.push({ method: req.method!, headers: req.headers, body });
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const port = (hook.address() as AddressInfo).port;
    app = await createTestApp({
      env: {
        PURGE_HOOK_URL: `http://127.0.0.1:${port}/purge`,
        PURGE_HOOK_METHOD: 'PURGE',
        PURGE_HOOK_HEADER: 'Fastly-Key: secret-key',
      },
    });
  });
  after(async () => {
    await app.close();
    hook.close();
  });

  it('tells the CDN which keys to purge, once per change, with its key; retries later when it fails', async () => {
    const room = await newsroom(app);
    calls.length = 0;
    await updateArticle(app, room.rates.id, { title: 'Central bank holds rates steady' });
    await app.services.purger.idle();
    assert.equal(calls.length, 1);
    const call = calls[0]!;
    assert.equal(call.method, 'PURGE');
    assert.equal(call.headers['surrogate-key'], `article:${room.rates.id}`);
    assert.equal(call.headers['fastly-key'], 'secret-key');
    assert.equal(call.headers['fastly-soft-purge'], '1');
    assert.deepEqual(JSON.parse(call.body), { surrogate_keys: [`article:${room.rates.id}`] });

    const page = await app.http.inject({ url: pathOf(room.rates) });
    assert.equal(page.headers['surrogate-control'], 'max-age=86400', 'the CDN may keep pages it can purge');

    answer = 503;
    await updateArticle(app, room.rates.id, { title: 'Central bank holds rates, for now' });
    await app.services.purger.idle();
    const retry = await app.database.db
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', 'cache.purge-hook')
      .executeTakeFirst();
    assert.ok(retry, 'a failed purge is kept as a job');
    assert.deepEqual(JSON.parse(retry.payload), { keys: [`article:${room.rates.id}`], soft: true });
  });
});
