/**
 * `SafeHtml` is a string the type system knows to be markup built by this folder, with every piece of
 * text escaped. Templates escape everything else; the one way to put markup on a page is to hand them a
 * `SafeHtml`, and only the block renderer and the JSON-for-script encoder below make one.
 */
declare const safeHtmlBrand: unique symbol;
export type SafeHtml = string & { readonly [safeHtmlBrand]: true };

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in HTML element content and in double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/** Marks a string built in this folder as safe. Not exported from the folder's public surface. */
export function trustBuiltHtml(html: string): SafeHtml {
  return html as SafeHtml;
}

/**
 * Serialises a value as JSON that is safe inside `<script type="application/ld+json">`: no `<`, `>`
 * or `&` can close the script element or open a comment, and line separators cannot break parsing.
 */
export function jsonForScript(value: unknown): SafeHtml {
  const json = JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return json as SafeHtml;
}
