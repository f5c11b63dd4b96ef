import type { Node as PMNode } from 'prosemirror-model';
import type { Block, Mark, RichText } from '../../richtext/blocks.ts';
import { schema } from './schema.ts';

/** Text and mark ranges of a run of inline content (a paragraph, heading or list item). */
function richTextOf(node: PMNode): RichText {
  let text = '';
  const marks: Mark[] = [];
  node.forEach((child) => {
    if (child.type.name === 'hard_break') {
      text += '\n';
      return;
    }
    const start = text.length;
    text += child.text ?? '';
    const end = text.length;
    for (const mark of child.marks) {
      const kind = mark.type.name;
      const range: Mark =
        kind === 'strong'
          ? { type: 'bold', start, end }
          : kind === 'em'
            ? { type: 'italic', start, end }
            : { type: 'link', start, end, href: String(mark.attrs.href) };
      // Adjacent pieces with the same mark are one range in the block model.
      const last = marks.findLast((m) => m.type === range.type && m.end === start);
      if (last && (last.type !== 'link' || (range.type === 'link' && last.href === range.href)))
        last.end = end;
      else marks.push(range);
    }
  });
  return marks.length ? { text, marks } : { text };
}

/** The editor's document as the block model. */
export function docToBlocks(doc: PMNode): Block[] {
  const blocks: Block[] = [];
  doc.forEach((node) => {
    switch (node.type.name) {
      case 'paragraph':
        blocks.push({ type: 'paragraph', ...richTextOf(node) });
        break;
      case 'heading':
        blocks.push({ type: 'heading', level: node.attrs.level as 2 | 3 | 4, ...richTextOf(node) });
        break;
      case 'blockquote': {
        // Paragraphs inside a quote are separated by a blank line in the block model.
        let text = '';
        const marks: Mark[] = [];
        node.forEach((paragraph, _offset, index) => {
          if (index > 0) text += '\n\n';
          const part = richTextOf(paragraph);
          for (const m of part.marks ?? [])
            marks.push({ ...m, start: m.start + text.length, end: m.end + text.length });
          text += part.text;
        });
        const attribution = String(node.attrs.attribution ?? '');
        blocks.push({
          type: 'quote',
          text,
          ...(marks.length ? { marks } : {}),
          ...(attribution ? { attribution } : {}),
        });
        break;
      }
      case 'bullet_list':
      case 'ordered_list': {
        const items: RichText[] = [];
        node.forEach((item) => items.push(richTextOf(item.firstChild!)));
        blocks.push({ type: 'list', ordered: node.type.name === 'ordered_list', items });
        break;
      }
      case 'image': {
        const a = node.attrs as Record<string, unknown>;
        blocks.push({
          type: 'image',
          src: String(a.src),
          alt: String(a.alt ?? ''),
          ...(a.caption ? { caption: String(a.caption) } : {}),
          ...(a.credit ? { credit: String(a.credit) } : {}),
          ...(typeof a.width === 'number' ? { width: a.width } : {}),
          ...(typeof a.height === 'number' ? { height: a.height } : {}),
          ...(typeof a.mediaId === 'number' ? { mediaId: a.mediaId } : {}),
        });
        break;
      }
    }
  });
  // An empty trailing paragraph is the editor's cursor room, not content.
  while (blocks.length > 0) {
    const last = blocks[blocks.length - 1]!;
    if (last.type === 'paragraph' && last.text.trim() === '') blocks.pop();
    else break;
  }
  return blocks;
}

/** Inline content for a piece of rich text: text split wherever a mark starts or ends. */
function inlineOf(value: RichText): PMNode[] {
  const { text } = value;
  const marks = value.marks ?? [];
  const cuts = new Set([0, text.length]);
  for (const m of marks) {
    cuts.add(Math.min(m.start, text.length));
    cuts.add(Math.min(m.end, text.length));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const nodes: PMNode[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const active = marks
      .filter((m) => m.start <= start && m.end >= end)
      .map((m) =>
        m.type === 'bold'
          ? schema.marks.strong!.create()
          : m.type === 'italic'
            ? schema.marks.em!.create()
            : schema.marks.link!.create({ href: m.href }),
      );
    text
      .slice(start, end)
      .split('\n')
      .forEach((piece, index) => {
        if (index > 0) nodes.push(schema.nodes.hard_break!.create());
        if (piece) nodes.push(schema.text(piece, active));
      });
  }
  return nodes;
}

/** The block model as the editor's document. */
export function blocksToDoc(blocks: readonly Block[]): PMNode {
  const { nodes } = schema;
  const content: PMNode[] = blocks.map((block) => {
    switch (block.type) {
      case 'paragraph':
        return nodes.paragraph!.create(null, inlineOf(block));
      case 'heading':
        return nodes.heading!.create({ level: block.level }, inlineOf(block));
      case 'quote': {
        const parts: PMNode[] = [];
        let offset = 0;
        for (const piece of block.text.split('\n\n')) {
          const start = offset;
          const end = start + piece.length;
          const marks = (block.marks ?? [])
            .filter((m) => m.end > start && m.start < end)
            .map((m) => ({
              ...m,
              start: Math.max(m.start, start) - start,
              end: Math.min(m.end, end) - start,
            }));
          parts.push(nodes.paragraph!.create(null, inlineOf({ text: piece, marks })));
          offset = end + 2;
        }
        return nodes.blockquote!.create({ attribution: block.attribution ?? '' }, parts);
      }
      case 'list':
        return (block.ordered ? nodes.ordered_list! : nodes.bullet_list!).create(
          null,
          block.items.map((item) =>
            nodes.list_item!.create(null, nodes.paragraph!.create(null, inlineOf(item))),
          ),
        );
      case 'image':
        return nodes.image!.create({
          src: block.src,
          alt: block.alt,
          caption: block.caption ?? '',
          credit: block.credit ?? '',
          width: block.width ?? null,
          height: block.height ?? null,
          mediaId: block.mediaId ?? null,
        });
    }
  });
  if (content.length === 0) content.push(nodes.paragraph!.create());
  return nodes.doc!.create(null, content);
}
