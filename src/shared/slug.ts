const COMBINING_MARKS = /[\u0300-\u036f]/g;

// Ukrainian national transliteration (2010), so Cyrillic headlines get readable Latin slugs.
const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'h',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: 'ie',
  ж: 'zh',
  з: 'z',
  и: 'y',
  і: 'i',
  ї: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ь: '',
  ю: 'iu',
  я: 'ia',
  ы: 'y',
  э: 'e',
  ё: 'io',
  ъ: '',
};

/**
 * Turns a headline or name into a URL slug: lowercase ASCII words joined by hyphens, at most
 * `maxLength` characters, cut at a word boundary.
 *
 * @example slugify('A step of desperation: Time analyzed…') // 'a-step-of-desperation-time-analyzed'
 */
export function slugify(input: string, maxLength = 90): string {
  const transliterated = [...input.toLowerCase()].map((ch) => CYRILLIC[ch] ?? ch).join('');
  const ascii = transliterated
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(/['’‘`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (ascii.length <= maxLength) return ascii;
  const cut = ascii.slice(0, maxLength + 1);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > 20 ? cut.slice(0, lastHyphen) : cut.slice(0, maxLength)).replace(/-+$/, '');
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isSlug(value: string): boolean {
  return value.length > 0 && value.length <= 200 && SLUG_PATTERN.test(value);
}
