import { linkedom } from '../../shared/linkedom.ts';

/**
 * Small helpers over linkedom's XML parser. Feeds mix namespaces (`content:encoded`, `dc:creator`,
 * `wp:post_id`) that CSS selectors cannot name, so elements are matched by their qualified name.
 */
export function parseXml(xml: string): Document | null {
  try {
    // A DOCTYPE can declare entities; feeds have no business doing so, and dropping it defuses entity tricks.
    const safe = xml.replace(/^\uFEFF/, '').replace(/<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>/gi, '');
    const document = new (linkedom().DOMParser)().parseFromString(safe, 'text/xml') as unknown as Document;
    return document.documentElement ? document : null;
  } catch {
    return null;
  }
}

export function children(parent: Element | null | undefined, name: string): Element[] {
  if (!parent) return [];
  const wanted = name.toLowerCase();
  return Array.from(parent.children).filter((el) => el.tagName.toLowerCase() === wanted);
}

export function child(parent: Element | null | undefined, ...names: string[]): Element | undefined {
  for (const name of names) {
    const found = children(parent, name)[0];
    if (found) return found;
  }
  return undefined;
}

/** The trimmed text of the first child with one of the names, or null. */
export function childText(parent: Element | null | undefined, ...names: string[]): string | null {
  for (const name of names) {
    const text = children(parent, name)[0]?.textContent?.trim();
    if (text) return text;
  }
  return null;
}

export function isoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value.trim().replace(/ (\d{2}:\d{2}:\d{2})$/, 'T$1Z'));
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
