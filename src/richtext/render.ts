import type { Block, ImageBlock, Mark, RichText } from './blocks.ts';
import { isSafeUrl } from './blocks.ts';
import { escapeHtml, type SafeHtml, trustBuiltHtml } from './safe-html.ts';

export interface ResponsiveImage {
  src: string;
  srcset?: string;
  sizes?: string;
  width?: number;
  height?: number;
  /** Modern-format sources (AVIF, WebP) offered before the fallback `<img>`. */
  sources?: ReadonlyArray<{ type: string; srcset: string; sizes?: string }>;
}

export interface RenderOptions {
  /** Resolves an image block to responsive sources (media library); default: the block's own src. */
  resolveImage?: (image: ImageBlock) => ResponsiveImage | undefined;
  /** `rel` for links: articles leave it unset; comments use "nofollow ugc noopener". */
  linkRel?: string;
  /** Images after this many blocks load lazily (the first screen loads eagerly). */
  eagerBlocks?: number;
}

/** Mark kinds from outermost to innermost, so nesting is always `<a><strong><em>`. */
const MARK_ORDER = ['link', 'bold', 'italic'] as const;
const MARK_TAGS = { bold: 'strong', italic: 'em' } as const;

/**
 * The one block renderer: turns body blocks into HTML. Every character of text is escaped, every URL
 * checked again (the stored JSON is not trusted), and the result is returned as `SafeHtml`.
 *
 * @example renderBlocks([{ type: 'paragraph', text: 'a < b' }]) // '<p>a &lt; b</p>'
 */
export function renderBlocks(blocks: readonly Block[], options: RenderOptions = {}): SafeHtml {
  // Ids the page layout uses itself, so a heading called "Comments" cannot capture the page's anchor.
  const headingIds = new Set<string>(['main', 'content', 'comments', 'related', 'top', 'search']);
  const eager = options.eagerBlocks ?? 3;
  const html = blocks
    .map((block, index) => {
      switch (block.type) {
        case 'paragraph':
          return `<p>${renderInline(block, options)}</p>`;
        case 'heading': {
          const id = uniqueId(block.text, headingIds);
          return `<h${block.level} id="${escapeHtml(id)}">${renderInline(block, options)}</h${block.level}>`;
        }
        case 'quote':
          return renderQuote(block, options);
        case 'list': {
          const tag = block.ordered ? 'ol' : 'ul';
          return `<${tag}>${block.items.map((item) => `<li>${renderInline(item, options)}</li>`).join('')}</${tag}>`;
        }
        case 'image':
          return renderFigure(block, options, index >= eager);
      }
    })
    .join('\n');
  return trustBuiltHtml(html);
}

/** Renders a figure with its caption and credit in separate elements, or '' when the source is unsafe. */
export function renderFigure(image: ImageBlock, options: RenderOptions = {}, lazy = true): string {
  if (!isSafeUrl(image.src, { allowMailto: false })) return '';
  const resolved = options.resolveImage?.(image) ?? {
    src: image.src,
    width: image.width,
    height: image.height,
  };
  const picture = renderPicture(resolved, image.alt, lazy);
  const caption = image.caption ? `<span class="caption">${escapeHtml(image.caption)}</span>` : '';
  const credit = image.credit ? ` <span class="credit">${escapeHtml(image.credit)}</span>` : '';
  const figcaption = caption || credit ? `<figcaption>${caption}${credit}</figcaption>` : '';
  return `<figure class="figure">${picture}${figcaption}</figure>`;
}

