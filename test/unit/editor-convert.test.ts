import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blocksToDoc, docToBlocks } from '../../src/client/editor/convert.ts';
import { countLine, thumbnailOf } from '../../src/client/editor/media-picker.ts';
import { type Block, checkBody } from '../../src/richtext/blocks.ts';

// The editor's document and the block model map one to one: a body opened in the editor and saved
// untouched is the body that was stored, images with every field included.
describe('editor document ↔ block model', () => {
  const body: Block[] = [
    { type: 'heading', level: 2, text: 'Back at work' },
    {
      type: 'paragraph',
      text: 'The cranes moved.\nShips queue.',
      marks: [
        { type: 'bold', start: 4, end: 10 },
        { type: 'link', start: 11, end: 16, href: 'https://example.com/port' },
      ],
    },
    {
      type: 'image',
      src: '/media/lib/0123456789abcdef0123-1600x1000/1600.jpg',
      alt: 'Two red cranes over the harbour',
      caption: 'The cranes on Monday',
      credit: 'Newsdesk',
      width: 1600,
      height: 1000,
      mediaId: 7,
    },
    { type: 'image', src: 'https://example.com/a.jpg', alt: '' },
    { type: 'image', src: '/img/b.png', alt: 'Only a credit', credit: 'Agency' },
    { type: 'quote', text: 'We are back.\n\nAll of us.', attribution: 'A docker' },
    {
      type: 'list',
      ordered: true,
      items: [{ text: 'one' }, { text: 'two', marks: [{ type: 'italic', start: 0, end: 3 }] }],
    },
  ];

  it('round-trips every block, images with alt, caption, credit, size and library number', () => {
    assert.deepEqual(docToBlocks(blocksToDoc(body)), body);
  });

  it('gives the server a body its checker accepts unchanged', () => {
    const checked = checkBody(docToBlocks(blocksToDoc(body)));
    assert.ok(checked.ok);
    assert.deepEqual(checked.blocks, body);
  });

  it('keeps no empty image field as an empty string', () => {
    const [image] = docToBlocks(blocksToDoc([{ type: 'image', src: '/x.jpg', alt: 'x' }]));
    assert.deepEqual(image, { type: 'image', src: '/x.jpg', alt: 'x' });
  });
});

describe('media picker thumbnails', () => {
  const item = {
    url: '/media/lib/k-1600x1000/1600.jpg',
    variants: [
      { url: '/media/lib/k-1600x1000/320.avif', width: 320, type: 'image/avif' },
      { url: '/media/lib/k-1600x1000/320.jpg', width: 320, type: 'image/jpeg' },
      { url: '/media/lib/k-1600x1000/640.jpg', width: 640, type: 'image/jpeg' },
      { url: '/media/lib/k-1600x1000/1600.jpg', width: 1600, type: 'image/jpeg' },
    ],
  };
  it('takes the narrowest fallback file at least as wide as asked', () => {
    assert.equal(thumbnailOf(item), '/media/lib/k-1600x1000/320.jpg');
    assert.equal(thumbnailOf(item, 500), '/media/lib/k-1600x1000/640.jpg');
    assert.equal(thumbnailOf(item, 5000), '/media/lib/k-1600x1000/1600.jpg');
    assert.equal(thumbnailOf({ url: '/a.jpg', variants: [] }), '/a.jpg');
  });
});

describe('media picker count line', () => {
  it('says none, all, or the newest few of many', () => {
    assert.deepEqual(countLine(0, 0), { key: 'editor.picker.none', values: {} });
    assert.deepEqual(countLine(3, 3), { key: 'editor.picker.count', values: { count: '3' } });
    assert.deepEqual(countLine(130, 24), {
      key: 'editor.picker.countMore',
      values: { count: '130', shown: '24' },
    });
  });
});
