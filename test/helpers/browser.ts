import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium; no test tool downloads a browser of its own. */
export const chromiumPath =
  ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p)) ?? '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps dialling Google's hosts, which this
// machine's closed network refuses; sandboxing is unavailable when tests run as root.
const flags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface TestBrowser {
  browser: BrowserContext;
  close(): Promise<void>;
}

/**
 * A headless Chromium with an empty profile of its own. `onlyOrigin` (e.g. the app's base URL) makes
 * the browser offline except for that origin: any other request is aborted, so pages are tested as
 * they are, without the network.
 */
export async function launchBrowser(
  options: { onlyOrigin?: string; viewport?: { width: number; height: number } } = {},
): Promise<TestBrowser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: flags,
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
  // tsx compiles test files with esbuild's keepNames, which wraps functions passed to page.evaluate in
  // calls to `__name`; the page needs that helper too.
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  if (options.onlyOrigin) {
    const origin = new URL(options.onlyOrigin).origin;
    await context.route('**/*', (route) =>
      new URL(route.request().url()).origin === origin ? route.continue() : route.abort(),
    );
  }
  return {
    browser: context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export type { Browser };
