import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * `npm run soak` for 20 seconds on a small site: the real server under the whole mix (readers,
 * searches, comments through the form, an editor saving through the editor) must answer every request
 * without an error. Too short to judge memory; the 10-minute run does that.
 */
describe('soak (20 seconds)', () => {
  it('serves the whole mix without one error', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/soak.ts'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 240_000,
      env: {
        ...process.env,
        SOAK_MINUTES: String(20 / 60),
        SOAK_STORIES: '20',
        SOAK_WARMUP_SECONDS: '5',
        SOAK_WARMUP_SEARCHES: '20',
        SOAK_MEMORY_CHECK: '0',
        SOAK_PORT: '4350',
      },
    });
    const out = `${run.stdout}\n${run.stderr}`;
    assert.equal(run.status, 0, out);
    assert.match(out, /Errors \(network, or any 4xx\/5xx but 429\): 0\n/);
    for (const kind of ['story 200', 'search 200', 'comment-post 303', 'editor-save 303'])
      assert.match(out, new RegExp(`${kind}\\s+\\d+`), `${kind} in:\n${out}`);
  });
});
