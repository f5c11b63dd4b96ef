/**
 * Databases mark matches in titles and snippets with these two private-use characters; stored text
 * never contains them (documents.ts strips them), so they cannot be forged by an article or a query.
 * The result becomes segments, and only a template or `highlightHtml` turns them into `<mark>`.
 */
export const HIGHLIGHT_OPEN = '\uE000';
export const HIGHLIGHT_CLOSE = '\uE001';

export interface TextSegment {
  text: string;
  match: boolean;
}

export function toSegments(marked: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let match = false;
  for (const part of marked.split(/([\uE000\uE001])/)) {
    if (part === HIGHLIGHT_OPEN) match = true;
    else if (part === HIGHLIGHT_CLOSE) match = false;
    else if (part) {
      const last = segments.at(-1);
      if (last && last.match === match) last.text += part;
      else segments.push({ text: part, match });
    }
  }
  return segments;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escaped text with `<mark>` around matches and no other markup, for API clients that want HTML. */
export function highlightHtml(segments: readonly TextSegment[]): string {
  return segments
    .map((s) => {
      const text = s.text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
      return s.match ? `<mark>${text}</mark>` : text;
    })
    .join('');
}
