/**
 * Arrows that point along the reading direction. Unlike « and », which the bidi algorithm mirrors in
 * right-to-left text, ← and → are never mirrored, so a page in Arabic needs them swapped.
 */
export function arrows(dir: 'ltr' | 'rtl'): { back: string; forward: string } {
  return dir === 'rtl' ? { back: '→', forward: '←' } : { back: '←', forward: '→' };
}
