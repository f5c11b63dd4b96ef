import type { Block, ImageBlock } from '../../richtext/index.ts';
import { checkBody, hasTagFragments, parseTextToBlocks } from '../../richtext/index.ts';
import { captionAndCredit } from './caption.ts';
import { CHROME_HEADING, isChromeLine } from './chrome.ts';

/** Images that are tracking pixels, spacers or counters, never pictures. */
const TRACKER_SRC =
  /(\/pixel|pixel\.|beacon|\/track(ing)?[/.?]|analytics|doubleclick|scorecardresearch|quantserve|facebook\.com\/tr|google-analytics|googletagmanager|\/b\/ss\/|1x1|spacer\.|blank\.gif|\/count(er)?[/.?]|\/stat(s)?\.(gif|png)|feedburner\.com\/~r|\/~ff\/|sb\.scorecardresearch|pixel\.wp\.com|stats\.wp\.com)/i;

export function isTrackerImage(src: string, width?: number | null, height?: number | null): boolean {
  if (
    (width !== undefined && width !== null && width <= 3) ||
    (height !== undefined && height !== null && height <= 3)
  )
    return true;
  return TRACKER_SRC.test(src);
}

export interface CleanupContext {
  title: string | null;
  authors: readonly string[];
  /** The page's own summary: kept as the standfirst, so not repeated as the first paragraph. */
  description?: string | null;
}

/**
 * The last pass over extracted blocks, shared by every source: tag fragments left as text become
 * structure, chrome lines and tracking pixels go, the headline and byline are not repeated as body
 * text, and a trailing "You may also like" list is cut.
 */
export function cleanBlocks(blocks: readonly Block[], context: CleanupContext): Block[] {
  const repaired = blocks.flatMap(repairFragments);
  const kept: Block[] = [];
  const title = normal(context.title ?? '');
  const bylines = new Set(context.authors.flatMap((a) => [normal(a), normal(`by ${a}`)]));
  const description = context.description ? normal(context.description) : null;
  let inBody = false;
  for (let index = 0; index < repaired.length; index++) {
    const block = repaired[index]!;
    if (block.type === 'image') {
      if (isTrackerImage(block.src, block.width, block.height)) continue;
      // "The rebuilt stop / Photo: Ivan Bondar" in one caption: the credit goes in its own field.
      const split = block.caption && !block.credit ? captionAndCredit(block.caption) : undefined;
      kept.push(split ? { ...block, caption: split.caption, credit: split.credit } : block);
      continue;
    }
    if (block.type === 'list') {
      inBody = true;
      kept.push(block);
      continue;
    }
    const text = normal(block.text);
    // A headline-like repeat of the summary goes (it is the standfirst); a first paragraph that the page
    // also used as its summary stays, and the standfirst is left empty instead (see extract-html.ts).
    const repeatsSummary = text === description && block.type === 'heading';
    if (!inBody && (text === title || repeatsSummary || bylines.has(text) || isBylineOrDate(block.text)))
      continue;
    if (isDateline(block.text) || isStray(block)) continue;
    if (isChromeLine(block.text)) {
      // A chrome heading with only short link-like lines after it ends the story.
      if (CHROME_HEADING.test(block.text.trim().replace(/[:.]$/, '')) && tailIsShort(repaired, index + 1))
        break;
      continue;
    }
    inBody = true;
    kept.push(block);
  }
  while (kept.length > 1 && isAuthorBio(kept.at(-1)!, context.authors)) kept.pop();
  const check = checkBody(dedupeNeighbours(kept));
  return check.ok ? check.blocks : [];
}

const MONTH =
  '(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?|(janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc)[a-zé]*|(січ|лют|берез|квіт|трав|черв|лип|серп|вер|жовт|листоп|груд)[а-яії]*';
