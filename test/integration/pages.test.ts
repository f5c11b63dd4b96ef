import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SEED_SLUG } from '../../src/content/demo/seed.ts';
import { parsePage, text } from '../helpers/html.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

describe('reader pages', () => {
  let app: TestApp;
  before(async () => {
    app = await createTestApp({ demo: 400 });
  });
  after(() => app.close());

  const get = (url: string, headers: Record<string, string> = {}) => app.http.inject({ url, headers });

  it('home: the seed story leads, latest stories beside it, a block per section, each card complete', async () => {
    const res = await get('/');
    assert.equal(res.statusCode, 200);
    const doc = parsePage(res.body);
    const lead = doc.querySelector('.front-lead .card');
    assert.equal(lead?.querySelector('.card-title a')?.getAttribute('href'), `/world/${SEED_SLUG}`);
    assert.equal(text(lead?.querySelector('.card-byline')), 'by alex');
    assert.ok(lead?.querySelector('img[width][height]'));
    assert.ok(lead?.querySelector('time[datetime]'));
    assert.ok(text(lead?.querySelector('.card-dek')).length > 20);
    assert.equal(doc.querySelectorAll('.latest-list li').length, 8);
    const blocks = Array.from(doc.querySelectorAll('.section-block h2')).map((h) => text(h));
    assert.ok(
      blocks.includes('World') && blocks.includes('Business') && blocks.includes('Energy'),
      blocks.join(','),
    );
    assert.match(String(res.headers['surrogate-key']), /\bhome\b/);
  });

  it('section pages nest (World › Asia) and include their subsections’ stories', async () => {
    const world = parsePage((await get('/world')).body);
    assert.equal(text(world.querySelector('h1')), 'World');
    const subsections = Array.from(world.querySelectorAll('.subsections a')).map((a) =>
      a.getAttribute('href'),
    );
    assert.deepEqual(subsections, ['/asia', '/europe']);
    const kickers = Array.from(world.querySelectorAll('.listing .kicker')).map((k) => text(k));
    assert.ok(kickers.includes('Asia') || kickers.includes('Europe'));

    const asia = parsePage((await get('/asia')).body);
    assert.equal(text(asia.querySelector('nav.breadcrumb')), 'Home » World » Asia');
    assert.equal(asia.querySelector('.section-nav a[aria-current="page"]')?.textContent, 'World');
  });

  it('section pages paginate, and a bad page number is a clear 400', async () => {
    const first = parsePage((await get('/business')).body);
    const next = first.querySelector('.pagination a[rel="next"]')?.getAttribute('href');
    assert.equal(next, '/business?page=2');
    const second = await get('/business?page=2');
    assert.equal(second.statusCode, 200);
    assert.match(text(parsePage(second.body).querySelector('.pagination-status')), /Page 2 of \d+/);

    for (const bad of ['abc', '0', '-1', '1.5', '99999999']) {
      const res = await get(`/business?page=${bad}`);
      assert.equal(res.statusCode, 400, bad);
      assert.match(res.body, /The page number must be a whole number from 1 to 10,000\./);
    }
    assert.equal((await get('/business?page=9999')).statusCode, 404);
    assert.equal((await get('/business?utm_source=newsletter')).statusCode, 200);
  });

  it('author pages show the bio and the author’s stories', async () => {
    const doc = parsePage((await get('/author/alex')).body);
    assert.equal(text(doc.querySelector('h1')), 'alex');
    assert.match(text(doc.querySelector('.listing-intro')), /world desk/);
    assert.equal(doc.querySelector('.listing .card-title a')?.getAttribute('href'), `/world/${SEED_SLUG}`);
  });

  it('tag pages list the stories with that tag', async () => {
    const doc = parsePage((await get('/tag/north-korea')).body);
    assert.equal(text(doc.querySelector('h1')), 'Stories tagged “North Korea”');
    assert.equal(doc.querySelectorAll('.listing > li').length, 1);
  });

  it('unknown pages get a 404 page that looks like the site', async () => {
    for (const url of [
      '/no-such-section',
      '/world/no-such-story',
      '/author/nobody',
      '/tag/nothing',
      '/a/b/c/d',
    ]) {
      const res = await get(url);
      assert.equal(res.statusCode, 404, url);
      const doc = parsePage(res.body);
      assert.ok(doc.querySelector('header.masthead'), url);
      assert.equal(text(doc.querySelector('.error-status')), '404');
      assert.equal(doc.querySelector('meta[name="robots"]')?.getAttribute('content'), 'noindex');
    }
  });

  it('a story requested under the wrong section is redirected to where it lives', async () => {
    const res = await get(`/business/${SEED_SLUG}`);
    assert.equal(res.statusCode, 301);
    assert.equal(res.headers.location, `/world/${SEED_SLUG}`);
  });

  it('serves the Ukrainian site under /uk with Ukrainian interface text', async () => {
    const res = await get('/uk/');
    assert.equal(res.statusCode, 200);
    const doc = parsePage(res.body);
    assert.equal(doc.documentElement.getAttribute('lang'), 'uk');
    assert.equal(text(doc.querySelector('.section-nav a')), 'Головна');
    assert.match(
      doc.querySelector('.front-lead .card-title a')?.getAttribute('href') ?? '',
      /^\/uk\/world\//,
    );
  });

  it('every page has a title, description, canonical URL and social cards', async () => {
    for (const url of ['/', '/world', '/author/alex', '/tag/north-korea', `/world/${SEED_SLUG}`, '/uk/']) {
      const doc = parsePage((await get(url)).body);
      assert.ok(text(doc.querySelector('title')), url);
      assert.ok(doc.querySelector('meta[name="description"]')?.getAttribute('content'), url);
      assert.match(
        doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? '',
        /^http:\/\/newsdesk\.test\//,
        url,
      );
      assert.ok(doc.querySelector('meta[property="og:title"]'), url);
      assert.ok(doc.querySelector('meta[name="twitter:card"]'), url);
    }
  });

  it('GET /healthz answers 200 JSON once the database is ready', async () => {
    const res = await get('/healthz');
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().status, 'ok');
    const counters = res.json().readerCache;
    for (const name of ['hits', 'misses', 'entries', 'bytes'])
      assert.ok(Number.isInteger(counters[name]) && counters[name] >= 0, `readerCache.${name} is a count`);
  });

  it('sends security headers on pages', async () => {
    const res = await get('/');
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
    assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['referrer-policy'], 'strict-origin-when-cross-origin');
    assert.ok(res.headers['permissions-policy']);
  });
});

