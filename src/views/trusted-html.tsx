import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { jsonForScript, type SafeHtml } from '../richtext/index.ts';
import { PageContext, usePage } from './page-context.ts';

/**
 * The only file where a template outputs markup unescaped: `SafeHtml`, which only the block renderer
 * makes, and (`Reused`, below) our own templates' output rendered once. The linter forbids
 * `dangerouslySetInnerHTML` in every other file.
 */
export function TrustedHtml({ html, className }: { html: SafeHtml; className?: string }) {
  return <div class={className} dangerouslySetInnerHTML={{ __html: html }} />;
}

/**
 * Structured data already encoded, by the frozen object it came from (a page head kept in the reader
 * cache freezes its JSON-LD); objects made for one page are not frozen and are not remembered.
 */
const encodedJsonLd = new WeakMap<object, string>();

/** Structured data as `<script type="application/ld+json">`, encoded so it cannot close its element. */
export function JsonLd({ data }: { data: unknown }) {
  const kept = typeof data === 'object' && data !== null && Object.isFrozen(data);
  let html = kept ? encodedJsonLd.get(data) : undefined;
  if (html === undefined) {
    html = jsonForScript(data);
    if (kept) encodedJsonLd.set(data, html);
  }
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: html }} />;
}

/** How many distinct pieces of chrome are kept (languages × sections is a few dozen on a real site). */
const REUSED_KEPT = 500;
const reused = new Map<string, string>();

/**
 * Site chrome that many pages share word for word (the footer, the section navigation), rendered by
 * its template once per distinct content and emitted as the same markup afterwards. `id` must name
 * everything `render` shows; it is built beside the template that uses it (see layout.tsx). The markup
 * is our own template's output, escaped by Preact like every other render, so emitting it again is as
 * safe as rendering it again; it never holds anything a reader or an editor typed for one page.
 */
export function Reused({
  as: Tag,
  className,
  label,
  id,
  render,
}: {
  as: 'footer' | 'nav';
  className: string;
  label?: string;
  id: string;
  render: () => VNode;
}) {
  const context = usePage();
  let html = reused.get(id);
  if (html === undefined) {
    html = renderToString(<PageContext.Provider value={context}>{render()}</PageContext.Provider>);
    if (reused.size >= REUSED_KEPT) reused.clear();
    reused.set(id, html);
  }
  return <Tag class={className} aria-label={label} dangerouslySetInnerHTML={{ __html: html }} />;
}
