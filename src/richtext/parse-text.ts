import type { Block } from './blocks.ts';
import { checkBody, cleanText } from './blocks.ts';

/**
 * Tag names that, seen as text, are debris of a broken HTML pipeline rather than words. Matching only
 * these keeps a sentence like "a <b> c" from losing anything when b is meant literally… as long as it
 * is not a real tag name, which is the price of repairing scraped text.
 */
const KNOWN_TAGS =
  'p|div|span|h[1-6]|br|hr|b|i|u|em|strong|a|blockquote|ul|ol|li|figure|figcaption|img|section|article|small|cite|sup|sub|font|center';
/** A tag fragment as scrapers leave it: `< /h2>`, `< p dir="ltr">`, `</strong >`. */
const FRAGMENT = new RegExp(`<\\s*(/?)\\s*(${KNOWN_TAGS})\\b(?:\\s+[^<>]*)?\\s*/?\\s*>`, 'gi');
const HEADING_FRAGMENT = /^h([1-6])$/i;

/**
 * Parses plain text as a scraper or a writer leaves it into blocks. Paragraphs are separated by blank
 * lines; stray tag fragments are repaired into structure instead of being kept as text: a line ending
 * in `< /h2>` becomes a level-2 heading, and `< p dir="ltr">` just opens a paragraph.
 *
 * @example parseTextToBlocks('Why it matters< /h2>\n\nBecause.') // [heading 2 "Why it matters", paragraph "Because."]
 */
export function parseTextToBlocks(
  input: string,
  { singleNewlines = 'space' as 'space' | 'paragraph' } = {},
): Block[] {
  const text = cleanText(input);
  const chunks = singleNewlines === 'paragraph' ? text.split(/\n+/) : text.split(/\n\s*\n/);
  const blocks: Block[] = [];
  for (const chunk of chunks) {
    const block = repairChunk(chunk);
    if (block) blocks.push(block);
  }
  const check = checkBody(blocks);
  return check.ok ? check.blocks : [];
}

function repairChunk(chunk: string): Block | undefined {
  let headingLevel: number | undefined;
  let lineBreaks = false;
  const stripped = chunk.replace(FRAGMENT, (_match, _closing: string, name: string) => {
    const heading = HEADING_FRAGMENT.exec(name);
    if (heading?.[1]) headingLevel = Number(heading[1]);
    if (name.toLowerCase() === 'br') {
      lineBreaks = true;
      return '\n';
    }
    return ' ';
  });
  const text = lineBreaks
    ? stripped
        .split('\n')
        .map((line) => line.replace(/\s+/g, ' ').trim())
        .filter(Boolean)
        .join('\n')
    : stripped.replace(/\s+/g, ' ').trim();
  if (text.length === 0) return undefined;
  if (headingLevel !== undefined) {
    const level = headingLevel <= 2 ? 2 : headingLevel === 3 ? 3 : 4;
    return { type: 'heading', level, text };
  }
  return { type: 'paragraph', text };
}

/** Whether a string holds tag fragments that `parseTextToBlocks` would repair. */
export function hasTagFragments(text: string): boolean {
  FRAGMENT.lastIndex = 0;
  return FRAGMENT.test(text);
}
