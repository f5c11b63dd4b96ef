import { createRequire } from 'node:module';
import { linkedom } from '../shared/linkedom.ts';
import type sanitizeHtmlModule from 'sanitize-html';
import type { Block, ImageBlock, RichText } from './blocks.ts';
import { checkBody, isSafeUrl } from './blocks.ts';
import { InlineBuilder } from './inline-builder.ts';

export interface ParseHtmlOptions {
  /** Resolves relative link and image addresses (for imported pages); without it they are dropped. */
  baseUrl?: string;
}

const BLOCK_CONTAINERS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'center',
  'dl',
  'dd',
  'dt',
  'address',
  'details',
  'summary',
  'tbody',
  'thead',
  'tfoot',
  'hgroup',
]);
const HEADING_LEVEL: Record<string, 2 | 3 | 4> = { h1: 2, h2: 2, h3: 3, h4: 4, h5: 4, h6: 4 };
const CREDIT_CLASS = /credit|copyright|byline|source|photographer|attribution/i;

/**
 * The allowlist every HTML input passes before it is read into blocks. Scripts, styles, frames,
 * forms and event handlers are gone before the walk starts; what survives is only structure to read.
 */
const SANITIZE: sanitizeHtmlModule.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'b',
    'strong',
    'i',
    'em',
    'figure',
    'figcaption',
    'img',
    'picture',
    'div',
    'section',
    'article',
    'main',
    'header',
    'footer',
    'aside',
    'span',
    'small',
    'cite',
    'table',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'td',
    'th',
    'caption',
    'pre',
    'code',
    'hr',
    'dl',
    'dt',
    'dd',
    'address',
    'sup',
    'sub',
    'u',
    'mark',
    'q',
    'abbr',
    'time',
    'center',
    'details',
    'summary',
    'hgroup',
  ],
  allowedAttributes: {
    a: ['href'],
    img: ['src', 'alt', 'width', 'height', 'data-src'],
    '*': ['class'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'noscript',
    'iframe',
    'object',
    'embed',
    'svg',
    'math',
    'template',
    'select',
    'button',
    'form',
    'nav',
  ],
  disallowedTagsMode: 'discard',
};

const require = createRequire(import.meta.url);
let sanitizer: typeof sanitizeHtmlModule | undefined;

/**
 * sanitize-html (with htmlparser2 and postcss), loaded the first time a body arrives as HTML (the
 * editor's paste, the API, an import): an instance that only serves readers keeps its 11 MB.
 * Synchronous, as linkedom's loader, so the parser stays so.
 */
function sanitizeHtml(): typeof sanitizeHtmlModule {
  return (sanitizer ??= require('sanitize-html') as typeof sanitizeHtmlModule);
}

/**
 * Parses untrusted HTML into body blocks: sanitised first, then read element by element. Shared by the
 * editor's paste handling, the API and the importer, so every way into the body is the same way.
 *
 * @example parseHtmlToBlocks('<h2>Why</h2><p>Because <b>this</b>.</p>')
 */
export function parseHtmlToBlocks(html: string, options: ParseHtmlOptions = {}): Block[] {
  const clean = sanitizeHtml()(html, SANITIZE);
  const { document } = linkedom().parseHTML(`<!doctype html><html><body>${clean}</body></html>`);
  const reader = new BlockReader(options);
  reader.readChildren(document.body);
  reader.flush();
  const check = checkBody(reader.blocks);
  return check.ok ? check.blocks : [];
}

class BlockReader {
  readonly blocks: Block[] = [];
  private inline = new InlineBuilder();

  constructor(private readonly options: ParseHtmlOptions) {}

  flush(): void {
    if (this.inline.isBlank()) {
      this.inline.take();
      return;
    }
    this.blocks.push({ type: 'paragraph', ...this.inline.take() });
  }

  readChildren(node: Node): void {
    for (const child of Array.from(node.childNodes)) this.read(child);
  }

