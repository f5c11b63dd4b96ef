import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { updateArticle } from '../helpers/articles.ts';
import { cookieHeader, signedInAs } from '../helpers/admin.ts';
import { parsePage, text } from '../helpers/html.ts';
import { eventually, listen, request } from '../helpers/http-client.ts';
import { createTestApp, type TestApp, testDialect } from '../helpers/test-app.ts';

const READER_IP = '203.0.113.7';
const READER_UA = 'Mozilla/5.0 (X11; Linux x86_64) ReaderBrowser/1.0';
const SITE_ORIGIN = 'http://newsdesk.test';

describe('readership: counting views without cookies or addresses', () => {
  let app: TestApp;
  const ids: number[] = [];
  const beacon = (id: number, options: { ip?: string; ua?: string; origin?: string } = {}) =>
    app.http.inject({
      method: 'POST',
      url: `/_view/${id}`,
      remoteAddress: options.ip ?? READER_IP,
      headers: {
        'user-agent': options.ua ?? READER_UA,
        ...(options.origin === '' ? {} : { origin: options.origin ?? SITE_ORIGIN }),
      },
    });
  const viewsOf = async (id: number) => {
    await app.services.viewCounter.flush();
    const rows = await app.database.db
      .selectFrom('article_views')
      .selectAll()
      .where('article_id', '=', id)
      .execute();
    return rows.reduce((sum, r) => sum + Number(r.views), 0);
  };

  before(async () => {
    app = await createTestApp();
    for (const n of [1, 2, 3, 4]) {
      const a = await app.services.articles.create({
        language: 'en',
        slug: `story-${n}`,
        title: `Story number ${n}`,
        status: 'published',
        sectionId: null,
        authorIds: [],
        tags: [],
        publishedAt: `2024-06-2${n}T09:00:00.000Z`,
        body: [{ type: 'paragraph', text: 'Text.' }],
      });
      ids.push(a.id);
    }
  });
  after(() => app.close());

  it('counts a client once a day however often it refreshes, sets no cookie, and answers 204', async () => {
    const id = ids[0]!;
    for (let i = 0; i < 5; i++) {
      const res = await beacon(id);
      assert.equal(res.statusCode, 204);
      assert.equal(res.headers['set-cookie'], undefined, 'no cookie, ever');
      assert.equal(res.headers['cache-control'], 'no-store');
    }
    assert.equal(await viewsOf(id), 1);
    await beacon(id, { ip: '198.51.100.20' });
    await beacon(id, { ua: 'Mozilla/5.0 (Macintosh) OtherBrowser/2.0' });
    assert.equal(await viewsOf(id), 3, 'other clients count');
    await beacon(ids[1]!);
    assert.equal(await viewsOf(ids[1]!), 1, 'the same client reading another story counts');
  });

  it('does not count robots, prefetches, other sites, unknown or unpublished stories', async () => {
    const id = ids[2]!;
    await beacon(id, { ua: 'Googlebot/2.1 (+http://www.google.com/bot.html)' });
    await beacon(id, { ua: '' });
    await beacon(id, { origin: 'https://elsewhere.example' });
    await app.http.inject({
      method: 'POST',
      url: `/_view/${id}`,
      remoteAddress: '192.0.2.1',
      headers: { 'user-agent': READER_UA, 'sec-purpose': 'prefetch' },
    });
    assert.equal(await viewsOf(id), 0);
    assert.equal((await beacon(999_999)).statusCode, 204);
    assert.equal(await viewsOf(999_999), 0);
    assert.equal((await app.http.inject({ method: 'POST', url: '/_view/abc' })).statusCode, 204);
    await beacon(id, { origin: '' });
    assert.equal(await viewsOf(id), 1, 'a beacon without Origin (older browsers) counts');
  });

  it('stores no address, user agent or hash anywhere: only per-story daily totals', async () => {
    await app.services.viewCounter.flush();
    // On PostgreSQL, only this test's own schema (other test files have theirs on the same server).
    const schema =
      testDialect === 'postgres'
        ? (await sql<{ name: string }>`select current_schema() as name`.execute(app.database.db)).rows[0]!
            .name
        : undefined;
    const tables = (await app.database.db.introspection.getTables()).filter(
      (t) => schema === undefined || t.schema === schema,
    );
    assert.ok(tables.length > 10);
    const columns = tables
      .find((t) => t.name === 'article_views')!
      .columns.map((c) => c.name)
      .sort();
    assert.deepEqual(columns, ['article_id', 'day', 'views']);
    for (const table of tables) {
      const rows = await app.database.db
        .selectFrom(table.name as 'articles')
        .selectAll()
        .execute();
      const dump = JSON.stringify(rows);
      for (const secret of [READER_IP, '198.51.100.20', 'ReaderBrowser', 'OtherBrowser'])
        assert.ok(!dump.includes(secret), `${table.name} holds ${secret}`);
    }
  });

  it('a page served from the page cache still counts, through its beacon', async () => {
    const base = await listen(app);
    const path = '/article/story-4';
    await request(base, path);
    const { value: hit } = await eventually(async () => {
      const res = await request(base, path);
      return res.headers['x-cache'] === 'HIT' ? res : undefined;
    }, 5000);
    const script = parsePage(hit.text).querySelector('script[data-beacon]')!;
    assert.equal(script.getAttribute('data-beacon'), `/_view/${ids[3]}`);
    assert.match(script.getAttribute('src')!, /^\/assets\/view-beacon\.js\?v=[0-9a-f]{12}$/);
    assert.ok(script.hasAttribute('defer'));
    const res = await request(base, script.getAttribute('data-beacon')!, {
      method: 'POST',
      headers: { 'user-agent': READER_UA, origin: SITE_ORIGIN },
    });
    assert.equal(res.status, 204);
    assert.equal(await viewsOf(ids[3]!), 1);
    const js = await request(base, script.getAttribute('src')!);
    assert.equal(js.status, 200);
    assert.match(js.text, /sendBeacon/);
  });
});

