import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import pg from 'pg';
import { type App, createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.ts';
import type { Clock } from '../../src/shared/clock.ts';
import { createLogger } from '../../src/shared/logger.ts';

export type TestDialect = 'sqlite' | 'postgres';

/** Which database this run of the suite uses; scripts/test.mjs runs the integration suite once per dialect. */
export const testDialect: TestDialect = process.env.NEWSDESK_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
export const testPgUrl = process.env.NEWSDESK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestApp extends App {
  dataDir: string;
  /** Another Newsdesk on the same database, as after a restart (close it before this one). */
  reopen(options?: { clock?: Clock }): Promise<App>;
}

export interface TestAppOptions {
  /** 'none' (empty site), or how many Reuters stories to load with the seed article. Default: none. */
  demo?: 'none' | number;
  env?: Record<string, string>;
  clock?: Clock;
  /** Collects messages a language's catalogues lack (tests that render pages fail on any). */
  onMissingMessage?: (lang: string, key: string, fellBack: boolean) => void;
  /** Where log lines go (at debug level), for tests that read them. */
  logStream?: Writable;
}

/**
 * A whole Newsdesk on a fresh database: a temporary SQLite file, or a schema of its own on the
 * PostgreSQL server (dropped again on close), so test files can run side by side.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.NEWSDESK_TEST_LOG ?? 'silent',
    SITE_URL: 'http://newsdesk.test',
    NEWSDESK_DEMO: options.demo === undefined || options.demo === 'none' ? '0' : '1',
    ...options.env,
  });
  let open: () => DatabaseHandle;
  let dropSchema = async () => {};
  if (testDialect === 'postgres') {
    const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE SCHEMA ${schema}`);
    open = () => openDatabase({ dialect: 'postgres', url: testPgUrl, schema, poolSize: 4 });
    dropSchema = () => adminQuery(`DROP SCHEMA ${schema} CASCADE`);
  } else {
    open = () => openDatabase({ dialect: 'sqlite', file: path.join(dataDir, 'newsdesk.db') });
  }
  const database = open();
  const app = await createApp({
    config,
    database,
    logger: options.logStream ? createLogger('debug', options.logStream) : createLogger(config.logLevel),
    clock: options.clock,
    onMissingMessage: options.onMissingMessage,
  });
  if (typeof options.demo === 'number') await app.loadDemoIfEmpty({ reutersCount: options.demo });
  return {
    ...app,
    dataDir,
    reopen: (reopenOptions = {}) =>
      createApp({
        config,
        database: open(),
        logger: createLogger(config.logLevel),
        clock: reopenOptions.clock,
      }),
    async close() {
      await app.close();
      await dropSchema();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: testPgUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Runs the `newsdesk` command as an operator would, without blocking this process (a site in this
 * process keeps serving meanwhile). It starts from an empty environment for the site — no demo
 * content, no `DATABASE_URL` (so SQLite under `DATA_DIR`), no log lines — and `env` names the rest,
 * e.g. `newsdesk({ DATA_DIR: dir }, 'backup', file)`.
 */
export function newsdesk(env: Record<string, string>, ...args: string[]) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/newsdesk.mjs'), ...args], {
      cwd: root,
      env: { ...process.env, NEWSDESK_DEMO: '0', LOG_LEVEL: 'silent', DATABASE_URL: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}
