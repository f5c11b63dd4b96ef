import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seriousAxeViolations } from '../helpers/axe.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const SEED = '/world/a-step-of-desperation-time-analyzed-what-putins-visit-to-the-dprk-really-meant';

// Every kind of reader page, in light and dark, on a desktop and a phone: axe-core finds no serious
// or critical violation (contrast, names, landmarks, language, alt text).
describe('reader pages pass axe-core', () => {
  let app: TestApp;
  let base: string;
  let chrome: TestBrowser;
  const pages = [
    '/',
    SEED,
    '/world',
    '/author/alex',
    '/tag/north-korea',
    '/world?page=2',
    '/uk/',
    '/search?q=oil',
    '/feeds',
    '/no-such-page',
  ];
  before(async () => {
    app = await createTestApp({ demo: 40 });
    base = await app.http.listen({ port: 0, host: '127.0.0.1' });
    chrome = await launchBrowser({ onlyOrigin: base });
  });
  after(async () => {
    await chrome?.close();
    await app?.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no serious violations in ${scheme} mode`, async () => {
      const page = await chrome.browser.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      for (const path of pages) {
        await page.goto(base + path);
        const violations = await seriousAxeViolations(page);
        assert.deepEqual(violations, [], `${path} (${scheme})`);
      }
      await page.close();
    });
  }

  it('is a check that can fail: it catches an image without alt text', async () => {
    const page = await chrome.browser.newPage();
    await page.goto(base + '/no-such-page');
    await page.evaluate(() => {
      document.querySelector('main')!.insertAdjacentHTML('beforeend', '<img src="/favicon.ico">');
    });
    const ids = (await seriousAxeViolations(page)).map((v) => v.id).sort();
    assert.deepEqual(ids, ['image-alt']);
    await page.close();
  });

  it('has no serious violations on a phone', async () => {
    const page = await chrome.browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of [SEED, '/']) {
      await page.goto(base + path);
      assert.deepEqual(await seriousAxeViolations(page), [], path);
    }
    await page.close();
  });
});
