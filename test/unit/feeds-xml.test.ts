import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { absoluteBlocks } from '../../src/feeds/feed-content.ts';
import { rfc3339, rfc822 } from '../../src/feeds/feed-model.ts';
import { el, escapeXml, textEl, xmlDocument } from '../../src/feeds/xml.ts';
import { etagMatches } from '../../src/http/cacheable.ts';
import { parseXml } from '../helpers/xml.ts';

describe('feed building blocks', () => {
  it('escapes markup and drops characters XML 1.0 forbids, keeping every other character', () => {
    assert.equal(escapeXml(`a & b < c > d "e" 'f'`), 'a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;');
    assert.equal(escapeXml('bell\u0007 nul\u0000 tab\t ok ✓ 🙂'), 'bell nul tab\t ok ✓ 🙂');
    const doc = xmlDocument(
      el('root', { title: 'x"<y' }, el('a', {}, 'one & two'), textEl('empty', ''), null),
    );
    const parsed = parseXml(doc) as { root: { a: string; '@_title': string; empty?: unknown } };
    assert.equal(parsed.root.a, 'one & two');
    assert.equal(parsed.root['@_title'], 'x"<y');
    assert.equal(parsed.root.empty, undefined, 'empty values leave no element');
  });

  it('writes RFC 822 dates for RSS and RFC 3339 for Atom and JSON Feed', () => {
    assert.equal(rfc822('2024-06-20T09:30:00.000Z'), 'Thu, 20 Jun 2024 09:30:00 GMT');
    assert.equal(rfc3339('2024-06-20T09:30:00.000Z'), '2024-06-20T09:30:00Z');
  });

  it('makes relative links, fragments and image sources absolute against the story', () => {
    const [paragraph, image, list] = absoluteBlocks(
      [
        {
          type: 'paragraph',
          text: 'a b c',
          marks: [
            { type: 'link', start: 0, end: 1, href: '/world' },
            { type: 'link', start: 2, end: 3, href: '#part' },
            { type: 'link', start: 4, end: 5, href: 'https://example.org/x' },
          ],
        },
        { type: 'image', src: '/media/a.jpg', alt: '' },
        {
          type: 'list',
          ordered: false,
          items: [{ text: 'x', marks: [{ type: 'link', start: 0, end: 1, href: '/y' }] }],
        },
      ],
      'https://news.example/world/story',
    );
    assert.deepEqual(
      paragraph?.type === 'paragraph' && paragraph.marks?.map((m) => (m.type === 'link' ? m.href : '')),
      ['https://news.example/world', 'https://news.example/world/story#part', 'https://example.org/x'],
    );
    assert.equal(image?.type === 'image' && image.src, 'https://news.example/media/a.jpg');
    assert.equal(
      list?.type === 'list' && list.items[0]?.marks?.[0]?.type === 'link' && list.items[0].marks[0].href,
      'https://news.example/y',
    );
  });

  it('compares entity tags weakly, in lists, and honours *', () => {
    assert.ok(etagMatches('"abc"', '"abc"'));
    assert.ok(etagMatches('W/"abc"', '"abc"'));
    assert.ok(etagMatches('"x", "abc"', '"abc"'));
    assert.ok(etagMatches('*', '"abc"'));
    assert.ok(!etagMatches('"abd"', '"abc"'));
    assert.ok(!etagMatches(undefined, '"abc"'));
  });
});
