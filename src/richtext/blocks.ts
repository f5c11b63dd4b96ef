import { z } from 'zod';

/**
 * The article body model: a list of typed blocks whose text is plain text, with inline formatting as
 * character ranges ("marks") beside it. It is stored as JSON, edited by the ProseMirror editor (whose
 * schema maps one-to-one onto it) and turned into HTML only by `render.ts`, which escapes every
 * character of text. No block carries HTML, so nothing stored can ever reach a page as markup.
 *
 * @example
 *   { type: 'paragraph', text: 'Read Time.', marks: [{ type: 'link', start: 5, end: 9, href: 'https://time.com' }] }
 */
export type Mark =
  | { type: 'bold'; start: number; end: number }
  | { type: 'italic'; start: number; end: number }
  | { type: 'link'; start: number; end: number; href: string };

export interface RichText {
  text: string;
  marks?: Mark[];
}

export interface ParagraphBlock extends RichText {
  type: 'paragraph';
}
export interface HeadingBlock extends RichText {
  type: 'heading';
  level: 2 | 3 | 4;
}
/** A block quotation; paragraphs inside it are separated by a blank line ("\n\n") in `text`. */
export interface QuoteBlock extends RichText {
  type: 'quote';
  attribution?: string;
}
export interface ListBlock {
  type: 'list';
  ordered: boolean;
  items: RichText[];
}
export interface ImageBlock {
  type: 'image';
  src: string;
  alt: string;
  caption?: string;
  credit?: string;
  width?: number;
  height?: number;
  mediaId?: number;
}

export type Block = ParagraphBlock | HeadingBlock | QuoteBlock | ListBlock | ImageBlock;
export type TextBlock = ParagraphBlock | HeadingBlock | QuoteBlock;

export const MAX_BLOCKS = 5000;
export const MAX_TEXT = 100_000;

/** Characters that have no place in stored text: C0 controls except tab and newline, and DEL. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F]/g;

export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL_CHARS, '');
}

/**
 * Whether a URL may be a link or image target: absolute http(s), mailto, a site-relative path or a
 * fragment. Everything else (javascript:, data:, vbscript:, protocol-relative //host) is refused.
 */
export function isSafeUrl(url: string, { allowMailto = true } = {}): boolean {
  const value = url.trim();
  if (value.length === 0 || value.length > 2048) return false;
  if (value.startsWith('#')) return true;
  if (value.startsWith('/')) return !value.startsWith('//') && !value.startsWith('/\\');
  try {
    const parsed = new URL(value);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.hostname.length > 0;
    return allowMailto && parsed.protocol === 'mailto:';
  } catch {
    return false;
  }
}

const text = z.string().max(MAX_TEXT).transform(cleanText);
const optionalText = z
  .string()
  .max(2000)
  .transform((value) => cleanText(value).trim())
  .optional();
const position = z.number().int().min(0);
const mark = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bold'), start: position, end: position }),
  z.object({ type: z.literal('italic'), start: position, end: position }),
  z.object({
    type: z.literal('link'),
    start: position,
    end: position,
    href: z
      .string()
      .refine((href) => isSafeUrl(href), { message: 'links must be http(s), mailto or site-relative' }),
  }),
]);
const richText = { text, marks: z.array(mark).max(10_000).optional() };

const blockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('paragraph'), ...richText }),
  z.object({
    type: z.literal('heading'),
    level: z.union([z.literal(2), z.literal(3), z.literal(4)]),
    ...richText,
  }),
  z.object({ type: z.literal('quote'), ...richText, attribution: optionalText }),
  z.object({
    type: z.literal('list'),
    ordered: z.boolean(),
    items: z.array(z.object(richText)).min(1).max(1000),
  }),
  z.object({
    type: z.literal('image'),
    src: z.string().refine((src) => isSafeUrl(src, { allowMailto: false }), {
      message: 'images must come from an http(s) or site-relative address',
    }),
    alt: z.string().max(1000).transform(cleanText),
    caption: optionalText,
    credit: optionalText,
    width: z.number().int().positive().max(20_000).optional(),
    height: z.number().int().positive().max(20_000).optional(),
    mediaId: z.number().int().positive().optional(),
  }),
]);

export const bodySchema = z.array(blockSchema).max(MAX_BLOCKS);

/** The result of checking an untrusted body: either clean blocks or a sentence saying what is wrong. */
export type BodyCheck = { ok: true; blocks: Block[] } | { ok: false; message: string };

/**
 * Validates untrusted block JSON (from the editor, the API or the database) and normalises it: control
 * characters removed, marks clamped to their text, empty marks dropped, overlapping marks of one kind merged.
 */
export function checkBody(input: unknown): BodyCheck {
  const parsed = bodySchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `block ${issue.path.join('.')}` : 'the body';
    return {
      ok: false,
      message: `The article body is not valid (${where}: ${issue?.message ?? 'unknown problem'}).`,
    };
  }
  return { ok: true, blocks: parsed.data.map(normaliseBlock) };
}

/** Parses stored body JSON; a corrupt value reads as an empty body rather than breaking a page. */
export function readStoredBody(json: string): Block[] {
  try {
    const check = checkBody(JSON.parse(json));
    return check.ok ? check.blocks : [];
  } catch {
    return [];
  }
}

function normaliseBlock(block: Block): Block {
  switch (block.type) {
    case 'list':
      return { ...block, items: block.items.map((item) => normaliseRichText(item)) };
    case 'image':
      return stripUndefined(block);
    default:
      return stripUndefined({ ...block, ...normaliseRichText(block) });
  }
}

function normaliseRichText<T extends RichText>(value: T): T {
  const length = value.text.length;
  const marks = (value.marks ?? [])
    .map((m) => ({ ...m, start: Math.min(m.start, length), end: Math.min(m.end, length) }))
    .filter((m) => m.end > m.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const result = { ...value };
  if (marks.length > 0) result.marks = marks;
  else delete result.marks;
  return result;
}

const OPTIONAL_TEXT_KEYS = new Set(['caption', 'credit', 'attribution']);

/** Drops keys that are undefined, and optional text fields that are empty, so stored JSON stays minimal. */
function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([k, v]) => v !== undefined && !(v === '' && OPTIONAL_TEXT_KEYS.has(k))),
  ) as T;
}

/** The body as plain text: blocks separated by a blank line, list items by a newline. */
export function blocksToPlainText(blocks: readonly Block[]): string {
  return blocks
    .map((block) => {
      switch (block.type) {
        case 'list':
          return block.items.map((item) => item.text).join('\n');
        case 'image':
          return [block.caption, block.credit].filter(Boolean).join(' ');
        default:
          return block.text;
      }
    })
    .filter((part) => part.trim().length > 0)
    .join('\n\n');
}
