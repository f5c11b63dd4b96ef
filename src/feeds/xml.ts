/**
 * A small XML writer for feeds and sitemaps: every text and attribute value is escaped, and characters
 * XML 1.0 forbids (control characters a scraped story may carry) are dropped rather than breaking the
 * document for every reader of the feed.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function escapeXml(value: string): string {
  return value.replace(NOT_XML_CHAR, '').replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch] ?? ch);
}

export type XmlAttributes = Record<string, string | number | null | undefined>;

/** A node: an element with attributes and children, or text. `null`/`undefined`/`false` children vanish. */
export type XmlChild = XmlElement | string | number | null | undefined | false;

export interface XmlElement {
  readonly name: string;
  readonly attributes: XmlAttributes;
  readonly children: readonly XmlChild[];
}

export function el(name: string, attributes: XmlAttributes = {}, ...children: XmlChild[]): XmlElement {
  return { name, attributes, children };
}

/** An element holding one text value, or nothing at all when the value is empty. */
export function textEl(
  name: string,
  value: string | number | null | undefined,
  attributes: XmlAttributes = {},
) {
  return value === null || value === undefined || value === '' ? null : el(name, attributes, value);
}

function serialise(node: XmlChild, out: string[], indent: string): void {
  if (node === null || node === undefined || node === false) return;
  if (typeof node === 'string' || typeof node === 'number') {
    out.push(escapeXml(String(node)));
    return;
  }
  const attrs = Object.entries(node.attributes)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
  const children = node.children.filter((c) => c !== null && c !== undefined && c !== false);
  if (children.length === 0) {
    out.push(`${indent}<${node.name}${attrs}/>\n`);
    return;
  }
  if (children.every((c) => typeof c === 'string' || typeof c === 'number')) {
    out.push(`${indent}<${node.name}${attrs}>`);
    for (const child of children) serialise(child, out, '');
    out.push(`</${node.name}>\n`);
    return;
  }
  out.push(`${indent}<${node.name}${attrs}>\n`);
  for (const child of children) {
    if (typeof child === 'string' || typeof child === 'number') {
      out.push(`${indent}  `);
      serialise(child, out, '');
      out.push('\n');
    } else serialise(child, out, `${indent}  `);
  }
  out.push(`${indent}</${node.name}>\n`);
}

/** A whole document: the XML declaration and the root element. */
export function xmlDocument(root: XmlElement): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  serialise(root, out, '');
  return out.join('');
}
