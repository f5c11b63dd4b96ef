import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parseWxr } from '../../../src/ingest/wxr/parse-wxr.ts';
import { type LocalServer, startLocalServer } from '../../helpers/local-server.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

const fixture = (name: string) => fs.readFileSync(new URL(`../../fixtures/${name}`, import.meta.url));

const ARTICLE_PAGE = `<!doctype html><html lang="en"><head><title>Bridge reopens | River Times</title>
<meta property="og:site_name" content="River Times"><meta property="og:title" content="Bridge reopens after repairs">
<meta property="article:published_time" content="2024-04-02T06:00:00Z"><meta name="author" content="Lena Fox">
<meta property="og:image" content="/img/bridge.jpg"></head><body><article><h1>Bridge reopens after repairs</h1>
<p>The old river bridge reopened to traffic on Tuesday after eighteen months of repairs, the city said in a statement.</p>
<p>Cyclists get a separate lane for the first time, and the weight limit for lorries has been raised to twelve tonnes.</p>
<p>The works cost less than planned, according to the council's figures published on Monday evening.</p></article></body></html>`;

describe('import service', () => {
  let app: TestApp;
  let server: LocalServer;
  let feedItems: Array<{ guid: string; title: string; text: string }>;
  before(async () => {
    app = await createTestApp({ env: { NEWSDESK_FETCH_ALLOW_LOOPBACK: '1' } });
    feedItems = [
      {
        guid: 'a-1',
        title: 'Council approves the new park',
        text: 'The council approved the plan for a park on the old factory site by a large majority on Thursday evening.',
      },
      {
        guid: 'a-2',
        title: 'Library extends its opening hours',
        text: 'The central library will stay open until ten in the evening from next month, its director announced on Friday.',
      },
    ];
    server = await startLocalServer((req, res) => {
      if (req.url === '/story') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(ARTICLE_PAGE);
      } else if (req.url === '/feed.xml') {
        const etag = `"${feedItems.length}"`;
        if (req.headers['if-none-match'] === etag) {
          res.writeHead(304);
          res.end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/rss+xml', etag });
        res.end(`<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Town Hall News</title><link>${server.url}/</link><language>en</language>
${feedItems.map((i) => `<item><title>${i.title}</title><link>${server.url}/${i.guid}</link><guid>${i.guid}</guid><dc:creator>Town Hall</dc:creator><pubDate>Thu, 04 Apr 2024 10:00:00 GMT</pubDate><content:encoded><![CDATA[<p>${i.text}</p><p>${i.text} More details will follow in the coming days, officials said.</p><img src="https://stats.example.com/pixel.gif" width="1" height="1">]]></content:encoded></item>`).join('\n')}
</channel></rss>`);
      } else {
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('no');
      }
    });
  });
  after(async () => {
    await server.close();
    await app.close();
  });

  it('imports the seed text as a draft with its provenance, once', async () => {
    const report = await app.services.ingest.run({
      content: fixture('seed-article.txt'),
      name: 'seed-article.txt',
    });
    assert.equal(report.created.length, 1);
    const article = await app.services.articles.getById(report.created[0]!.articleId);
    assert.ok(article);
    assert.equal(article.status, 'draft');
    assert.equal(
      article.title,
      'A step of desperation: Time analyzed what Putin’s visit to the DPRK really meant',
    );
    assert.equal(
      article.source?.originalTitle,
      'A step of despair: Time analyzed what Putin’s visit to the DPRK actually meant',
    );
    assert.equal(article.source?.originalAuthor, 'Polina Buyanova');
    assert.equal(article.source?.outlet, '24 Channel');
    assert.match(article.source?.contentHash ?? '', /^sha256:[0-9a-f]{64}$/);
    assert.ok(article.source?.retrievedAt);
    const extracted = await app.services.ingest.extractedFor(article.id);
    assert.equal(extracted?.leadImage?.credit, 'Collage 24 Channel');

    const again = await app.services.ingest.run({
      content: fixture('seed-article.txt'),
      name: 'seed-article.txt',
    });
    assert.equal(again.created.length, 0);
    assert.deepEqual(
      again.skipped.map((s) => s.articleId),
      [article.id],
    );
  });

  it('warns that a re-translation with another headline is the same story, and not a related one', async () => {
    const retranslation = await app.services.ingest.preview({
      content: fixture('ingest/seed-retranslation.txt'),
    });
    const match = retranslation.items[0]!.duplicates[0];
    assert.ok(match, 'the re-translation is found as a duplicate');
    assert.match(match.title, /A step of desperation/);
    const related = await app.services.ingest.preview({ content: fixture('ingest/related-story.txt') });
    assert.deepEqual(related.items[0]!.duplicates, []);
  });

  it('imports a page by address through the safe fetcher, recording where and when it came from', async () => {
    const report = await app.services.ingest.run({ url: `${server.url}/story` });
    const article = await app.services.articles.getById(report.created[0]!.articleId);
    assert.equal(article?.title, 'Bridge reopens after repairs');
    assert.equal(article?.source?.outlet, 'River Times');
    assert.equal(article?.source?.originalUrl, `${server.url}/story`);
    assert.equal(article?.source?.originalAuthor, 'Lena Fox');
    assert.equal(article?.source?.originalPublishedAt, '2024-04-02T06:00:00.000Z');
    assert.equal(article?.leadImage?.url, `${server.url}/img/bridge.jpg`);
    assert.equal(article?.body.length, 3);
  });

  it('follows a feed: each item once, conditional GET, only new items on the next poll', async () => {
    const followed = await app.services.followedFeeds.follow(`${server.url}/feed.xml`, {
      intervalMinutes: 15,
    });
    assert.equal(followed.outcome, 'imported');
    assert.equal(followed.report?.created.length, 2);
    const draft = await app.services.articles.getById(followed.report!.created[0]!.articleId);
    assert.equal(draft?.status, 'draft');
    assert.equal(draft?.source?.outlet, 'Town Hall News');
    assert.ok(!JSON.stringify(draft?.body).includes('pixel.gif'), 'tracking pixels never reach a draft');

    // Not due yet: nothing is polled.
    assert.deepEqual(await app.services.followedFeeds.pollDue(), []);
    const [feed] = await app.services.followedFeeds.list();
    await app.database.db
      .updateTable('ingest_feeds')
      .set({ next_poll_at: '2000-01-01T00:00:00.000Z' })
      .where('id', '=', feed!.id)
      .execute();
    const [unchanged] = await app.services.followedFeeds.pollDue();
    assert.equal(unchanged?.outcome, 'not-modified');
    const sent = server.requests.filter((r) => r.url === '/feed.xml').at(-1);
    assert.equal(sent?.headers['if-none-match'], '"2"');

    feedItems.push({
      guid: 'a-3',
      title: 'Ferry timetable changes for summer',
      text: 'The river ferry will run every twenty minutes from June, with the first boat leaving at six in the morning.',
    });
    await app.database.db
      .updateTable('ingest_feeds')
      .set({ next_poll_at: '2000-01-01T00:00:00.000Z' })
      .where('id', '=', feed!.id)
      .execute();
    // Two instances polling at once: one claims the feed, the other stands back; the new item is taken once.
    const [first, second] = await Promise.all([
      app.services.followedFeeds.pollDue(),
      app.services.followedFeeds.pollDue(),
    ]);
    const outcomes = [...first!, ...second!].map((r) => r.outcome).sort();
    assert.deepEqual(
      outcomes.filter((o) => o !== 'claimed-elsewhere'),
      ['imported'],
    );
    const created = [...first!, ...second!].flatMap((r) => r.report?.created ?? []);
    assert.deepEqual(
      created.map((c) => c.title),
      ['Ferry timetable changes for summer'],
    );
    const items = await app.database.db
      .selectFrom('ingest_items')
      .select('item_key')
      .where('feed_id', '=', feed!.id)
      .execute();
    assert.equal(items.length, 3);
  });

  it('refuses to follow an address that is not a feed, with a sentence', async () => {
    await assert.rejects(
      app.services.followedFeeds.follow(`${server.url}/story`),
      /is not an RSS or Atom feed/,
    );
    await assert.rejects(
      app.services.followedFeeds.follow('http://10.0.0.1/feed'),
      /private network address/,
    );
  });

  it('moves a WordPress site over: posts, authors, categories, tags, featured images with captions', async () => {
    const report = await app.services.ingest.run(
      { content: fixture('ingest/wordpress-export.xml'), name: 'export.xml' },
      { status: 'keep' },
    );
    assert.equal(report.created.length, 2);
    assert.equal(report.comments.found, 4);
    const tram = await app.services.articles.getById(report.created[0]!.articleId);
    assert.ok(tram);
    assert.equal(tram.status, 'published');
    assert.equal(tram.slug, 'tram-line-5-returns');
    assert.equal(tram.publishedAt, '2024-05-14T07:30:00.000Z');
    assert.deepEqual(
      tram.authors.map((a) => a.name),
      ['Oksana Melnyk'],
    );
    assert.equal(tram.section?.slug, 'city');
    assert.deepEqual(
      tram.tags.map((t) => t.name),
      ['Transport', 'Podil'],
    );
    assert.equal(tram.leadImage?.url, 'https://kyiv-evening.example/wp-content/uploads/2024/05/tram.jpg');
    assert.equal(tram.leadImage?.caption, 'Tram 5 at Kontraktova Square on its first morning back');
    assert.equal(tram.leadImage?.credit, 'Photo: Ivan Bondar');
    assert.equal(tram.leadImage?.alt, 'A red tram passing the fountain on Kontraktova Square');
    assert.deepEqual(
      tram.body.find((b) => b.type === 'heading'),
      { type: 'heading', level: 2, text: 'What changed on the line' },
    );
    const figure = tram.body.find((b) => b.type === 'image');
    assert.deepEqual(figure && { caption: figure.caption, credit: figure.credit }, {
      caption: 'The rebuilt stop at Poshtova Square',
      credit: 'Photo: Ivan Bondar',
    });
    const json = JSON.stringify(tram.body);
    assert.ok(!json.includes('alert') && !json.includes('[gallery') && !json.includes('[caption'));
    assert.equal(tram.source?.outlet, 'Kyiv Evening Post');

    const festival = await app.services.articles.getById(report.created[1]!.articleId);
    assert.equal(festival?.status, 'draft');
    assert.equal(festival?.section?.slug, 'culture');
    assert.deepEqual(
      festival?.authors.map((a) => a.name),
      ['Ivan Bondar'],
    );

    const again = await app.services.ingest.run(
      { content: fixture('ingest/wordpress-export.xml') },
      { status: 'keep' },
    );
    assert.equal(again.created.length, 0);
    assert.equal(again.skipped.length, 2);
  });

  it('reads WordPress comments with their threading and moderation status', () => {
    const wxr = parseWxr(fixture('ingest/wordpress-export.xml').toString('utf8'));
    const comments = wxr!.posts[0]!.comments;
    assert.deepEqual(
      comments.map((c) => [c.id, c.parentId, c.status, c.author]),
      [
        [11, null, 'approved', 'Taras'],
        [12, 11, 'approved', 'Oksana Melnyk'],
        [13, null, 'spam', 'cheap pills'],
        [14, 12, 'pending', 'Halyna'],
      ],
    );
  });

  it('answers input that is not an article with one clear sentence and saves nothing', async () => {
    const before = await app.database.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await assert.rejects(
      app.services.ingest.run({ content: 'just a word', name: 'x.txt' }),
      /does not look like an article/,
    );
    await assert.rejects(
      app.services.ingest.run({ content: Buffer.from([0, 1, 2, 3]), name: 'x.bin' }),
      /is not text/,
    );
    await assert.rejects(app.services.ingest.run({ url: `${server.url}/missing` }), /answered 404/);
    const afterCount = await app.database.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(afterCount.n), Number(before.n));
  });
});
