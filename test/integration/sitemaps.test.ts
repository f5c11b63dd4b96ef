import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SEED_SLUG } from '../../src/content/demo/seed.ts';
import { createSiteUrls } from '../../src/content/urls.ts';
import { createSitemapService } from '../../src/feeds/sitemap.service.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { ABSOLUTE, parseXml, W3C_DATETIME } from '../helpers/xml.ts';

type Node = Record<string, unknown>;
const REPEATED = ['sitemap', 'url', 'xhtml:link'];
const NOW = '2024-07-01T12:00:00.000Z';
const hoursAgo = (h: number) => new Date(Date.parse(NOW) - h * 3_600_000).toISOString();

describe('sitemaps, the Google News sitemap and robots.txt', () => {
  let app: TestApp;
  const clock = fixedClock(NOW);
  const get = (url: string) => app.http.inject({ url });
  const xml = async (url: string) => {
    const res = await get(url);
    assert.equal(res.statusCode, 200, url);
    assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8', url);
    return parseXml(res.body, REPEATED);
  };
  const urlsOf = async (url: string) => ((await xml(url)).urlset as Node).url as Node[] | undefined;

  before(async () => {
    app = await createTestApp({ demo: 120, clock });
  });
  after(() => app.close());

  it('/sitemap.xml is an index naming every language’s sitemaps, each with lastmod', async () => {
    const index = (await xml('/sitemap.xml')).sitemapindex as Node;
    assert.equal(index['@_xmlns'], 'http://www.sitemaps.org/schemas/sitemap/0.9');
    const entries = index.sitemap as Node[];
    assert.deepEqual(
      entries.map((s) => s.loc),
      [
        'http://newsdesk.test/sitemaps/pages-1.xml',
        'http://newsdesk.test/sitemaps/articles-1.xml',
        'http://newsdesk.test/uk/sitemaps/pages-1.xml',
        'http://newsdesk.test/uk/sitemaps/articles-1.xml',
      ],
    );
    for (const entry of entries) assert.match(String(entry.lastmod), W3C_DATETIME);

    const uk = ((await xml('/uk/sitemap.xml')).sitemapindex as Node).sitemap as Node[];
    assert.deepEqual(
      uk.map((s) => s.loc),
      ['http://newsdesk.test/uk/sitemaps/pages-1.xml', 'http://newsdesk.test/uk/sitemaps/articles-1.xml'],
    );
  });

  it('article sitemaps list every published story once, with lastmod, hreflang pairs and lead images', async () => {
    const urls = (await urlsOf('/sitemaps/articles-1.xml'))!;
    const published = await app.services.articles.countPublished({ language: 'en' });
    assert.equal(urls.length, published);
    assert.equal(new Set(urls.map((u) => u.loc)).size, urls.length);
    for (const url of urls) {
      assert.match(String(url.loc), /^http:\/\/newsdesk\.test\/[a-z-]+\/[a-z0-9-]+$/);
      assert.match(String(url.lastmod), W3C_DATETIME);
    }
    const seed = urls.find((u) => u.loc === `http://newsdesk.test/world/${SEED_SLUG}`)!;
    assert.equal(seed.lastmod, '2024-06-20T09:30:00.000Z');
    const alternates = (seed['xhtml:link'] as Node[]).map((l) => [l['@_hreflang'], l['@_href']]);
    const ukUrl =
      'http://newsdesk.test/uk/world/krok-vidchaiu-time-proanalizuvav-shcho-naspravdi-oznachav-vizyt-putina-do-kndr';
    assert.deepEqual(alternates, [
      ['en', seed.loc],
      ['uk', ukUrl],
      ['x-default', seed.loc],
    ]);
    assert.equal((seed['image:image'] as Node)['image:loc'], 'http://newsdesk.test/media/demo/seed-lead.jpg');

    // The Ukrainian sitemap lists the translation and points back with the same set (hreflang must be
    // symmetric), in the configured languages' order.
    const uk = (await urlsOf('/uk/sitemaps/articles-1.xml'))!;
    assert.equal(uk.length, 1);
    assert.equal(uk[0]!.loc, ukUrl);
    assert.deepEqual(
      (uk[0]!['xhtml:link'] as Node[]).map((l) => [l['@_hreflang'], l['@_href']]),
      [
        ['en', seed.loc],
        ['uk', ukUrl],
        ['x-default', seed.loc],
      ],
    );
  });

  it('the listing sitemap holds home, sections, authors and tags that have stories', async () => {
    const locs = (await urlsOf('/sitemaps/pages-1.xml'))!.map((u) => String(u.loc));
    for (const expected of [
      '/',
      '/world',
      '/asia',
      '/business',
      '/author/alex',
      '/author/reuters',
      '/tag/north-korea',
    ]) {
      assert.ok(locs.includes(`http://newsdesk.test${expected}`), expected);
    }
    const ukLocs = (await urlsOf('/uk/sitemaps/pages-1.xml'))!.map((u) => String(u.loc));
    assert.ok(ukLocs.includes('http://newsdesk.test/uk/world'));
    assert.ok(!ukLocs.includes('http://newsdesk.test/uk/business'), 'no empty listings');
    assert.ok(!ukLocs.includes('http://newsdesk.test/uk/author/reuters'));
  });

  it('paginates: no sitemap holds more than its limit, and together they hold every story once', async () => {
    const small = createSitemapService({
      db: app.database.db,
      taxonomy: app.services.taxonomy,
      urls: createSiteUrls('http://newsdesk.test', 'en'),
      languages: ['en', 'uk'],
      defaultLanguage: 'en',
      siteName: 'Newsdesk',
      clock,
      urlsPerSitemap: 25,
    });
    const index = parseXml(await small.index('en'), REPEATED).sitemapindex as Node;
    const locs = (index.sitemap as Node[]).map((s) => String(s.loc));
    const articlePages = locs.filter((l) => l.includes('/sitemaps/articles-') && !l.includes('/uk/'));
    const published = await app.services.articles.countPublished({ language: 'en' });
    assert.equal(articlePages.length, Math.ceil(published / 25));
    const seen = new Set<string>();
    for (let page = 1; page <= articlePages.length; page++) {
      const urls = (parseXml((await small.sitemap('en', 'articles', page))!, REPEATED).urlset as Node)
        .url as Node[];
      assert.ok(urls.length <= 25 && urls.length > 0);
      for (const u of urls) {
        assert.ok(!seen.has(String(u.loc)), 'no story twice');
        seen.add(String(u.loc));
      }
    }
    assert.equal(seen.size, published);
    assert.equal(await small.sitemap('en', 'articles', articlePages.length + 1), undefined);
    assert.ok(locs.filter((l) => l.includes('/sitemaps/pages-')).length >= 2, 'listings paginate too');
  });

  it('unknown sitemap pages are 404', async () => {
    for (const url of [
      '/sitemaps/articles-0.xml',
      '/sitemaps/articles-2.xml',
      '/sitemaps/other-1.xml',
      '/sitemaps/pages-x.xml',
    ]) {
      assert.equal((await get(url)).statusCode, 404, url);
    }
  });

  it('the news sitemap holds stories of the last 48 hours only, with publication, language, date and title', async () => {
    const world = await app.services.taxonomy.findSectionBySlug('world');
    const story = (title: string, hours: number, language = 'en') => ({
      language,
      title,
      status: 'published' as const,
      sectionId: world!.id,
      publishedAt: hoursAgo(hours),
      body: [{ type: 'paragraph', text: 'Text.' }],
    });
    await app.services.articles.createMany([
      story('One hour old & fresh', 1),
      story('Forty-seven hours old', 47),
      story('Forty-nine hours old', 49),
      story('Одна година', 2, 'uk'),
      story('Scheduled for tomorrow', -24),
    ]);
    const urls = (await urlsOf('/news-sitemap.xml'))!;
    const news = (u: Node) => u['news:news'] as Node;
    assert.deepEqual(
      urls.map((u) => news(u)['news:title']),
      ['One hour old & fresh', 'Одна година', 'Forty-seven hours old'],
    );
    const first = news(urls[0]!);
    assert.deepEqual(first['news:publication'], { 'news:name': 'Newsdesk', 'news:language': 'en' });
    assert.equal(first['news:publication_date'], hoursAgo(1));
    assert.match(String(first['news:publication_date']), W3C_DATETIME);
    assert.equal((news(urls[1]!)['news:publication'] as Node)['news:language'], 'uk');
    for (const u of urls) assert.match(String(u.loc), ABSOLUTE);

    const uk = (await urlsOf('/uk/news-sitemap.xml'))!;
    assert.deepEqual(
      uk.map((u) => news(u)['news:title']),
      ['Одна година'],
    );
  });

  it('the news sitemap stops at 1,000 stories, the newest', async () => {
    const many = Array.from({ length: 1005 }, (_, i) => ({
      language: 'en',
      title: `Bulletin ${i}`,
      status: 'published' as const,
      publishedAt: new Date(Date.parse(NOW) - (i + 1) * 60_000).toISOString(),
      body: [{ type: 'paragraph', text: 'Text.' }],
    }));
    await app.services.articles.createMany(many);
    const urls = (await urlsOf('/news-sitemap.xml'))!;
    assert.equal(urls.length, 1000);
    assert.equal((urls[0]!['news:news'] as Node)['news:title'], 'Bulletin 0');
  });

  it('robots.txt names the sitemap index and the news sitemap', async () => {
    const res = await get('/robots.txt');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8');
    const lines = res.body.split('\n');
    assert.ok(lines.includes('Sitemap: http://newsdesk.test/sitemap.xml'));
    assert.ok(lines.includes('Sitemap: http://newsdesk.test/news-sitemap.xml'));
    assert.ok(lines.includes('User-agent: *'));
    assert.ok(lines.includes('Disallow: /admin/'));
    assert.ok(lines.includes('Disallow: /uk/search?'));
    assert.equal((await get('/uk/robots.txt')).statusCode, 404, 'robots.txt lives at the root only');
  });
});
