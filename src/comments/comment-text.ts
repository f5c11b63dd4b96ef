/**
 * Comment text is plain text: paragraphs separated by blank lines, line breaks kept, and web addresses
 * turned into links. Nothing a reader types is ever treated as markup; the view renders these
 * segments as escaped text and `<a rel="nofollow ugc noopener">` elements.
 */
export type CommentSegment =
  { kind: 'text'; text: string } | { kind: 'link'; href: string; text: string } | { kind: 'break' };

export type CommentParagraph = CommentSegment[];

/** The longest comment, in characters. */
export const COMMENT_MAX_LENGTH = 5000;

// http(s) addresses and bare www. addresses; the trailing punctuation of a sentence is not part of them.
const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi;
const TRAILING = /[.,;:!?'"»)\]}]+$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * The text as stored: line endings unified, control and direction-override characters removed,
 * trailing spaces and runs of blank lines trimmed.
 */
export function normaliseCommentText(raw: string): string {
  return raw
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '')
    .split('\n')
    .map((line) => line.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** An address found in text, checked: http(s) only, with a host; `www.` gets `https://`. */
function linkOf(candidate: string): { href: string; text: string; rest: string } | null {
  let text = candidate;
  let rest = '';
  const trailing = TRAILING.exec(text);
  if (trailing) {
    let cut = trailing[0];
    // Keep a closing parenthesis that closes one inside the address (Wikipedia links).
    if (cut.startsWith(')') && text.slice(0, -cut.length).includes('(')) cut = cut.slice(1);
    if (cut) {
      rest = text.slice(text.length - cut.length);
      text = text.slice(0, text.length - cut.length);
    }
  }
  const href = /^www\./i.test(text) ? `https://${text}` : text;
  try {
    const url = new URL(href);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname.includes('.')) return null;
    return { href: url.href, text, rest };
  } catch {
    return null;
  }
}

function segmentsOfLine(line: string): CommentSegment[] {
  const segments: CommentSegment[] = [];
  let last = 0;
  const pushText = (value: string) => {
    if (!value) return;
    const previous = segments.at(-1);
    if (previous?.kind === 'text') previous.text += value;
    else segments.push({ kind: 'text', text: value });
  };
  for (const match of line.matchAll(URL_PATTERN)) {
    const link = linkOf(match[0]);
    if (!link) continue;
    pushText(line.slice(last, match.index));
    segments.push({ kind: 'link', href: link.href, text: link.text });
    pushText(link.rest);
    last = match.index + match[0].length;
  }
  pushText(line.slice(last));
  return segments;
}

/** The paragraphs of a comment, each a run of text, links and line breaks. */
export function commentParagraphs(text: string): CommentParagraph[] {
  return normaliseCommentText(text)
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map((paragraph) =>
      paragraph
        .split('\n')
        .flatMap((line, index) => [
          ...(index > 0 ? [{ kind: 'break' } as const] : []),
          ...segmentsOfLine(line),
        ]),
    );
}

/** How many web addresses a comment links to (more than the limit holds it for moderation). */
export function countLinks(text: string): number {
  return commentParagraphs(text)
    .flat()
    .filter((s) => s.kind === 'link').length;
}

/** The comment as one line of plain text (feeds' titles, the moderation queue's previews). */
export function commentPlainText(text: string): string {
  return normaliseCommentText(text).replace(/\s+/g, ' ');
}
