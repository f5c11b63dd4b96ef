/**
 * A drafting aid, run once by hand, for the hand-checked body texts of `npm run eval:import`: reads each
 * chosen page's source.html, takes the text blocks of the container named in pages.json (chosen by
 * reading the page's markup), leaves out figures, captions and in-story boxes, and writes a draft
 * `body.txt` that was then read against the page and corrected by hand. It does not use Readability or
 * Newsdesk's extractor. Usage: node --import tsx bench/import-eval/draft-truth.ts <readability-test-pages dir>
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';

interface PageSpec {
  container: string;
  blocks?: string;
  exclude?: string[];
}

const here = path.dirname(new URL(import.meta.url).pathname);
const specs = JSON.parse(fs.readFileSync(path.join(here, 'pages.json'), 'utf8')) as Record<string, PageSpec>;
const source = process.argv[2];
if (!source) throw new Error('Name the readability-test-pages folder.');
const out = path.resolve(here, '../../test/fixtures/readability');
const EXCLUDE =
  'figure, figcaption, aside, script, style, noscript, button, form, nav, [class*="caption"], [class*="related"], [class*="share"], [class*="newsletter"], [class*="promo"], [class*="advert"], [class*="credit"]';

for (const [name, spec] of Object.entries(specs)) {
  const { document } = parseHTML(fs.readFileSync(path.join(source, name, 'source.html'), 'utf8'));
  const lines: string[] = [];
  for (const container of Array.from(document.querySelectorAll(spec.container))) {
    for (const el of Array.from(container.querySelectorAll([EXCLUDE, ...(spec.exclude ?? [])].join(', '))))
      el.remove();
    const blocks = Array.from(
      container.querySelectorAll(spec.blocks ?? 'p, h2, h3, h4, h5, li, pre, blockquote'),
    );
    for (const block of blocks) {
      if (block.querySelector(spec.blocks ?? 'p, h2, h3, h4, h5, li, pre, blockquote')) continue;
      const text = (block.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text && lines.at(-1) !== text) lines.push(text);
    }
  }
  fs.mkdirSync(path.join(out, name), { recursive: true });
  fs.writeFileSync(path.join(out, name, 'body.txt'), `${lines.join('\n\n')}\n`);
  console.log(name, lines.length, 'blocks');
}
