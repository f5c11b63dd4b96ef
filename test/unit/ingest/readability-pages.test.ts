import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import zlib from 'node:zlib';
import { extractArticleFromHtml } from '../../../src/ingest/extract/extract-html.ts';
import { renderBlocks } from '../../../src/richtext/index.ts';

const dir = path.resolve(import.meta.dirname, '../../fixtures/readability');
const pages = fs.readdirSync(dir).filter((name) => fs.existsSync(path.join(dir, name, 'source.html.gz')));

describe('the 130 Readability test pages', () => {
  it('has all 130 pages', () => assert.equal(pages.length, 130));

  it('imports every page without an error, and nothing executable reaches a rendered body', () => {
    const failures: string[] = [];
    for (const name of pages) {
      const html = zlib.gunzipSync(fs.readFileSync(path.join(dir, name, 'source.html.gz'))).toString('utf8');
      try {
        const article = extractArticleFromHtml(html, { url: 'http://fakehost/test/page.html' });
        if (!article) continue;
        const rendered = renderBlocks(article.body);
        if (/<script|<iframe|<style|\son\w+=|javascript:/i.test(rendered))
          failures.push(`${name}: unsafe markup`);
      } catch (error) {
        failures.push(`${name}: ${(error as Error).message}`);
      }
    }
    assert.deepEqual(failures, []);
  });
});
