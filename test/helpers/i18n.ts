import { loadCatalogues } from '../../src/i18n/i18n.ts';

const KEYS = new Set([...loadCatalogues().values()].flatMap((c) => Object.keys(c)));

/**
 * Message keys that show on a page as text or in an attribute a reader meets (labels, placeholders,
 * titles, alt text, meta descriptions): a key shown is a message that was never translated.
 */
export function rawKeysShown(document: Document): string[] {
  const found = new Set<string>();
  const look = (value: string | null | undefined) => {
    for (const token of value?.match(/[a-z]+(?:\.[a-zA-Z0-9]+)+/g) ?? [])
      if (KEYS.has(token)) found.add(token);
  };
  look(document.body?.textContent);
  look(document.querySelector('title')?.textContent);
  for (const el of Array.from(document.querySelectorAll('*'))) {
    for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'content', 'value'])
      look(el.getAttribute(name));
  }
  return [...found];
}
