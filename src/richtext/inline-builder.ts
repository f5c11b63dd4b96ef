import type { Mark, RichText } from './blocks.ts';

/**
 * Accumulates text and marks while a parser walks inline content, collapsing whitespace the way a
 * browser does, then yields trimmed rich text with mark offsets adjusted to the trimmed string.
 */
export class InlineBuilder {
  private text = '';
  private marks: Mark[] = [];

  get length(): number {
    return this.text.length;
  }

  isBlank(): boolean {
    return this.text.trim().length === 0;
  }

  /** Appends text; `preserve` keeps whitespace as is (for <pre>), otherwise runs collapse to one space. */
  append(raw: string, preserve = false): void {
    let chunk = preserve ? raw : raw.replace(/\s+/g, ' ');
    if (!preserve && chunk.startsWith(' ') && (this.text.length === 0 || /[\s]$/.test(this.text))) {
      chunk = chunk.slice(1);
    }
    this.text += chunk;
  }

  lineBreak(): void {
    this.text = this.text.replace(/ +$/, '');
    this.text += '\n';
  }

  paragraphBreak(): void {
    this.text = this.text.replace(/\s+$/, '');
    if (this.text.length > 0) this.text += '\n\n';
  }

  addMark(mark: Mark): void {
    if (mark.end > mark.start) this.marks.push(mark);
  }

  /** Returns the collected rich text (trimmed) and resets the builder. */
  take(): RichText {
    const raw = this.text;
    const leading = raw.length - raw.trimStart().length;
    const text = raw.trim();
    const marks = this.marks
      .map((m) => ({
        ...m,
        start: Math.max(0, m.start - leading),
        end: Math.min(text.length, m.end - leading),
      }))
      .filter((m) => m.end > m.start);
    this.text = '';
    this.marks = [];
    return marks.length > 0 ? { text, marks } : { text };
  }
}
