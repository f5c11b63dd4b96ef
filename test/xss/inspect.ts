import type { Page } from 'playwright-core';
import type { TestBrowser } from '../helpers/browser.ts';

/** What the inspection found and how much it looked at. */
export interface InspectionCounts {
  /** Pages opened in a Chromium tab (scripts run, CSP applies, dialogs trapped). */
  pages: number;
  /** Pages fetched and parsed by Chromium's HTML parser (DOMParser) and checked, in batches. */
  parsed: number;
  findings: string[];
}

export const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

/**
 * What the page must not contain, checked in the live DOM after Chromium parsed and ran it: handler
 * attributes, `javascript:`/`vbscript:`/`data:text/html` URLs in any URL-bearing attribute, script
 * elements other than our own file and JSON-LD, frames, objects, `<base>` and meta refreshes.
 */
export function domFindings(root?: Document): string[] {
  const doc = root ?? document;
  const found: string[] = [];
  const urlAttributes = [
    'href',
    'src',
    'action',
    'formaction',
    'xlink:href',
    'data',
    'srcdoc',
    'poster',
    'background',
  ];
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase();
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name)) found.push(`<${tag} ${attr.name}="${attr.value.slice(0, 60)}">`);
      if (urlAttributes.includes(attr.name.toLowerCase())) {
        // Browsers ignore whitespace and control characters inside a scheme: so does this check.
        // eslint-disable-next-line no-control-regex -- control characters are exactly what browsers skip
        const url = attr.value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
        if (/^(javascript|vbscript|livescript):|^data:text\/html/.test(url))
          found.push(`<${tag} ${attr.name}="${attr.value.slice(0, 60)}">`);
      }
    }
    if (tag === 'script') {
      const src = el.getAttribute('src') ?? '';
      const ours = src.startsWith('/assets/') || el.getAttribute('type') === 'application/ld+json';
      if (!ours) found.push(`<script src="${src}"> ${el.textContent?.slice(0, 60)}`);
    }
    if (['iframe', 'frame', 'object', 'embed', 'base', 'applet', 'frameset'].includes(tag))
      found.push(`<${tag}>`);
    if (tag === 'meta' && /refresh/i.test(el.getAttribute('http-equiv') ?? '')) found.push('<meta refresh>');
  }
  if (root) return found;
  const fired = (window as unknown as { __xssFired?: string[] }).__xssFired ?? [];
  return [...found, ...fired.map((f) => `script ran: ${f}`)];
}

/** Installed before any page script: records dialogs and CSP refusals of script (an attempt that got into markup). */
const TRAP = `
  window.__xssFired = [];
  for (const name of ['alert', 'prompt', 'confirm', 'print']) {
    window[name] = (...args) => { window.__xssFired.push(name + '(' + args.join(',') + ')'); };
  }
  document.addEventListener('securitypolicyviolation', (e) => {
    if (/^script-src/.test(e.effectiveDirective)) window.__xssFired.push('CSP blocked ' + e.effectiveDirective + ' ' + (e.sample || ''));
  });
`;

/**
 * Tabs that check pages: `live` opens each page in a tab of its own pool (several at once, since a
 * navigation spends much of its time waiting on the app or the browser's other process), `parsed`
 * fetches many pages from one tab and has Chromium's own HTML parser read them (DOMParser: the same
 * tokenizer and tree builder as a navigation, but scripts do not run). Both give every page the same
 * DOM checks; anything that could run would show up as markup (a script element, a handler, a
 * javascript: URL), which is how thousands of one-query pages are checked in minutes.
 */
export async function createInspector(
  chrome: TestBrowser,
  base: string,
  counts: InspectionCounts,
  options: { tabs?: number } = {},
) {
  const tabs: Page[] = [];
  for (let i = 0; i < (options.tabs ?? 3); i++) {
    const tab = await chrome.browser.newPage();
    await tab.addInitScript(TRAP);
    await tab.addInitScript(`window.__domFindings = ${domFindings.toString()};`);
    tab.on('dialog', (dialog) => {
      counts.findings.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    tabs.push(tab);
  }

  async function inspect(tab: Page, url: string): Promise<void> {
    const response = await tab.goto(`${base}${url}`, { waitUntil: 'domcontentloaded' });
    counts.pages++;
    if (!response || response.status() >= 500) counts.findings.push(`${url}: status ${response?.status()}`);
    const found = await tab.evaluate(domFindings as () => string[]);
    for (const f of found) counts.findings.push(`${url}: ${f}`);
  }

  return {
    /** Opens every page in a tab, scripts running, and checks the live DOM. */
    async live(urls: string[]): Promise<void> {
      let next = 0;
      await Promise.all(
        tabs.map(async (tab) => {
          while (next < urls.length) await inspect(tab, urls[next++]!);
        }),
      );
    },

    /** Fetches and parses pages 200 at a time in one tab, and checks each parsed document. */
    async parsed(urls: string[], log: (line: string) => void): Promise<void> {
      const tab = tabs[0]!;
      await tab.goto(`${base}/search`);
      let done = 0;
      for (const batch of chunks(urls, 200)) {
        const results = await tab.evaluate(async (list: string[]) => {
          const check = (window as unknown as { __domFindings: (d: Document) => string[] }).__domFindings;
          return Promise.all(
            list.map(async (url) => {
              const res = await fetch(url);
              const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
              return { url, status: res.status, found: check(doc) };
            }),
          );
        }, batch);
        for (const r of results) {
          counts.parsed++;
          if (r.status >= 500) counts.findings.push(`${r.url}: status ${r.status}`);
          for (const f of r.found) counts.findings.push(`${r.url}: ${f}`);
        }
        done += batch.length;
        if (done % 1000 < 200) log(`parsed ${done} of ${urls.length} pages`);
      }
    },

    async close(): Promise<void> {
      for (const tab of tabs) await tab.close();
    },
  };
}
