#!/usr/bin/env node
// Crash test: floods a real Newsdesk server (SQLite) with article saves, kills it with SIGKILL at a
// random moment, starts it again and checks that every acknowledged write is there, nothing is
// half-written and `PRAGMA integrity_check` says ok. Repeats for --rounds (default 10).
//   node scripts/crash-test.mjs [--rounds 10] [--workers 8]
// A short version (2 rounds) runs in `npm test` (test/unit/crash-recovery.test.ts).
/* global fetch */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Starts `src/main.ts` on a free port; resolves with its address once it answers /healthz. */
export function startServer(dataDir, extraEnv = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      NEWSDESK_TEST_ROUTES: '1',
      NEWSDESK_DEMO: '0',
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      PAGE_CACHE_MB: '0',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = [];
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk) => {
      buffered += chunk;
      let newline;
      while ((newline = buffered.indexOf('\n')) !== -1) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        output.push(line);
        try {
          const entry = JSON.parse(line);
          if (entry.address) resolve({ child, address: entry.address, output });
        } catch {
          // not a log line
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => output.push(String(chunk)));
    child.on('exit', (code) =>
      reject(new Error(`server exited with ${code} before listening:\n${output.join('\n')}`)),
    );
  });
}

export function exited(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

async function json(address, method, url, body) {
  const res = await fetch(`${address}${url}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok)
    throw Object.assign(new Error(`${method} ${url}: ${res.status} ${await res.text()}`), {
      status: res.status,
    });
  return res.json();
}

/**
 * One worker: creates stories and edits its own, recording each write only once the server has
 * acknowledged it (answered 200). Stops at the first network error: the server is gone.
 */
async function worker(address, round, w, acked, stats) {
  const mine = [...acked.values()].filter((a) => a.worker === w);
  for (let i = 0; ; i++) {
    try {
      if (mine.length === 0 || Math.random() < 0.5) {
        const slug = `r${round}-w${w}-${i}`;
        const title = `Story ${slug}`;
        const saved = await json(address, 'POST', '/__test/articles', {
          slug,
          title,
          text: `Body of ${slug}.`,
          tags: [`tag-${slug}`, 'flood'],
        });
        const record = { id: saved.id, slug, version: saved.version, title, worker: w };
        acked.set(slug, record);
        mine.push(record);
        stats.creates++;
      } else {
        const record = mine[Math.floor(Math.random() * mine.length)];
        const title = `Story ${record.slug} edit ${i}`;
        const saved = await json(address, 'PUT', `/__test/articles/${record.id}`, {
          version: record.version,
          title,
          text: `Edited ${i}.`,
        });
        record.version = saved.version;
        record.title = title;
        stats.updates++;
      }
    } catch (error) {
      if (error.status) throw error; // the server answered with an error: that is a failure, not a crash
      return;
    }
  }
}

/** Checks the database file against what was acknowledged; returns problems (empty when all is well). */
export function verify(file, acked) {
  const db = new SQLite(file, { readonly: true });
  const problems = [];
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${integrity}`);
    const fk = db.pragma('foreign_key_check');
    if (fk.length) problems.push(`foreign_key_check: ${JSON.stringify(fk.slice(0, 3))}`);
    const bySlug = db.prepare('SELECT id, version, title, body, excerpt FROM articles WHERE slug = ?');
    const tagCount = db.prepare('SELECT COUNT(*) AS n FROM article_tags WHERE article_id = ?');
    for (const record of acked.values()) {
      const row = bySlug.get(record.slug);
      if (!row) {
        problems.push(`acknowledged story ${record.slug} is missing`);
        continue;
      }
      if (row.version < record.version)
        problems.push(`${record.slug}: version ${row.version} < acknowledged ${record.version}`);
      if (row.version === record.version && row.title !== record.title)
        problems.push(`${record.slug}: title "${row.title}" is not the acknowledged "${record.title}"`);
      // An edit that committed after its acknowledgement was lost in the crash is newer: it wins.
      record.version = row.version;
      record.title = row.title;
    }
    // Nothing half-written: every flood story has its body, its excerpt and both its tags.
    for (const row of db
      .prepare("SELECT id, slug, body, excerpt FROM articles WHERE slug LIKE 'r%-w%'")
      .all()) {
      try {
        if (!Array.isArray(JSON.parse(row.body))) problems.push(`${row.slug}: body is not a block list`);
      } catch {
        problems.push(`${row.slug}: body is not JSON`);
      }
      if (!row.excerpt) problems.push(`${row.slug}: no excerpt`);
      if (tagCount.get(row.id).n !== 2)
        problems.push(`${row.slug}: ${tagCount.get(row.id).n} tags instead of 2`);
    }
    return { problems, stories: db.prepare('SELECT COUNT(*) AS n FROM articles').get().n };
  } finally {
    db.close();
  }
}

export async function crashTest({ rounds = 10, workers = 8, log = console.log } = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardening-crash-'));
  const file = path.join(dataDir, 'newsdesk.db');
  const acked = new Map();
  const problems = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      const { child, address } = await startServer(dataDir);
      if (round > 1) {
        const check = verify(file, acked);
        problems.push(...check.problems.map((p) => `round ${round - 1}: ${p}`));
      }
      const stats = { creates: 0, updates: 0 };
      const flood = Promise.all(
        Array.from({ length: workers }, (_, w) => worker(address, round, w, acked, stats)),
      );
      const killAfter = 300 + Math.floor(Math.random() * 1700);
      await new Promise((resolve) => setTimeout(resolve, killAfter));
      child.kill('SIGKILL');
      await exited(child);
      await flood;
      log(
        `round ${round}: killed after ${killAfter} ms with ${stats.creates} creates and ${stats.updates} edits acknowledged`,
      );
    }
    const { child } = await startServer(dataDir);
    const final = verify(file, acked);
    problems.push(...final.problems.map((p) => `final: ${p}`));
    child.kill('SIGTERM');
    await exited(child);
    log(
      `${rounds} rounds, ${acked.size} acknowledged stories, ${final.stories} in the database, integrity ok: ${!problems.some((p) => p.includes('integrity'))}, problems: ${problems.length}`,
    );
    return { problems, acknowledged: acked.size, stories: final.stories };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i === -1 ? fallback : Number(process.argv[i + 1]);
  };
  const result = await crashTest({ rounds: arg('rounds', 10), workers: arg('workers', 8) });
  for (const p of result.problems.slice(0, 50)) console.error(`✖ ${p}`);
  process.exit(result.problems.length === 0 && result.acknowledged > 0 ? 0 : 1);
}
