import type { Block } from '../../richtext/index.ts';
import { blocksToPlainText, cleanText, hasTagFragments, parseTextToBlocks } from '../../richtext/index.ts';
import type { ExtractedArticle, ExtractedImage } from '../types.ts';
import { BREADCRUMB_LINE, CHROME_HEADING, isChromeLine } from './chrome.ts';
import { cleanBlocks, normal } from './cleanup.ts';
import { captionAndCredit } from './caption.ts';
import { guessLanguage } from './language.ts';
import { splitNames } from './metadata.ts';

const BREADCRUMB_SEPARATOR = /\s*(?:»|›|→|\s>\s|\s\/\s|\s\|\s)\s*/;
const BYLINE = /^(?:by|von|par|por|від|автор:?)\s+(.{2,120})$/iu;

/**
 * Reads plain text as a scraper leaves a page: breadcrumb, headline, byline, a second headline with the
 * original author (a republished translation), the lead image's caption and credit, the story with tag
 * fragments in it, and chrome at the end. The head of the page is read line by line while each line is
 * recognisably one of those; the first line that is none of them starts the story.
 */
export function extractArticleFromText(input: string): ExtractedArticle | null {
  const chunks = cleanText(input)
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean);
  if (chunks.length === 0) return null;

  let title: string | null = null;
  let authors: string[] = [];
  let originalTitle: string | null = null;
  let originalAuthor: string | null = null;
  let leadImage: ExtractedImage | null = null;
  let cursor = 0;
  const rest = () => chunks.slice(cursor + 1).join('\n');

  for (; cursor < chunks.length; cursor++) {
    const chunk = squash(chunks[cursor]!);
    if (hasTagFragments(chunk) || chunk.length > 300) break;
    if (BREADCRUMB_LINE.test(chunk)) {
      const crumbs = chunk.split(BREADCRUMB_SEPARATOR);
      title ??= crumbs.at(-1) ?? null;
      continue;
    }
    if (title !== null && normal(chunk) === normal(title)) continue;
    const byline = BYLINE.exec(chunk);
    if (byline?.[1] && title !== null && authors.length === 0) {
      authors = splitNames(byline[1]);
      continue;
    }
    if (title === null && looksLikeHeadline(chunk)) {
      title = chunk;
      continue;
    }
    if (title !== null && !originalTitle && isRetitled(chunk, title)) {
      const split = splitTrailingName(chunk, rest());
      originalTitle = split.headline;
      originalAuthor = split.name;
      continue;
    }
    const credit = captionAndCredit(chunk);
    if (title !== null && !leadImage && credit) {
      leadImage = { url: null, alt: '', caption: credit.caption, credit: credit.credit };
      continue;
    }
    break;
  }
  if (!title) return null;

  const bodyChunks = chunks.slice(cursor);
  let body = parseTextToBlocks(bodyChunks.join('\n\n'));
  body = promoteHeadings(body);
  body = cutTrailingChrome(body);
  body = cleanBlocks(body, { title, authors });
  if (body.length === 0) return null;

  return {
    title,
    dek: null,
    authors,
    publishedAt: null,
    language: guessLanguage(blocksToPlainText(body)),
    leadImage,
    source: {
      outlet: outletFromCredit(leadImage?.credit ?? null),
      url: null,
      originalTitle: originalTitle ?? title,
      originalAuthor: originalAuthor ?? (authors.length ? authors.join(', ') : null),
    },
    body,
    tags: [],
    section: null,
  };
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A headline: one short line, no sentence-ending full stop. */
function looksLikeHeadline(line: string): boolean {
  return line.length >= 8 && line.length <= 250 && !/[.;,]$/.test(line) && /\p{L}/u.test(line);
}

/**
 * The same headline in other words: a republished translation often shows the original's headline
 * too ("A step of despair: …" under "A step of desperation: …"). Judged by shared words.
 */
function isRetitled(line: string, title: string): boolean {
  if (line.length > 300 || /[.!?]\s+\p{Lu}/u.test(line)) return false;
  const words = (text: string) => new Set(normal(text).match(/\p{L}{3,}/gu) ?? []);
  const a = words(title);
  const b = words(line);
  if (a.size < 3) return false;
  const shared = [...a].filter((w) => b.has(w)).length;
  return shared / a.size >= 0.5;
}

/**
 * "…actually meant Polina Buyanova" → headline and name: a run of two to four capitalised words at the
 * end that appear nowhere in the story (so "…visit to North Korea" keeps its North Korea).
 */
function splitTrailingName(line: string, story: string): { headline: string; name: string | null } {
  const words = line.split(' ');
  for (let size = Math.min(4, words.length - 3); size >= 2; size--) {
    const name = words.slice(-size);
    if (!name.every((w) => /^\p{Lu}[\p{Ll}'’-]+$/u.test(w))) continue;
    if (name.some((w) => story.includes(w))) continue;
    return { headline: words.slice(0, -size).join(' '), name: name.join(' ') };
  }
  return { headline: line, name: null };
}

/** "Collage 24 Channel" → "24 Channel": an outlet that made its own collage is the outlet of the story. */
function outletFromCredit(credit: string | null): string | null {
  const match = /^(?:collage|колаж|illustration|ілюстрація|infographic|інфографіка)\s*:?\s+(.{2,60})$/iu.exec(
    credit ?? '',
  );
  return match?.[1]?.trim() ?? null;
}

/**
 * A scraper loses heading tags; what is left is a short line with no closing punctuation standing
 * between paragraphs. Such a line becomes a level-2 heading.
 */
function promoteHeadings(blocks: Block[]): Block[] {
  return blocks.map((block, index) => {
    if (block.type !== 'paragraph' || index === 0 || index === blocks.length - 1) return block;
    const text = block.text;
    const words = text.split(/\s+/).length;
    const isShort = text.length <= 120 && words >= 2 && words <= 16;
    const unpunctuated = !/[.!?…:;,"”»)\]]$/.test(text) && !text.includes('\n');
    const next = blocks[index + 1];
    const followedByProse = next?.type === 'paragraph' && next.text.length > text.length * 1.5;
    if (isShort && unpunctuated && /^\p{Lu}/u.test(text) && followedByProse && !isChromeLine(text)) {
      return { type: 'heading', level: 2, text, ...(block.marks ? { marks: block.marks } : {}) };
    }
    return block;
  });
}

/** Everything from a trailing "You may also like" / "Leave a Comment" on is the site, not the story. */
function cutTrailingChrome(blocks: Block[]): Block[] {
  let end = blocks.length;
  while (end > 0) {
    const block = blocks[end - 1]!;
    if (block.type !== 'image' && block.type !== 'list' && isChromeLine(block.text)) end--;
    else break;
  }
  const firstChromeHeading = blocks.findIndex(
    (b, i) =>
      i > 0 && b.type !== 'image' && b.type !== 'list' && CHROME_HEADING.test(b.text.replace(/[:.]$/, '')),
  );
  if (firstChromeHeading > 0 && firstChromeHeading < end) {
    const after = blocks.slice(firstChromeHeading + 1, end);
    if (after.every((b) => b.type !== 'paragraph' || b.text.length < 160)) end = firstChromeHeading;
  }
  return blocks.slice(0, end);
}
