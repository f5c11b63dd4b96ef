import { Schema } from 'prosemirror-model';

/**
 * The body editor's schema, one node or mark per element of the block model (src/richtext/blocks.ts):
 * paragraph, heading (2–4), quote (paragraphs inside), bulleted and numbered lists (one paragraph per
 * item), image (with alt, caption and credit); marks bold, italic and link. Nothing else can be typed
 * or pasted, so what the editor posts is always something the block checker accepts.
 */
export const schema = new Schema({
  nodes: {
    doc: { content: 'block+' },
    paragraph: {
      group: 'block',
      content: 'inline*',
      parseDOM: [{ tag: 'p' }],
      toDOM: () => ['p', 0],
    },
    heading: {
      group: 'block',
      content: 'inline*',
      attrs: { level: { default: 2 } },
      defining: true,
      parseDOM: [
        { tag: 'h1', attrs: { level: 2 } },
        { tag: 'h2', attrs: { level: 2 } },
        { tag: 'h3', attrs: { level: 3 } },
        { tag: 'h4', attrs: { level: 4 } },
        { tag: 'h5', attrs: { level: 4 } },
        { tag: 'h6', attrs: { level: 4 } },
      ],
      toDOM: (node) => [`h${node.attrs.level as number}`, 0],
    },
    blockquote: {
      group: 'block',
      content: 'paragraph+',
      attrs: { attribution: { default: '' } },
      defining: true,
      parseDOM: [{ tag: 'blockquote' }],
      toDOM: () => ['blockquote', 0],
    },
    bullet_list: {
      group: 'block',
      content: 'list_item+',
      parseDOM: [{ tag: 'ul' }],
      toDOM: () => ['ul', 0],
    },
    ordered_list: {
      group: 'block',
      content: 'list_item+',
      parseDOM: [{ tag: 'ol' }],
      toDOM: () => ['ol', 0],
    },
    list_item: {
      content: 'paragraph',
      defining: true,
      parseDOM: [{ tag: 'li' }],
      toDOM: () => ['li', 0],
    },
    image: {
      group: 'block',
      atom: true,
      draggable: true,
      attrs: {
        src: {},
        alt: { default: '' },
        caption: { default: '' },
        credit: { default: '' },
        width: { default: null },
        height: { default: null },
        mediaId: { default: null },
      },
      parseDOM: [
        {
          tag: 'img[src]',
          getAttrs: (dom) => ({
            src: (dom as HTMLElement).getAttribute('src'),
            alt: (dom as HTMLElement).getAttribute('alt') ?? '',
          }),
        },
      ],
      toDOM: (node) => {
        const a = node.attrs as { src: string; alt: string; caption: string; credit: string };
        const caption = [a.caption, a.credit].filter(Boolean).join(' — ');
        return [
          'figure',
          { class: 'editor-figure' },
          ['img', { src: a.src, alt: a.alt }],
          ...(caption ? [['figcaption', caption]] : []),
        ] as unknown as [string, ...unknown[]];
      },
    },
    text: { group: 'inline' },
    hard_break: {
      inline: true,
      group: 'inline',
      selectable: false,
      parseDOM: [{ tag: 'br' }],
      toDOM: () => ['br'],
    },
  },
  marks: {
    strong: {
      parseDOM: [{ tag: 'strong' }, { tag: 'b' }],
      toDOM: () => ['strong', 0],
    },
    em: {
      parseDOM: [{ tag: 'em' }, { tag: 'i' }],
      toDOM: () => ['em', 0],
    },
    link: {
      attrs: { href: {} },
      inclusive: false,
      parseDOM: [
        { tag: 'a[href]', getAttrs: (dom) => ({ href: (dom as HTMLElement).getAttribute('href') }) },
      ],
      toDOM: (mark) => ['a', { href: mark.attrs.href as string, rel: 'noopener' }, 0],
    },
  },
});
