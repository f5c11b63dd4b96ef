import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

const root = path.resolve(import.meta.dirname, '../../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-cli-'));

function newsdesk(...args: string[]) {
  return spawnSync(process.execPath, [path.join(root, 'bin/newsdesk.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir, NEWSDESK_DEMO: '0', LOG_LEVEL: 'silent', DATABASE_URL: '' },
  });
}

describe('newsdesk import (command line)', () => {
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('prints the issue’s JSON object for the seed text with --dry-run --json', () => {
    const run = newsdesk('import', 'test/fixtures/seed-article.txt', '--dry-run', '--json');
    assert.equal(run.status, 0, run.stderr);
    const output = JSON.parse(run.stdout) as Record<string, unknown>;
    const expected = JSON.parse(
      fs.readFileSync(path.join(root, 'test/fixtures/seed-article.expected.json'), 'utf8'),
    );
    assert.deepEqual(Object.keys(output), [
      'title',
      'authors',
      'publishedAt',
      'language',
      'leadImage',
      'source',
      'body',
      'text',
    ]);
    assert.equal(output.title, expected.title);
    assert.deepEqual(output.authors, expected.authors);
    assert.deepEqual(output.body, expected.body);
    assert.deepEqual(output.leadImage, {
      url: null,
      alt: '',
      caption: expected.leadImage.caption,
      credit: expected.leadImage.credit,
    });
    assert.deepEqual(Object.keys(output.source as object), [
      'outlet',
      'url',
      'originalTitle',
      'originalAuthor',
    ]);
    assert.match(
      String(output.text),
      /^Ties between Russia[\s\S]*\n\nWhat is the significance of Putin's visit to North Korea\n\n/,
    );
  });

  it('exits non-zero with one clear sentence for bad input', () => {
    for (const [args, message] of [
      [['import', 'no/such/file.txt'], /^There is no file at no\/such\/file\.txt\.\n$/],
      [
        ['import', 'http://127.0.0.1/secret', '--dry-run'],
        /loopback address .*only fetches from public internet addresses\.\n$/,
      ],
      [['import', 'package.json', '--dry-run'], /does not look like an article/],
    ] as const) {
      const run = newsdesk(...args);
      assert.notEqual(run.status, 0);
      assert.match(run.stderr, message);
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    }
  });

  it('imports for real, then skips what it imported before', () => {
    const first = newsdesk('import', 'test/fixtures/seed-article.txt');
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /1 article imported/);
    const second = newsdesk('import', 'test/fixtures/seed-article.txt');
    assert.match(second.stdout, /0 articles imported, 1 skipped \(imported before\)/);
  });
});
