import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  blocksToPlainText,
  checkBody,
  parseHtmlToBlocks,
  parseTextToBlocks,
  renderBlocks,
} from '../../src/richtext/index.ts';

describe('block renderer', () => {
  it('escapes every character of text', () => {
    const html = renderBlocks([{ type: 'paragraph', text: '<script>alert(1)</script> & "quotes"' }]);
    assert.equal(html, '<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;</p>');
  });

  it('nests marks link › bold › italic and merges overlapping ranges', () => {
    const html = renderBlocks([
      {
        type: 'paragraph',
        text: 'Read the Time analysis now',
        marks: [
          { type: 'italic', start: 9, end: 13 },
          { type: 'bold', start: 5, end: 13 },
          { type: 'bold', start: 9, end: 22 },
          { type: 'link', start: 9, end: 22, href: 'https://time.com/a?b=1&c=2' },
        ],
      },
    ]);
    assert.equal(
      html,
      '<p>Read <strong>the </strong><a href="https://time.com/a?b=1&amp;c=2"><strong><em>Time</em> analysis</strong></a> now</p>',
    );
  });

  it('drops links whose address is not http(s), mailto or site-relative, even from stored JSON', () => {
    const html = renderBlocks([
      {
        type: 'paragraph',
        text: 'click',
        marks: [{ type: 'link', start: 0, end: 5, href: 'javascript:alert(1)' }],
      },
    ]);
    assert.equal(html, '<p>click</p>');
  });

  it('renders headings with ids, quotes with attribution, lists and figures with caption and credit apart', () => {
    const html = renderBlocks([
      { type: 'heading', level: 2, text: 'Why it matters' },
      { type: 'quote', text: 'One\n\nTwo', attribution: 'Daniel Pinkston' },
      { type: 'list', ordered: true, items: [{ text: 'a' }, { text: 'b' }] },
      {
        type: 'image',
        src: '/media/x.jpg',
        alt: 'A flag',
        caption: 'Caption',
        credit: 'Credit',
        width: 800,
        height: 450,
      },
    ]);
    assert.match(html, /<h2 id="why-it-matters">Why it matters<\/h2>/);
    assert.match(
      html,
      /<blockquote><p>One<\/p><p>Two<\/p><footer><cite>Daniel Pinkston<\/cite><\/footer><\/blockquote>/,
    );
    assert.match(html, /<ol><li>a<\/li><li>b<\/li><\/ol>/);
    assert.match(
      html,
      /<figcaption><span class="caption">Caption<\/span> <span class="credit">Credit<\/span><\/figcaption>/,
    );
    assert.match(html, /width="800" height="450" loading="lazy"/);
  });
});

describe('HTML parser', () => {
  it('keeps structure and marks, and drops scripts, handlers, frames and unsafe links', () => {
    const blocks = parseHtmlToBlocks(
      '<h2 onclick="x()">Title</h2><p>Hello <b>bold</b> <a href="javascript:alert(1)">bad</a> <a href="https://ok.example/">ok</a><script>alert(1)</script></p><iframe src="https://evil"></iframe><style>p{}</style>',
    );
    assert.deepEqual(blocks, [
      { type: 'heading', level: 2, text: 'Title' },
      {
        type: 'paragraph',
        text: 'Hello bold bad ok',
        marks: [
          { type: 'bold', start: 6, end: 10 },
          { type: 'link', start: 15, end: 17, href: 'https://ok.example/' },
        ],
      },
    ]);
  });

  it('reads figures into an image block with caption and credit', () => {
    const blocks = parseHtmlToBlocks(
      '<figure><img src="https://e.example/a.jpg" alt="Pic" width="10" height="5"><figcaption>Putin visited <span class="credit">Collage 24 Channel</span></figcaption></figure>',
    );
    assert.deepEqual(blocks, [
      {
        type: 'image',
        src: 'https://e.example/a.jpg',
        alt: 'Pic',
        caption: 'Putin visited',
        credit: 'Collage 24 Channel',
        width: 10,
        height: 5,
      },
    ]);
  });

  it('resolves relative addresses against a base URL', () => {
    const blocks = parseHtmlToBlocks('<p><a href="/x">x</a></p><img src="img.png" alt="">', {
      baseUrl: 'https://site.example/news/a',
    });
    assert.deepEqual(blocks[0], {
      type: 'paragraph',
      text: 'x',
      marks: [{ type: 'link', start: 0, end: 1, href: 'https://site.example/x' }],
    });
    assert.deepEqual(blocks[1], { type: 'image', src: 'https://site.example/news/img.png', alt: '' });
  });

  it('survives deeply nested markup', () => {
    const html = '<div>'.repeat(2000) + 'deep' + '</div>'.repeat(2000);
    assert.deepEqual(parseHtmlToBlocks(html), [{ type: 'paragraph', text: 'deep' }]);
  });
});

describe('text parser', () => {
  it('repairs tag fragments left by a scraper into structure, never text', () => {
    const blocks = parseTextToBlocks(
      'What is the significance of Putin\'s visit to North Korea< /h2>\n\n< p dir="ltr">Such a strategic partnership\nwraps here.',
    );
    assert.deepEqual(blocks, [
      { type: 'heading', level: 2, text: "What is the significance of Putin's visit to North Korea" },
      { type: 'paragraph', text: 'Such a strategic partnership wraps here.' },
    ]);
    assert.doesNotMatch(blocksToPlainText(blocks), /[<>]/);
  });

  it('keeps ordinary angle brackets that are not tags', () => {
    assert.deepEqual(parseTextToBlocks('Profit < 5 and > 3 at <BAC>'), [
      { type: 'paragraph', text: 'Profit < 5 and > 3 at <BAC>' },
    ]);
  });
});

describe('body validation', () => {
  it('rejects unknown block types with a sentence', () => {
    const check = checkBody([{ type: 'html', html: '<b>x</b>' }]);
    assert.equal(check.ok, false);
    assert.match(!check.ok ? check.message : '', /The article body is not valid/);
  });

  it('removes control characters and clamps marks to their text', () => {
    const check = checkBody([
      { type: 'paragraph', text: 'a\u0000b', marks: [{ type: 'bold', start: 0, end: 99 }] },
    ]);
    assert.deepEqual(check, {
      ok: true,
      blocks: [{ type: 'paragraph', text: 'ab', marks: [{ type: 'bold', start: 0, end: 2 }] }],
    });
  });
});
