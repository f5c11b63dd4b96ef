import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { PageContext, type PageContextValue } from './page-context.ts';

/** Renders a page component to a complete HTML document. */
export function renderPage(context: PageContextValue, page: ComponentChildren): string {
  return `<!doctype html>${renderToString(<PageContext.Provider value={context}>{page}</PageContext.Provider>)}`;
}
