// The whole XSS corpus (6,613 payloads) through every channel, checked in Chromium; `npm test` runs a
// spread of it (test/e2e/xss-corpus.test.ts). Usage: npm run xss:full [-- --count 6613]
import { launchBrowser } from '../test/helpers/browser.ts';
import { createTestApp } from '../test/helpers/test-app.ts';
import { corpusClock, loadPayloads, runCorpus, samplePayloads } from '../test/xss/corpus.ts';

const countArg = process.argv.indexOf('--count');
const all = loadPayloads();
const payloads = countArg === -1 ? all : samplePayloads(all, Number(process.argv[countArg + 1]));
const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(0);
const clock = corpusClock();
const app = await createTestApp({ env: { PAGE_CACHE_MB: '0' }, clock });
const base = await app.http.listen({ port: 0, host: '127.0.0.1' });
const chrome = await launchBrowser({ onlyOrigin: base });
try {
  const report = await runCorpus(
    app,
    base,
    chrome,
    payloads,
    (line) => console.log(`${seconds()} s  ${line}`),
    clock,
  );
  console.log(
    `${report.payloads} payloads, ${report.pages} pages opened live and ${report.parsed} parsed in Chromium, ` +
      `${report.comments} comments shown, ${report.refused} inputs refused by validation, ` +
      `${report.findings.length} findings, ${seconds()} s`,
  );
  for (const finding of report.findings.slice(0, 50)) console.log(`✖ ${finding}`);
  process.exitCode = report.findings.length === 0 ? 0 : 1;
} finally {
  await chrome.close();
  await app.close();
}
