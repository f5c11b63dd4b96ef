import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SEED_SLUG } from '../../src/content/demo/seed.ts';
import { parsePage, text } from '../helpers/html.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { ABSOLUTE, parseXml, RFC_3339, RFC_822 } from '../helpers/xml.ts';

type Node = Record<string, unknown>;
const asNode = (value: unknown) => value as Node;
const SEED_URL = `http://newsdesk.test/world/${SEED_SLUG}`;

/** Every link and image address inside a piece of feed HTML. */
function addressesIn(html: string): string[] {
  const doc = parsePage(`<!doctype html><html><body>${html}</body></html>`);
  return [
    ...Array.from(doc.querySelectorAll('a[href]')).map((a) => a.getAttribute('href')!),
    ...Array.from(doc.querySelectorAll('img[src]')).map((img) => img.getAttribute('src')!),
  ];
}

describe('feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1', () => {
  let app: TestApp;
  const get = (url: string, headers: Record<string, string> = {}) => app.http.inject({ url, headers });

  before(async () => {
    app = await createTestApp({ demo: 30 });
    const world = await app.services.taxonomy.findSectionBySlug('world');
    const author = await app.services.taxonomy.findAuthorBySlug('alex');
    // A story whose body links within the site (relative) and to a fragment, with a site-relative
    // image, a headline that needs escaping and a control character a scraper let through.
    await app.services.articles.create({
      language: 'en',
      slug: 'markup-and-relative-links',
      title: 'Bonds & <b>yields</b>\u0007 rise',
      dek: 'Markets “react” & move.',
      status: 'published',
      sectionId: world!.id,
      authorIds: [author!.id],
      tags: ['Markets & money'],
      publishedAt: '2024-06-21T08:00:00.000Z',
      body: [
        {
          type: 'paragraph',
          text: 'See the world desk and part two.',
          marks: [
            { type: 'link', start: 8, end: 18, href: '/world' },
            { type: 'link', start: 23, end: 31, href: '#part-two' },
          ],
        },
        { type: 'image', src: '/media/demo/seed-lead.jpg', alt: 'Flags', caption: 'A caption' },
        { type: 'heading', level: 2, text: 'Part two' },
        { type: 'paragraph', text: 'The end.' },
      ],
    });
  });
  after(() => app.close());

  it('RSS 2.0: channel and items carry the required elements, RFC 822 dates, full text and credits', async () => {
    const res = await get('/feed.xml');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/rss+xml; charset=utf-8');
    const doc = parseXml(res.body, ['item', 'dc:creator', 'category']);
    const rss = asNode(doc.rss);
    assert.equal(rss['@_version'], '2.0');
    assert.equal(rss['@_xmlns:content'], 'http://purl.org/rss/1.0/modules/content/');
    assert.equal(rss['@_xmlns:dc'], 'http://purl.org/dc/elements/1.1/');
    assert.equal(rss['@_xmlns:media'], 'http://search.yahoo.com/mrss/');
    const channel = asNode(rss.channel);
    assert.equal(channel.title, 'Newsdesk');
    assert.equal(channel.link, 'http://newsdesk.test/');
    assert.ok(String(channel.description).length > 10);
    assert.equal(channel.language, 'en');
    assert.match(String(channel.lastBuildDate), RFC_822);
    const self = asNode(channel['atom:link']);
    assert.equal(self['@_rel'], 'self');
    assert.equal(self['@_href'], 'http://newsdesk.test/feed.xml');
    assert.match(String(asNode(channel.image).url), ABSOLUTE);

    const items = channel.item as Node[];
    assert.equal(items.length, 20);
    for (const item of items) {
      assert.ok(item.title, 'every item has a title');
      assert.match(String(item.link), ABSOLUTE);
      assert.equal(asNode(item.guid)['#text'], item.link);
      assert.equal(asNode(item.guid)['@_isPermaLink'], 'true');
      assert.match(String(item.pubDate), RFC_822);
      assert.ok(String(item['content:encoded']).includes('<p>'), 'full text as HTML');
      for (const address of addressesIn(String(item['content:encoded']))) assert.match(address, ABSOLUTE);
    }
    // Newest first: the story above (21 June 2024), then the seed article (20 June 2024).
    const [first, second] = items;
    assert.equal(first!.title, 'Bonds & <b>yields</b> rise', 'escaped, control character dropped');
    assert.equal(first!.description, 'Markets “react” & move.');
    assert.deepEqual(first!['dc:creator'], ['alex']);
    assert.deepEqual(first!.category, ['World', 'Markets & money']);
    assert.deepEqual(addressesIn(String(first!['content:encoded'])), [
      'http://newsdesk.test/world',
      'http://newsdesk.test/world/markup-and-relative-links#part-two',
      'http://newsdesk.test/media/demo/seed-lead.jpg',
    ]);

    assert.equal(second!.link, SEED_URL);
    assert.equal(second!.pubDate, 'Thu, 20 Jun 2024 09:30:00 GMT');
    const media = asNode(second!['media:content']);
    assert.equal(media['@_url'], 'http://newsdesk.test/media/demo/seed-lead.jpg');
    assert.equal(media['@_medium'], 'image');
    assert.equal(media['@_type'], 'image/jpeg');
    assert.equal(media['@_width'], '1600');
    assert.equal(media['@_height'], '900');
    assert.equal(media['media:credit'], 'Collage 24 Channel');
    const content = parsePage(`<body>${String(second!['content:encoded'])}</body>`);
    assert.equal(text(content.querySelector('figure .credit')), 'Collage 24 Channel');
    assert.equal(content.querySelectorAll('h2').length, 2);
    assert.match(
      text(Array.from(content.querySelectorAll('p')).at(-1)),
      /^Source: Based on an analysis by Time · Original by Polina Buyanova, 24 Channel · Translated from Ukrainian$/,
    );
    const credits = Array.from(content.querySelectorAll('p:last-child a')).map((a) => a.getAttribute('href'));
    assert.deepEqual(credits, ['https://time.com/', 'https://24tv.ua/']);
  });

  it('Atom 1.0: feed and entries carry id, title, updated (RFC 3339), links, authors and HTML content', async () => {
    const res = await get('/feed.atom');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/atom+xml; charset=utf-8');
    const feed = asNode(parseXml(res.body, ['entry', 'link', 'author', 'category']).feed);
    assert.equal(feed['@_xmlns'], 'http://www.w3.org/2005/Atom');
    assert.equal(feed['@_xml:lang'], 'en');
    assert.equal(feed.id, 'http://newsdesk.test/feed.atom');
    assert.equal(feed.title, 'Newsdesk');
    assert.match(String(feed.updated), RFC_3339);
    assert.equal(feed.updated, '2024-06-21T08:00:00Z');
    const links = feed.link as Node[];
    assert.deepEqual(
      links.map((l) => [l['@_rel'], l['@_href']]),
      [
        ['self', 'http://newsdesk.test/feed.atom'],
        ['alternate', 'http://newsdesk.test/'],
      ],
    );
    assert.equal(
      asNode((feed.author as Node[])[0]).name,
      'Newsdesk',
      'a feed-level author, so every entry has one',
    );
    const entries = feed.entry as Node[];
    assert.equal(entries.length, 20);
    for (const entry of entries) {
      assert.match(String(entry.id), ABSOLUTE);
      assert.ok(entry.title);
      assert.match(String(entry.updated), RFC_3339);
      assert.match(String(entry.published), RFC_3339);
      const alternate = (entry.link as Node[]).find((l) => l['@_rel'] === 'alternate');
      assert.equal(alternate?.['@_href'], entry.id);
      const content = asNode(entry.content);
      assert.equal(content['@_type'], 'html');
      for (const address of addressesIn(String(content['#text']))) assert.match(address, ABSOLUTE);
    }
    const seed = entries.find((e) => e.id === SEED_URL)!;
    assert.equal(seed.published, '2024-06-20T09:30:00Z');
    assert.deepEqual(seed.author, [{ name: 'alex', uri: 'http://newsdesk.test/author/alex' }]);
    assert.equal((seed.category as Node[])[0]!['@_term'], 'World');
    const enclosure = (seed.link as Node[]).find((l) => l['@_rel'] === 'enclosure');
    assert.equal(enclosure?.['@_href'], 'http://newsdesk.test/media/demo/seed-lead.jpg');
  });

  it('JSON Feed 1.1: version, feed_url, items with ids, HTML, RFC 3339 dates, authors and language', async () => {
    const res = await get('/feed.json');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/feed+json; charset=utf-8');
    const feed = res.json();
    assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
    assert.equal(feed.title, 'Newsdesk');
    assert.equal(feed.home_page_url, 'http://newsdesk.test/');
    assert.equal(feed.feed_url, 'http://newsdesk.test/feed.json');
    assert.equal(feed.language, 'en');
    assert.match(feed.icon, ABSOLUTE);
    assert.equal(feed.items.length, 20);
    for (const item of feed.items) {
      assert.equal(typeof item.id, 'string');
      assert.match(item.url, ABSOLUTE);
      assert.ok(item.content_html.length > 0);
      assert.match(item.date_published, RFC_3339);
      assert.match(item.date_modified, RFC_3339);
      assert.ok(Array.isArray(item.authors) && item.authors.length > 0);
      assert.equal(item.author, undefined, '1.1 uses authors, not the deprecated author');
      for (const address of addressesIn(item.content_html)) assert.match(address, ABSOLUTE);
    }
    const seed = feed.items.find((i: { id: string }) => i.id === SEED_URL);
    assert.equal(seed.image, 'http://newsdesk.test/media/demo/seed-lead.jpg');
    assert.deepEqual(seed.authors, [{ name: 'alex', url: 'http://newsdesk.test/author/alex' }]);
    assert.deepEqual(seed.tags, ['World', 'Russia', 'North Korea', 'Vladimir Putin', 'Kim Jong-un', 'China']);
  });

  it('feeds per section (with subsections), author, tag and language', async () => {
    const world = parseXml((await get('/world/feed.xml')).body, ['item']);
    const worldChannel = asNode(asNode(world.rss).channel);
    assert.equal(worldChannel.title, 'Newsdesk: World');
    assert.equal(worldChannel.link, 'http://newsdesk.test/world');
    const worldLinks = (worldChannel.item as Node[]).map((i) => String(i.link));
    assert.ok(worldLinks.length > 2);
    assert.ok(
      worldLinks.every((l) => /^http:\/\/newsdesk\.test\/(world|asia|europe)\//.test(l)),
      worldLinks.join(),
    );
    assert.ok(
      worldLinks.some((l) => /\/(asia|europe)\//.test(l)),
      'subsections’ stories are in the section feed',
    );

    const author = (await get('/author/alex/feed.json')).json();
    assert.equal(author.title, 'Newsdesk: stories by alex');
    assert.deepEqual(
      author.items.map((i: { id: string }) => i.id),
      ['http://newsdesk.test/world/markup-and-relative-links', SEED_URL],
    );

    const tag = asNode(parseXml((await get('/tag/north-korea/feed.atom')).body, ['entry']).feed);
    assert.equal(tag.title, 'Newsdesk: stories tagged “North Korea”');
    assert.deepEqual(
      (tag.entry as Node[]).map((e) => e.id),
      [SEED_URL],
    );

    const uk = asNode(asNode(parseXml((await get('/uk/feed.xml')).body, ['item']).rss).channel);
    assert.equal(uk.language, 'uk');
    assert.equal(uk.link, 'http://newsdesk.test/uk/');
    assert.equal(asNode(uk['atom:link'])['@_href'], 'http://newsdesk.test/uk/feed.xml');
    const ukItems = uk.item as Node[];
    assert.equal(ukItems.length, 1);
    assert.match(String(ukItems[0]!.link), /^http:\/\/newsdesk\.test\/uk\/world\/krok-vidchaiu/);
    assert.match(String(ukItems[0]!['content:encoded']), /Джерело|Source/);

    const ukSection = (await get('/uk/world/feed.json')).json();
    assert.equal(ukSection.language, 'uk');
    assert.equal(ukSection.items.length, 1);
  });

  it('unknown sections, authors and tags have no feed: 404', async () => {
    for (const url of [
      '/no-such/feed.xml',
      '/author/nobody/feed.atom',
      '/tag/nothing/feed.json',
      '/BAD!/feed.xml',
    ]) {
      assert.equal((await get(url)).statusCode, 404, url);
    }
  });

  it('answers a conditional GET with 304 until the feed changes', async () => {
    const first = await get('/world/feed.xml');
    const etag = String(first.headers.etag);
    const lastModified = String(first.headers['last-modified']);
    assert.match(etag, /^"[\w-]{27}"$/);
    assert.match(lastModified, RFC_822);
    assert.equal(first.headers['cache-control'], 'public, max-age=300');
    assert.match(String(first.headers['surrogate-key']), /\bsection:\d+\b.*\barticle:\d+\b/);

    const byEtag = await get('/world/feed.xml', { 'if-none-match': etag });
    assert.equal(byEtag.statusCode, 304);
    assert.equal(byEtag.body, '');
    assert.equal((await get('/world/feed.xml', { 'if-none-match': `W/${etag}, "other"` })).statusCode, 304);
    assert.equal((await get('/world/feed.xml', { 'if-modified-since': lastModified })).statusCode, 304);
    assert.equal((await get('/world/feed.xml', { 'if-none-match': '"stale"' })).statusCode, 200);

    const world = await app.services.taxonomy.findSectionBySlug('world');
    await app.services.articles.create({
      language: 'en',
      title: 'A new story for the world desk',
      status: 'published',
      sectionId: world!.id,
      publishedAt: '2024-06-22T08:00:00.000Z',
      body: [{ type: 'paragraph', text: 'News.' }],
    });
    const changed = await get('/world/feed.xml', { 'if-none-match': etag });
    assert.equal(changed.statusCode, 200);
    assert.notEqual(changed.headers.etag, etag);
    assert.ok(Date.parse(String(changed.headers['last-modified'])) > Date.parse(lastModified));
    const sinceBefore = await get('/world/feed.xml', { 'if-modified-since': lastModified });
    assert.equal(sinceBefore.statusCode, 200, 'If-Modified-Since alone also sees the change');
  });

  it('every page links its feeds in the head, its own first; the footer links the feeds page', async () => {
    const feedsOf = async (url: string) =>
      Array.from(parsePage((await get(url)).body).querySelectorAll('head link[rel="alternate"][type]')).map(
        (l) => [l.getAttribute('type'), l.getAttribute('href'), l.getAttribute('title')],
      );
    const home = await feedsOf('/');
    assert.deepEqual(home, [
      ['application/rss+xml', 'http://newsdesk.test/feed.xml', 'Newsdesk (RSS)'],
      ['application/atom+xml', 'http://newsdesk.test/feed.atom', 'Newsdesk (Atom)'],
      ['application/feed+json', 'http://newsdesk.test/feed.json', 'Newsdesk (JSON Feed)'],
    ]);
    const section = await feedsOf('/world');
    assert.deepEqual(section[0], [
      'application/rss+xml',
      'http://newsdesk.test/world/feed.xml',
      'Newsdesk: World (RSS)',
    ]);
    assert.equal(section.length, 6);
    assert.equal((await feedsOf('/author/alex'))[0]![1], 'http://newsdesk.test/author/alex/feed.xml');
    assert.equal(
      (await feedsOf('/tag/north-korea'))[1]![1],
      'http://newsdesk.test/tag/north-korea/feed.atom',
    );
    assert.equal((await feedsOf(`/world/${SEED_SLUG}`))[0]![1], 'http://newsdesk.test/world/feed.xml');
    assert.equal((await feedsOf('/uk/'))[0]![1], 'http://newsdesk.test/uk/feed.xml');

    // Every advertised feed answers.
    for (const [, href] of [...home, ...section]) {
      assert.equal(
        (await get(String(href).replace('http://newsdesk.test', ''))).statusCode,
        200,
        String(href),
      );
    }

    const footer = parsePage((await get('/uk/')).body).querySelector('.site-footer a[href="/uk/feeds"]');
    assert.equal(text(footer), 'Стрічки');
  });

  it('the feeds page lists the site, section and author feeds of its language, all of which answer', async () => {
    const res = await get('/feeds');
    assert.equal(res.statusCode, 200);
    const doc = parsePage(res.body);
    assert.equal(text(doc.querySelector('h1')), 'Feeds');
    const rows = Array.from(doc.querySelectorAll('.feed-row')).map((row) =>
      text(row.querySelector('.feed-name')),
    );
    assert.deepEqual(rows.slice(0, 4), ['All stories', 'World', 'Asia', 'Europe']);
    assert.ok(rows.includes('alex') && rows.includes('Reuters'));
    const hrefs = Array.from(doc.querySelectorAll('.feed-formats a[type]')).map((a) =>
      a.getAttribute('href')!,
    );
    assert.ok(hrefs.includes('/asia/feed.atom'));
    for (const href of hrefs) assert.equal((await get(href)).statusCode, 200, href);
    const uk = parsePage((await get('/uk/feeds')).body);
    const ukRows = Array.from(uk.querySelectorAll('.feed-row .feed-name')).map((n) => text(n));
    assert.ok(ukRows.includes('alex') && !ukRows.includes('Reuters'), 'only authors with Ukrainian stories');
    assert.ok(uk.querySelector('a[href="/uk/world/feed.xml"]'));
  });
});