function renderPicture(image: ResponsiveImage, alt: string, lazy: boolean): string {
  const attrs = [
    `src="${escapeHtml(image.src)}"`,
    `alt="${escapeHtml(alt)}"`,
    image.srcset ? `srcset="${escapeHtml(image.srcset)}"` : '',
    image.sizes ? `sizes="${escapeHtml(image.sizes)}"` : '',
    image.width ? `width="${image.width}"` : '',
    image.height ? `height="${image.height}"` : '',
    lazy ? 'loading="lazy"' : '',
    'decoding="async"',
  ]
    .filter(Boolean)
    .join(' ');
  const img = `<img ${attrs}>`;
  if (!image.sources?.length) return img;
  const sources = image.sources
    .map(
      (s) =>
        `<source type="${escapeHtml(s.type)}" srcset="${escapeHtml(s.srcset)}"${s.sizes ? ` sizes="${escapeHtml(s.sizes)}"` : ''}>`,
    )
    .join('');
  return `<picture>${sources}${img}</picture>`;
}

function renderQuote(block: RichText & { attribution?: string }, options: RenderOptions): string {
  const paragraphs = paragraphRanges(block.text)
    .map(([start, end]) => `<p>${renderRange(block, start, end, 0, options)}</p>`)
    .join('');
  const cite = block.attribution ? `<footer><cite>${escapeHtml(block.attribution)}</cite></footer>` : '';
  return `<blockquote>${paragraphs}${cite}</blockquote>`;
}

/** Renders one run of rich text (no block wrapper), marks nested link › bold › italic. */
export function renderInline(value: RichText, options: RenderOptions = {}): string {
  return renderRange(value, 0, value.text.length, 0, options);
}

function renderRange(
  value: RichText,
  start: number,
  end: number,
  level: number,
  options: RenderOptions,
): string {
  const kind = MARK_ORDER[level];
  if (kind === undefined) return escapeText(value.text.slice(start, end));
  let html = '';
  let cursor = start;
  for (const span of spansOf(value.marks ?? [], kind, start, end)) {
    if (span.start > cursor) html += renderRange(value, cursor, span.start, level + 1, options);
    const inner = renderRange(value, span.start, span.end, level + 1, options);
    html += wrap(span.mark, inner, options);
    cursor = span.end;
  }
  if (cursor < end) html += renderRange(value, cursor, end, level + 1, options);
  return html;
}

function wrap(mark: Mark, inner: string, options: RenderOptions): string {
  if (mark.type === 'link') {
    if (!isSafeUrl(mark.href)) return inner;
    const rel = options.linkRel ? ` rel="${escapeHtml(options.linkRel)}"` : '';
    return `<a href="${escapeHtml(mark.href.trim())}"${rel}>${inner}</a>`;
  }
  const tag = MARK_TAGS[mark.type];
  return `<${tag}>${inner}</${tag}>`;
}

/**
 * The marks of one kind within [start, end), clipped and made disjoint: overlapping bold or italic
 * ranges merge; of overlapping links, the earlier one wins the shared characters.
 */
function spansOf(marks: readonly Mark[], kind: Mark['type'], start: number, end: number) {
  const spans: Array<{ start: number; end: number; mark: Mark }> = [];
  const relevant = marks
    .filter((m) => m.type === kind && m.end > start && m.start < end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  for (const mark of relevant) {
    const last = spans.at(-1);
    const e = Math.min(mark.end, end);
    if (last && kind !== 'link' && mark.start <= last.end) {
      last.end = Math.max(last.end, e);
      continue;
    }
    const s = Math.max(mark.start, start, last?.end ?? start);
    if (e > s) spans.push({ start: s, end: e, mark });
  }
  return spans;
}

function escapeText(text: string): string {
  return escapeHtml(text).replace(/\n/g, '<br>');
}

/** [start, end) ranges of the paragraphs of a text, split at blank lines. */
function paragraphRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const separator = /\n{2,}/g;
  let start = 0;
  for (const match of text.matchAll(separator)) {
    if (match.index > start) ranges.push([start, match.index]);
    start = match.index + match[0].length;
  }
  if (start < text.length || ranges.length === 0) ranges.push([start, text.length]);
  return ranges;
}

function uniqueId(text: string, used: Set<string>): string {
  const base =
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'section';
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}
