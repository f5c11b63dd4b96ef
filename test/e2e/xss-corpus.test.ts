import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { corpusClock, loadPayloads, runCorpus, samplePayloads } from '../xss/corpus.ts';
import { domFindings } from '../xss/inspect.ts';

/**
 * A spread of the XSS corpus (150 payloads, every 44th) through every channel, in Chromium. The whole
 * corpus (6,613 payloads) runs the same code with `npm run xss:full`.
 */
describe('XSS payloads render inert (sample of the corpus)', () => {
  let app: TestApp;
  let chrome: TestBrowser;
  let base: string;
  const clock = corpusClock();
  before(async () => {
    app = await createTestApp({ env: { PAGE_CACHE_MB: '0' }, clock });
    base = await app.http.listen({ port: 0, host: '127.0.0.1' });
    chrome = await launchBrowser({ onlyOrigin: base });
  });
  after(async () => {
    await chrome?.close();
    await app?.close();
  });

  it('the corpus is the full list, as copied into the project', () => {
    assert.equal(loadPayloads().length, 6613);
  });

  it('titles, standfirsts, bodies, imports, names, comments and searches: no script, handler or javascript: URL', async () => {
    const payloads = samplePayloads(loadPayloads(), 150);
    const report = await runCorpus(app, base, chrome, payloads, () => {}, clock);
    assert.ok(report.pages > 30, `${report.pages} pages opened live`);
    assert.ok(report.parsed >= 300, `${report.parsed} pages parsed`);
    // Every payload as a posted comment (text, name, website) and as an imported one (an import
    // drops a comment whose HTML holds no text, which leaves fewer than twice as many).
    assert.ok(report.comments >= payloads.length, `${report.comments} comments shown`);
    assert.ok(report.refused < payloads.length, `${report.refused} inputs refused`);
    assert.deepEqual(report.findings.slice(0, 20), []);
  });

  it('is a check that can fail: a handler attribute and a javascript: link are caught', async () => {
    // The block model cannot carry these, so the page is built in the browser from the same checks.
    const page = await chrome.browser.newPage();
    await page.goto(`${base}/search`);
    await page.evaluate(() => {
      const a = document.createElement('a');
      a.setAttribute('href', ' java\tscript:alert(1)');
      const img = document.createElement('img');
      img.setAttribute('onerror', 'alert(1)');
      document.body.append(a, img);
    });
    const found = await page.evaluate(domFindings as () => string[]);
    await page.close();
    assert.equal(found.length, 2, found.join('\n'));
  });
});
