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
    if (!inBody && (text === title || bylines.has(text) || isBylineOrDate(block.text))) continue;
    if (isChromeLine(block.text)) {
      // A chrome heading with only short link-like lines after it ends the story.
      if (CHROME_HEADING.test(block.text.trim().replace(/[:.]$/, '')) && tailIsShort(repaired, index + 1))
        break;
      continue;
    }
    inBody = true;
    kept.push(block);
  }
  const check = checkBody(dedupeNeighbours(kept));
  return check.ok ? check.blocks : [];
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
