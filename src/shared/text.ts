/** Collapses runs of whitespace to one space and trims. */
export function squish(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Shortens text to at most `max` characters at a word boundary, adding an ellipsis when it cut.
 * Used for excerpts, meta descriptions and card deks.
 */
export function truncateWords(text: string, max: number): string {
  const clean = squish(text);
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}

/** A word: letters (with their combining marks), digits, and apostrophes or hyphens inside it. */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’-][\p{L}\p{M}\p{N}]+)*/gu;

/**
 * The words of a text in order, as written (search, related stories and typo correction all cut text
 * the same way). Punctuation, symbols and emoji are not words.
 */
export function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}