describe('readership: "Most read" on the home page and beside articles', () => {
  let app: TestApp;
  let base: string;
  const ids: number[] = [];
  const read = async (id: number, readers: number) => {
    for (let i = 0; i < readers; i++)
      await app.http.inject({
        method: 'POST',
        url: `/_view/${id}`,
        remoteAddress: `198.51.100.${i + 1}`,
        headers: { 'user-agent': READER_UA },
      });
  };
  const mostRead = (html: string) =>
    Array.from(parsePage(html).querySelectorAll('.most-read-list .card-title')).map((h) => text(h));

  before(async () => {
    app = await createTestApp();
    for (const n of [1, 2, 3, 4, 5, 6]) {
      const a = await app.services.articles.create({
        language: 'en',
        slug: `ranked-${n}`,
        title: `Ranked story ${n}`,
        status: 'published',
        sectionId: null,
        authorIds: [],
        tags: [],
        publishedAt: new Date(Date.now() - n * 3600_000).toISOString(),
        body: [{ type: 'paragraph', text: 'Text.' }],
      });
      ids.push(a.id);
    }
    base = await listen(app);
  });
  after(() => app.close());

  it('ranks stories by views this week and shows the five most read', async () => {
    const home = await request(base, '/');
    assert.deepEqual(mostRead(home.text), [], 'no list before anyone has read anything');
    await read(ids[2]!, 5);
    await read(ids[0]!, 3);
    await read(ids[4]!, 4);
    await read(ids[1]!, 1);
    await read(ids[3]!, 2);
    await read(ids[5]!, 1);
    await app.services.readership.refresh(app.config.languages);
    await app.services.purger.idle();
    const { value } = await eventually(async () => {
      const res = await request(base, '/');
      return mostRead(res.text).length ? res : undefined;
    }, 5000);
    assert.deepEqual(mostRead(value.text), [
      'Ranked story 3',
      'Ranked story 5',
      'Ranked story 1',
      'Ranked story 4',
      'Ranked story 6',
    ]);
    const heading = parsePage(value.text).querySelector('.most-read h2')!;
    assert.equal(text(heading), 'Most read');
    const article = await app.http.inject({ url: '/article/ranked-3' });
    assert.deepEqual(
      mostRead(article.body),
      ['Ranked story 5', 'Ranked story 1', 'Ranked story 4', 'Ranked story 6'],
      'beside an article, without itself',
    );
    const uk = await app.http.inject({ url: '/uk/' });
    assert.deepEqual(mostRead(uk.body), [], 'per language');
  });

  it('views alone never purge a page; a changed ranking does, at the next refresh', async () => {
    await eventually(async () => {
      const res = await request(base, '/');
      return res.headers['x-cache'] === 'HIT' ? res : undefined;
    }, 5000);
    // 20 readers, one of whom (198.51.100.1) already read it today: 19 new views, 20 in all.
    await read(ids[5]!, 20);
    await app.services.viewCounter.flush();
    assert.equal(
      (await request(base, '/')).headers['x-cache'],
      'HIT',
      'counting leaves the cached page alone',
    );
    assert.deepEqual(await app.services.readership.refresh(app.config.languages), ['en']);
    await app.services.purger.idle();
    const { value } = await eventually(async () => {
      const res = await request(base, '/');
      return mostRead(res.text)[0] === 'Ranked story 6' ? res : undefined;
    }, 5000);
    assert.ok(value);
    assert.deepEqual(await app.services.readership.refresh(app.config.languages), [], 'unchanged: no purge');
  });

  it('unpublished stories leave the list', async () => {
    await updateArticle(app, ids[5]!, { status: 'unpublished' });
    await app.services.readership.refresh(app.config.languages);
    const home = await app.http.inject({ url: '/' });
    assert.ok(!mostRead(home.body).includes('Ranked story 6'));
  });

  it('admin: views per day for the site and per story, as an SVG chart with a table', async () => {
    const { jar } = await signedInAs(app, 'editor');
    const res = await app.http.inject({ url: '/admin/readership', headers: { cookie: cookieHeader(jar) } });
    assert.equal(res.statusCode, 200);
    const page = parsePage(res.body);
    const svg = page.querySelector('svg[role="img"]')!;
    const labelledBy = svg.getAttribute('aria-labelledby')!.split(' ');
    assert.equal(text(page.getElementById(labelledBy[0]!)), 'Views per day, last 30 days');
    assert.match(
      text(page.getElementById(labelledBy[1]!)),
      /^35 views in the last 30 days; the busiest day was .+ with 35 views\.$/,
    );
    const bars = Array.from(svg.querySelectorAll('rect.chart-bar'));
    assert.equal(bars.length, 30);
    const today = new Date().toISOString().slice(0, 10);
    assert.equal(bars.at(-1)!.getAttribute('data-day'), today);
    assert.equal(bars.at(-1)!.getAttribute('data-views'), '35');
    assert.match(text(bars.at(-1)!.querySelector('title')), /: 35 views$/);
    const rows = page.querySelectorAll('.chart-table tbody tr');
    assert.equal(rows.length, 30);
    assert.equal(text(rows[29]!.querySelector('td')), '35');
    const top = Array.from(page.querySelectorAll('.readership-top tbody tr')).map((r) => text(r));
    assert.match(top[0]!, /^Ranked story 6\s*en\s*20$/);
    assert.equal(page.querySelectorAll('script:not([src])').length, 0, 'no inline script');

    const one = await app.http.inject({
      url: `/admin/readership/articles/${ids[2]}`,
      headers: { cookie: cookieHeader(jar) },
    });
    const onePage = parsePage(one.body);
    assert.match(text(onePage.querySelector('h1')), /Views of “Ranked story 3”/);
    assert.match(one.body, /5 views since counting began/);
    assert.equal(onePage.querySelector('rect.chart-bar:last-of-type')!.getAttribute('data-views'), '5');
    const missing = await app.http.inject({
      url: '/admin/readership/articles/999999',
      headers: { cookie: cookieHeader(jar) },
    });
    assert.equal(missing.statusCode, 404);

    const { jar: authorJar } = await signedInAs(app, 'author');
    const denied = await app.http.inject({
      url: '/admin/readership',
      headers: { cookie: cookieHeader(authorJar) },
    });
    assert.equal(denied.statusCode, 403);
  });
});
