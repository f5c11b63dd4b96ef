import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-related-cli-'));

function newsdesk(...args: string[]) {
  return spawnSync(process.execPath, [path.join(root, 'bin/newsdesk.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir, NEWSDESK_DEMO: '0', LOG_LEVEL: 'silent', DATABASE_URL: '' },
  });
}

describe('newsdesk related rebuild (command line)', () => {
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('recomputes every published story’s list with progress, and says how many', () => {
    assert.equal(newsdesk('demo', '--count', '60').status, 0);
    const run = newsdesk('related', 'rebuild');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /Reading stories: 62\/62/);
    assert.match(run.stderr, /Choosing related stories: 62\/62/);
    const done = /Rebuilt related stories: 62 stories, (\d+) picks\./.exec(run.stderr);
    assert.ok(done, run.stderr);
    assert.ok(Number(done[1]) > 62, 'most stories have several picks');
  });

  it('explains its usage for anything else', () => {
    const run = newsdesk('related', 'rebiuld');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /Usage: newsdesk related rebuild/);
  });
});