describe('article API', () => {
  let app: TestApp;
  before(async () => {
    app = await createTestApp({ demo: 0 });
  });
  after(() => app.close());

  it('GET /api/v1/articles/{slug} returns the article as JSON', async () => {
    const res = await app.http.inject({ url: `/api/v1/articles/${SEED_SLUG}` });
    assert.equal(res.statusCode, 200);
    const article = res.json();
    assert.equal(
      article.title,
      'A step of desperation: Time analyzed what Putin’s visit to the DPRK really meant',
    );
    assert.deepEqual(
      article.authors.map((a: { name: string }) => a.name),
      ['alex'],
    );
    assert.equal(article.section.name, 'World');
    assert.equal(article.publishedAt, '2024-06-20T09:30:00.000Z');
    assert.equal(article.provenance.originalAuthor, 'Polina Buyanova');
    assert.equal(article.provenance.outlet, '24 Channel');
    assert.equal(article.leadImage.credit, 'Collage 24 Channel');
    assert.equal(article.url, `http://newsdesk.test/world/${SEED_SLUG}`);
    assert.equal(article.body.length, 14);
    assert.deepEqual(article.body[2], {
      type: 'heading',
      level: 2,
      text: "What is the significance of Putin's visit to North Korea",
    });
  });

  it('unknown slug → 404 JSON with a sentence; unknown language → 400', async () => {
    const missing = await app.http.inject({ url: '/api/v1/articles/nothing-here' });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.message, 'There is no published article with this slug.');
    const badLang = await app.http.inject({ url: `/api/v1/articles/${SEED_SLUG}?lang=xx` });
    assert.equal(badLang.statusCode, 400);
    assert.match(badLang.json().error.message, /not published here/);
    const unknownRoute = await app.http.inject({ url: '/api/v1/nothing' });
    assert.equal(unknownRoute.statusCode, 404);
    assert.equal(unknownRoute.json().error.code, 'not_found');
  });
});
