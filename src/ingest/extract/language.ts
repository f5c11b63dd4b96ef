/**
 * Language codes as the content model stores them (`en`, `uk`, `pt-BR`), from whatever a page declares
 * (`en_US`, `EN-us`, `uk-UA`), or guessed from the script of the text when it declares nothing.
 */
export function normaliseLanguage(raw: string | null | undefined): string | null {
  const match = /^\s*([a-z]{2,3})(?:[-_]([a-z]{2}))?\b/i.exec(raw ?? '');
  if (!match?.[1]) return null;
  const primary = match[1].toLowerCase();
  return match[2] ? `${primary}-${match[2].toUpperCase()}` : primary;
}

/** The primary subtag only: `pt-BR` → `pt`. */
export function primaryLanguage(code: string | null): string | null {
  return code ? (code.split('-')[0] ?? null) : null;
}

/** A guess from the letters used: Ukrainian and Russian by their own letters, a few other scripts, else null. */
export function guessLanguage(text: string): string | null {
  const sample = text.slice(0, 5000);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 20) return null;
  const count = (re: RegExp) => sample.match(re)?.length ?? 0;
  const cyrillic = count(/\p{Script=Cyrillic}/gu);
  if (cyrillic > letters / 2) {
    if (count(/[іїєґІЇЄҐ]/g) > 0) return 'uk';
    if (count(/[ыэъё]/gi) > 0) return 'ru';
    return null;
  }
  if (count(/\p{Script=Arabic}/gu) > letters / 2) return 'ar';
  if (count(/\p{Script=Hebrew}/gu) > letters / 2) return 'he';
  if (count(/\p{Script=Greek}/gu) > letters / 2) return 'el';
  if (count(/[\p{Script=Hiragana}\p{Script=Katakana}]/gu) > letters / 10) return 'ja';
  if (count(/\p{Script=Han}/gu) > letters / 2) return 'zh';
  if (count(/\p{Script=Latin}/gu) > letters * 0.9) {
    const words = ` ${sample.toLowerCase().replace(/[^\p{L}\s]/gu, ' ')} `;
    const score = (list: string[]) => list.reduce((n, w) => n + (words.split(` ${w} `).length - 1), 0);
    const scores: Array<[string, number]> = [
      ['en', score(['the', 'and', 'of', 'to', 'is', 'that', 'with'])],
      ['de', score(['der', 'die', 'und', 'das', 'ist', 'nicht', 'mit'])],
      ['fr', score(['le', 'la', 'les', 'et', 'est', 'des', 'une'])],
      ['es', score(['el', 'la', 'los', 'y', 'que', 'del', 'una'])],
      ['pt', score(['o', 'os', 'e', 'que', 'do', 'da', 'não'])],
    ];
    scores.sort((a, b) => b[1] - a[1]);
    const [best, second] = scores;
    if (best && best[1] >= 5 && best[1] > (second?.[1] ?? 0) * 1.5) return best[0];
  }
  return null;
}
