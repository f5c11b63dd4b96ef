import { parseHTML } from 'linkedom';

/** Parses a page as a browser would see its DOM, for assertions about what a reader sees. */
export function parsePage(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}

export function text(node: Element | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Every JSON-LD object on a page. */
export function jsonLd(document: Document): Array<Record<string, unknown>> {
  return Array.from(document.querySelectorAll('script[type="application/ld+json"]')).map(
    (el) => JSON.parse(el.textContent ?? 'null') as Record<string, unknown>,
  );
}