const DATE = new RegExp(
  `(\\b\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}\\b|\\b\\d{4}-\\d{2}-\\d{2}\\b|\\b(${MONTH})\\s+\\d{1,2},?\\s+\\d{4}|\\b\\d{1,2}\\.?\\s+(${MONTH}),?\\s+\\d{4})`,
  'iu',
);
const DATELINE_WORDS =
  /\b(published|updated|posted|first|last|modified|on|at|by|staff|am|pm|gmt|utc|est|edt|pst|pdt|cet|cest|et|pt|bst|news|desk|exclusive)\b/gi;

/**
 * "22 Dec, 2016 22 Dec, 2016", "2/26/2015 7:11 AM PST BY TMZ STAFF", "CNNMoney (New York) First published
 * February 1, 2016: 1:28 AM ET": a short line that is mostly a date is the page's dateline, not story.
 */
function isDateline(text: string): boolean {
  const line = text.trim();
  if (line.length > 110 || !DATE.test(line)) return false;
  const rest = line
    .replace(new RegExp(DATE.source, 'giu'), ' ')
    .replace(DATELINE_WORDS, ' ')
    .replace(/[\d:.,()|/-]+/g, ' ')
    .trim();
  return rest.split(/\s+/).filter(Boolean).length <= 4 && !/[.!?]["”]?$/.test(line.replace(/\d[.:]\d/g, ''));
}

/**
 * Debris of embeds and link lists: a one- or two-word line with no sentence in it ("Facebook",
 * "EXCLUSIVE"), or a short line that is nothing but a link (a related story's headline).
 */
function isStray(block: Block): boolean {
  if (block.type !== 'paragraph') return false;
  const line = block.text.trim();
  const words = line.split(/\s+/).length;
  if (words <= 2 && !/[.!?…:"”»)]$/.test(line) && !/\d/.test(line)) return true;
  const links = (block.marks ?? []).filter((m) => m.type === 'link');
  const linked = links.reduce((n, m) => n + (m.end - m.start), 0);
  return words <= 15 && linked >= line.length * 0.9 && !/[.!?]$/.test(line);
}

/** "Lucas Nolan is a reporter for Breitbart Tech…": the author's biography closing the page. */
function isAuthorBio(block: Block, authors: readonly string[]): boolean {
  if (block.type !== 'paragraph' || block.text.length > 400) return false;
  const text = block.text.trim();
  return authors.some(
    (author) =>
      author.length > 3 &&
      text.toLowerCase().startsWith(author.toLowerCase()) &&
      /\b(is|was|covers|writes|reports|joined|has been)\b/i.test(
        text.slice(author.length, author.length + 40),
      ),
  );
}

/** A paragraph holding `< /h2>` or `< p dir="ltr">` as text is re-read as the structure it meant. */
function repairFragments(block: Block): Block[] {
  if ((block.type === 'paragraph' || block.type === 'heading') && hasTagFragments(block.text)) {
    return parseTextToBlocks(block.text.replace(/(<\s*\/\s*h[1-6]\s*>)/gi, '$1\n\n'));
  }
  return [block];
}

function tailIsShort(blocks: readonly Block[], from: number): boolean {
  return blocks
    .slice(from)
    .every((b) => b.type === 'image' || b.type === 'list' || (b.type !== 'quote' && b.text.length < 160));
}

function dedupeNeighbours(blocks: Block[]): Block[] {
  return blocks.filter((block, i) => {
    const previous = blocks[i - 1];
    if (!previous) return true;
    if (block.type === 'image' && previous.type === 'image')
      return (previous as ImageBlock).src !== block.src;
    return !(
      block.type !== 'image' &&
      block.type !== 'list' &&
      previous.type === block.type &&
      'text' in previous &&
      previous.text === block.text
    );
  });
}

/** "By Jane Doe", "Updated 3 March 2024, 10:14", "Published: …": header lines, not story. */
function isBylineOrDate(text: string): boolean {
  const line = text.trim();
  if (line.length > 120) return false;
  if (/^(by|von|par|por|від|автор)\s+\p{Lu}/iu.test(line) && !/[.!?]\s+\p{Lu}/u.test(line)) return true;
  return /^(published|updated|posted|last (updated|modified)|опубліковано|оновлено)\b.{0,80}\d/i.test(line);
}

export function normal(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[“”«»]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}
