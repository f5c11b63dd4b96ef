import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { extractArticleFromHtml } from '../../../src/ingest/extract/extract-html.ts';
import { extractArticleFromText } from '../../../src/ingest/extract/extract-text.ts';
import { renderBlocks } from '../../../src/richtext/index.ts';

const fixture = (name: string) => fs.readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');

describe('plain-text import of the seed article', () => {
  const expected = JSON.parse(fixture('seed-article.expected.json')) as {
    title: string;
    authors: string[];
    leadImage: { caption: string; credit: string };
    source: { outlet: string; originalTitle: string; originalAuthor: string };
    body: unknown[];
  };
  const article = extractArticleFromText(fixture('seed-article.txt'));

  it('gives exactly the title, authors, lead image and body of the structured fixture', () => {
    assert.ok(article);
    assert.equal(article.title, expected.title);
    assert.deepEqual(article.authors, expected.authors);
    assert.equal(article.leadImage?.caption, expected.leadImage.caption);
    assert.equal(article.leadImage?.credit, expected.leadImage.credit);
    assert.deepEqual(article.body, expected.body);
  });

  it('keeps the original headline and author of the republished translation, and proposes the outlet', () => {
    assert.equal(article?.source.originalTitle, expected.source.originalTitle);
    assert.equal(article?.source.originalAuthor, expected.source.originalAuthor);
    assert.equal(article?.source.outlet, expected.source.outlet);
    assert.equal(article?.language, 'en');
  });

  it('leaves no tag fragment and no chrome in the text', () => {
    const all = JSON.stringify(article?.body);
    for (const debris of ['< /h2>', '< p', 'You may also like', 'Leave a Comment', 'Home »', 'by alex']) {
      assert.ok(!all.includes(debris), `body still holds ${debris}`);
    }
  });

  it('says so when the text holds no story', () => {
    assert.equal(extractArticleFromText('   \n\n  '), null);
  });
});

describe('HTML article extraction', () => {
  const hostile = `<!doctype html><html lang="en-GB"><head>
    <title>Floods close the valley road | Daily Example</title>
    <meta property="og:site_name" content="Daily Example">
    <meta property="og:image" content="https://img.example.com/floods-1200x630.jpg">
    <link rel="canonical" href="https://news.example.com/2024/floods">
    <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Floods close the valley road","datePublished":"2024-03-02T08:00:00Z","author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}]}</script>
    <style>body{background:url(javascript:alert(1))}</style>
    </head><body onload="alert(1)">
    <nav class="breadcrumbs"><a href="/">Home</a> » <a href="/news">News</a></nav>
    <article>
      <h1>Floods close the valley road</h1>
      <p class="byline">By Jane Doe and John Roe</p>
      <figure><img src="https://img.example.com/floods.jpg" alt="Water over the road" onerror="alert(2)">
        <figcaption>The road at noon. <span class="credit">Photo: Ann Lee</span></figcaption></figure>
      <p>Heavy rain <b onclick="steal()">closed</b> the valley road on Saturday, the county said, and crews expect it to stay shut until Monday at least.</p>
      <script>document.write('<p>injected</p>')</script>
      <p>Residents were told to avoid the area.<img src="https://tracker.example.com/pixel.gif" width="1" height="1"></p>
      <iframe src="https://evil.example.com/frame"></iframe>
      <p style="color:red">Engineers will inspect the <a href="javascript:alert(3)">bridge</a> and <a href="/report">the embankment</a> once the water falls.</p>
      What matters next< /h2>
      <p>The county will publish a plan for the bridge repairs next week, officials said.</p>
      <div class="share-buttons"><a href="https://twitter.com/share">Share on Twitter</a></div>
      <div class="newsletter-signup"><p>Sign up for our newsletter</p></div>
      <h3>You may also like</h3>
      <ul><li><a href="/other">Another story</a></li></ul>
    </article>
    <section class="comments"><h2>Leave a Comment</h2><form><textarea></textarea></form></section>
    </body></html>`;
  const article = extractArticleFromHtml(hostile, { url: 'https://news.example.com/2024/floods?utm=x' });

  it('reads headline, byline, date, language, canonical address and outlet from the metadata', () => {
    assert.ok(article);
    assert.equal(article.title, 'Floods close the valley road');
    assert.deepEqual(article.authors, ['Jane Doe', 'John Roe']);
    assert.equal(article.publishedAt, '2024-03-02T08:00:00.000Z');
    assert.equal(article.language, 'en-GB');
    assert.equal(article.source.url, 'https://news.example.com/2024/floods');
    assert.equal(article.source.outlet, 'Daily Example');
  });

  it('takes the lead image with its caption and credit, and does not repeat it in the body', () => {
    assert.equal(article?.leadImage?.url, 'https://img.example.com/floods-1200x630.jpg');
    assert.equal(article?.leadImage?.caption, 'The road at noon.');
    assert.equal(article?.leadImage?.credit, 'Photo: Ann Lee');
    assert.equal(article?.body.filter((b) => b.type === 'image').length, 0);
  });

  it('lets no script, handler, style, frame or tracking pixel reach the rendered body', () => {
    const html = renderBlocks(article!.body);
    for (const bad of [
      '<script',
      'onload',
      'onclick',
      'onerror',
      'javascript:',
      'style',
      'iframe',
      'pixel.gif',
      'injected',
    ]) {
      assert.ok(!html.includes(bad), `rendered body contains ${bad}`);
    }
    assert.match(html, /<a href="https:\/\/news\.example\.com\/report">the embankment<\/a>/);
  });

  it('drops chrome and repairs tag fragments into structure', () => {
    const texts = article!.body.map((b) => ('text' in b ? b.text : b.type));
    assert.ok(texts.includes('What matters next'), 'the fragment became a heading');
    assert.deepEqual(
      article!.body.find((b) => b.type === 'heading'),
      { type: 'heading', level: 2, text: 'What matters next' },
    );
    const all = JSON.stringify(article!.body);
    for (const chrome of [
      'Share on Twitter',
      'newsletter',
      'You may also like',
      'Another story',
      'Leave a Comment',
      'By Jane Doe',
    ]) {
      assert.ok(!all.includes(chrome), `body still holds ${chrome}`);
    }
    assert.equal(article!.body[0]?.type, 'paragraph');
  });

  it('returns null for a page that holds no story', () => {
    assert.equal(extractArticleFromHtml('<html><body><nav><a href="/">Home</a></nav></body></html>'), null);
  });
});
