#!/usr/bin/env node
// Runs every test: unit tests once, integration tests on SQLite and on PostgreSQL, browser tests once.
// On a machine without a PostgreSQL server or Chromium, says plainly what it skipped — unless
// NEWSDESK_TEST_REQUIRE_PG=1 / NEWSDESK_TEST_REQUIRE_BROWSER=1 (as in .ci/run) make that a failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');
const only = process.argv.slice(2);

function files(dir) {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs
    .readdirSync(full, { recursive: true })
    .filter((f) => /\.test\.tsx?$/.test(f))
    .map((f) => path.join(dir, f))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
}

function run(label, testFiles, env = {}) {
  if (testFiles.length === 0) return true;
  console.log(`\n▶ ${label} (${testFiles.length} files)`);
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-reporter=spec',
      '--test-concurrency=2',
      // Each file (and test) gets ten minutes: the hostile-input walk takes 2 minutes on a quiet machine
      // and over 5 on PostgreSQL when the machine is loaded; a hung test still fails.
      '--test-timeout=600000',
      ...testFiles,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } },
  );
  return result.status === 0;
}

async function postgresReachable() {
  const url = process.env.NEWSDESK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    // Extensions are per database: install them once in `public`, where every test schema can see them.
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public');
    await client.end();
    return true;
  } catch (error) {
    console.log(`PostgreSQL: not reachable at ${url} (${error.message}).`);
    return false;
  }
}

function chromiumAvailable() {
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].some((p) => fs.existsSync(p));
}

// One full run at a time per machine: several full runs side by side (developers sharing a machine)
// each take many times longer than running one after another. Filtered runs don't wait.
function takeFullRunLock() {
  if (only.length > 0 || process.env.NEWSDESK_TEST_NO_LOCK === '1') return;
  const dir = path.join(os.tmpdir(), 'newsdesk-full-test-run.lock');
  let told = false;
  for (;;) {
    try {
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'pid'), String(process.pid));
      process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    let holder = 0;
    try {
      holder = Number(fs.readFileSync(path.join(dir, 'pid'), 'utf8'));
    } catch {
      // The holder has made the folder but not yet written its pid: wait a moment.
    }
    if (holder && !alive(holder)) {
      fs.rmSync(dir, { recursive: true, force: true });
      continue;
    }
    if (!told)
      console.log(`Waiting for another full test run on this machine (pid ${holder || '?'}) to finish…`);
    told = true;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2000);
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

takeFullRunLock();

const results = [];
const unit = files('test/unit');
const integration = files('test/integration');
const e2e = files('test/e2e');

results.push(['unit', run('Unit tests', unit)]);
results.push([
  'integration on SQLite',
  run('Integration tests on SQLite', integration, { NEWSDESK_TEST_DB: 'sqlite' }),
]);

if (integration.length > 0) {
  if (await postgresReachable()) {
    results.push([
      'integration on PostgreSQL',
      run('Integration tests on PostgreSQL', integration, { NEWSDESK_TEST_DB: 'postgres' }),
    ]);
  } else if (process.env.NEWSDESK_TEST_REQUIRE_PG === '1') {
    results.push(['integration on PostgreSQL (required, server missing)', false]);
  } else {
    console.log(
      '⚠ Skipped the PostgreSQL run of the integration tests: no PostgreSQL server. SQLite results stand alone.',
    );
  }
}

if (e2e.length > 0) {
  if (chromiumAvailable()) {
    results.push(['browser', run('Browser tests (Chromium)', e2e, { NEWSDESK_TEST_DB: 'sqlite' })]);
  } else if (process.env.NEWSDESK_TEST_REQUIRE_BROWSER === '1') {
    results.push(['browser (required, Chromium missing)', false]);
  } else {
    console.log('⚠ Skipped the browser tests: Chromium is not installed (apt-get install -y chromium).');
  }
}

console.log('\nSummary:');
for (const [label, ok] of results) console.log(`  ${ok ? '✔' : '✖'} ${label}`);
process.exit(results.every(([, ok]) => ok) ? 0 : 1);