  private read(node: Node): void {
    if (node.nodeType === 3) {
      this.inline.append(node.textContent ?? '');
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    const tag = el.tagName.toLowerCase();
    const level = HEADING_LEVEL[tag];
    if (level) return this.readTextBlock(el, (text) => ({ type: 'heading', level, ...text }));
    if (BLOCK_CONTAINERS.has(tag)) {
      this.flush();
      this.readChildren(el);
      this.flush();
      return;
    }
    switch (tag) {
      case 'br':
        this.inline.lineBreak();
        return;
      case 'hr':
        this.flush();
        return;
      case 'blockquote':
        return this.readQuote(el);
      case 'ul':
      case 'ol':
        return this.readList(el, tag === 'ol');
      case 'figure':
        return this.readFigure(el);
      case 'img': {
        const image = this.imageOf(el, '', '');
        if (image) {
          this.flush();
          this.blocks.push(image);
        }
        return;
      }
      case 'table':
        return this.readTable(el);
      case 'pre':
        this.flush();
        this.inline.append(el.textContent ?? '', true);
        this.flush();
        return;
      case 'strong':
      case 'b':
        return this.readMarked(el, 'bold');
      case 'em':
      case 'i':
        return this.readMarked(el, 'italic');
      case 'a':
        return this.readLink(el);
      default:
        this.readChildren(el);
    }
  }

  private readTextBlock(el: Element, make: (text: RichText) => Block): void {
    this.flush();
    this.readChildren(el);
    const text = this.inline.take();
    if (text.text.length > 0) this.blocks.push(make(text));
  }

  private readMarked(el: Element, type: 'bold' | 'italic'): void {
    const start = this.inline.length;
    this.readChildren(el);
    this.inline.addMark({ type, start, end: this.inline.length });
  }

  private readLink(el: Element): void {
    const href = this.resolve(el.getAttribute('href'), true);
    const start = this.inline.length;
    this.readChildren(el);
    if (href) this.inline.addMark({ type: 'link', start, end: this.inline.length, href });
  }

  private readQuote(el: Element): void {
    this.flush();
    let attribution = '';
    for (const child of Array.from(el.childNodes)) {
      if (child.nodeType === 1) {
        const tag = (child as Element).tagName.toLowerCase();
        if (tag === 'footer' || tag === 'cite') {
          attribution = (child.textContent ?? '')
            .replace(/\s+/g, ' ')
            .replace(/^[—–-]\s*/, '')
            .trim();
          continue;
        }
        if (tag === 'p' || BLOCK_CONTAINERS.has(tag)) {
          this.inline.paragraphBreak();
          this.readChildren(child);
          this.inline.paragraphBreak();
          continue;
        }
      }
      this.read(child);
    }
    const text = this.inline.take();
    if (text.text.length > 0)
      this.blocks.push({ type: 'quote', ...text, ...(attribution ? { attribution } : {}) });
  }

  private readList(el: Element, ordered: boolean): void {
    this.flush();
    const items: Array<{ text: string }> = [];
    const collect = (list: Element) => {
      for (const li of Array.from(list.children)) {
        if (li.tagName.toLowerCase() !== 'li') continue;
        const nested: Element[] = [];
        for (const child of Array.from(li.childNodes)) {
          const childTag = child.nodeType === 1 ? (child as Element).tagName.toLowerCase() : '';
          if (childTag === 'ul' || childTag === 'ol') nested.push(child as Element);
          else this.read(child);
        }
        const item = this.inline.take();
        if (item.text.length > 0) items.push(item);
        // The block model has flat lists: nested items follow their parent item.
        nested.forEach(collect);
      }
    };
    collect(el);
    if (items.length > 0) this.blocks.push({ type: 'list', ordered, items });
  }

  private readFigure(el: Element): void {
    this.flush();
    const img = el.querySelector('img');
    const figcaption = el.querySelector('figcaption');
    let caption = '';
    let credit = '';
    if (figcaption) {
      const creditEl = Array.from(figcaption.querySelectorAll('*')).find(
        (c) => CREDIT_CLASS.test(c.getAttribute('class') ?? '') || /^(small|cite)$/i.test(c.tagName),
      );
      if (creditEl) {
        credit = squash(creditEl.textContent ?? '');
        creditEl.remove();
      }
      caption = squash(figcaption.textContent ?? '');
    }
    const image = img ? this.imageOf(img, caption, credit) : undefined;
    if (image) this.blocks.push(image);
    else if (caption) this.blocks.push({ type: 'paragraph', text: caption });
  }

  private readTable(el: Element): void {
    this.flush();
    for (const row of Array.from(el.querySelectorAll('tr'))) {
      const cells = Array.from(row.children)
        .map((cell) => squash(cell.textContent ?? ''))
        .filter(Boolean);
      if (cells.length > 0) this.blocks.push({ type: 'paragraph', text: cells.join(' · ') });
    }
  }

  private imageOf(img: Element, caption: string, credit: string): ImageBlock | undefined {
    const src = this.resolve(img.getAttribute('src') ?? img.getAttribute('data-src'), false);
    if (!src) return undefined;
    const width = positiveInt(img.getAttribute('width'));
    const height = positiveInt(img.getAttribute('height'));
    return {
      type: 'image',
      src,
      alt: squash(img.getAttribute('alt') ?? ''),
      ...(caption ? { caption } : {}),
      ...(credit ? { credit } : {}),
      ...(width && height ? { width, height } : {}),
    };
  }

  private resolve(raw: string | null, allowMailto: boolean): string | undefined {
    const value = raw?.trim();
    if (!value) return undefined;
    let url = value;
    if (this.options.baseUrl && !/^[a-z][a-z0-9+.-]*:/i.test(value) && !value.startsWith('#')) {
      try {
        url = new URL(value, this.options.baseUrl).toString();
      } catch {
        return undefined;
      }
    }
    return isSafeUrl(url, { allowMailto }) ? url : undefined;
  }
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function positiveInt(value: string | null): number | undefined {
  const n = value ? Number.parseInt(value, 10) : Number.NaN;
  return Number.isFinite(n) && n > 0 && n <= 20_000 ? n : undefined;
}
