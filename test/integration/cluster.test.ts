import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import pg from 'pg';
import { type App, createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import { PUBLISH_JOB } from '../../src/editorial/editorial.service.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { type Started, startNewsdesk } from '../helpers/app-process.ts';
import { eventually, request } from '../helpers/http-client.ts';
import { startLocalServer, type LocalServer } from '../helpers/local-server.ts';
import { testDialect, testPgUrl } from '../helpers/test-app.ts';

const REDIS_URL = process.env.NEWSDESK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisReachable(): Promise<boolean> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0 });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
    return true;
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: testPgUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const why =
  testDialect !== 'postgres'
    ? 'Several instances share PostgreSQL and Redis: this test runs in the PostgreSQL pass only.'
    : (await redisReachable())
      ? undefined
      : `Several instances share Redis: none answers at ${REDIS_URL}.`;

/**
 * Two real Newsdesk processes (`node dist/server.mjs`, built and run as `npm start` does) on loopback, sharing
 * one PostgreSQL schema and one Redis, each with its own page cache and job runner. The test process
 * is a third instance on the same database and Redis: the newsroom's side, where stories are written.
 */
describe('two instances behind a load balancer', { skip: why }, () => {
  const schema = `c_${crypto.randomBytes(6).toString('hex')}`;
  const prefix = `ndtest:${crypto.randomBytes(4).toString('hex')}:`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-cluster-'));
  let newsroom: App;
  let a: Started;
  let b: Started;
  let hook: LocalServer;
  const hookCalls: string[] = [];

  before(async () => {
    await adminQuery(`CREATE SCHEMA ${schema}`);
    const env = {
      NODE_ENV: 'test',
      NEWSDESK_DEMO: '0',
      SITE_URL: 'http://newsdesk.test',
      DATABASE_URL: `${testPgUrl}?options=${encodeURIComponent(`-c search_path=${schema},public`)}`,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'info',
    };
    // The newsroom's instance creates the schema (migrations) before the readers' instances start.
    const config = loadConfig({ ...env, DATA_DIR: path.join(dataDir, 'newsroom'), LOG_LEVEL: 'silent' });
    newsroom = await createApp({
      config,
      database: openDatabase({ dialect: 'postgres', url: testPgUrl, schema, poolSize: 4 }),
      logger: createLogger('silent'),
    });
    hook = await startLocalServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        hookCalls.push(String(req.headers['surrogate-key'] ?? body));
        res.writeHead(200).end();
      });
    });
    const instance = (name: string) =>
      startNewsdesk(
        { ...env, DATA_DIR: path.join(dataDir, name), PURGE_HOOK_URL: `${hook.url}/purge` },
        0,
        path.join(dataDir, `${name}.log`),
      );
    [a, b] = await Promise.all([instance('a'), instance('b')]);
  });

  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await newsroom?.close();
    await hook?.close();
    await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const get = (instance: Started, url: string) => request(instance.url, url, { timeoutMs: 5000 });
  /** Requests `url` until `instance` answers it from its page cache. */
  const cachedOn = (instance: Started, url: string) =>
    eventually(
      async () => ((await get(instance, url)).headers['x-cache'] === 'HIT' ? true : undefined),
      3000,
    );
  /** How long until `instance` serves `url` with `text` in it (ms), failing after `limitMs`. */
  const servedWithin = async (instance: Started, url: string, text: string, limitMs: number) =>
    (
      await eventually(async () => {
        const res = await get(instance, url);
        return res.status === 200 && res.text.includes(text) ? true : undefined;
      }, limitMs)
    ).ms;

  it('a change made on one instance is served fresh by the others within a second, through their page caches', async () => {
    const { taxonomy, articles } = newsroom.services;
    const world = await taxonomy.createSection({ name: 'World' });
    const story = await articles.create({
      language: 'en',
      title: 'Talks resume in Geneva',
      body: [{ type: 'paragraph', text: 'Delegations met again on Monday.' }],
      status: 'published',
      sectionId: world.id,
    });
    await newsroom.services.purger.idle();
    const page = `/world/${story.slug}`;
    for (const instance of [a, b]) for (const url of [page, '/', '/world']) await cachedOn(instance, url);

    await articles.update(story.id, story.version, {
      language: 'en',
      title: 'Talks resume in Geneva after a pause',
      slug: story.slug,
      body: story.body,
      status: 'published',
      sectionId: world.id,
    });
    for (const instance of [a, b]) {
      const ms = await servedWithin(instance, page, 'Talks resume in Geneva after a pause', 1000);
      assert.ok(ms < 1000, `fresh after ${ms} ms`);
      // The section page shows the new headline too (its first reader after the purge may get the old copy).
      await servedWithin(instance, '/world', 'Talks resume in Geneva after a pause', 1000);
    }

    const fresh = await articles.create({
      language: 'en',
      title: 'Summit ends without a deal',
      body: [{ type: 'paragraph', text: 'No communiqué was issued.' }],
      status: 'published',
      sectionId: world.id,
    });
    for (const instance of [a, b]) {
      await servedWithin(instance, '/', 'Summit ends without a deal', 1000);
      assert.equal((await get(instance, `/world/${fresh.slug}`)).status, 200);
    }
  });

  it('a scheduled story is published once, by one instance, and the other serves it within a second', async () => {
    const { articles } = newsroom.services;
    for (const instance of [a, b]) await cachedOn(instance, '/'); // before the story goes live
    const story = await articles.create({
      language: 'en',
      title: 'Embargoed budget figures released',
      body: [{ type: 'paragraph', text: 'The figures were embargoed until noon.' }],
      status: 'scheduled',
      scheduledAt: new Date(Date.now() + 1500).toISOString(),
    });
    // As the editor's "Schedule" button does: a job at the story's time, run by whichever instance claims it.
    await newsroom.services.jobs.enqueue(
      PUBLISH_JOB,
      { articleId: story.id },
      { runAt: new Date(story.scheduledAt!) },
    );
    const key = `article:${story.id}`;
    const { ms: waited } = await eventually(
      async () => ((await articles.getById(story.id))?.status === 'published' ? true : undefined),
      20_000,
      50,
    );
    for (const instance of [a, b]) {
      const ms = await servedWithin(instance, '/', 'Embargoed budget figures released', 1000);
      assert.ok(ms < 1000, `served ${ms} ms after publication`);
    }
    // Both instances keep polling for due jobs every second; give them time to publish it again.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    const published = (await articles.getById(story.id))!;
    assert.equal(published.version, story.version + 1, 'written once');
    const announced = hookCalls.filter((keys) => keys.split(' ').includes(key));
    assert.equal(announced.length, 1, `announced once (purge hook calls: ${JSON.stringify(announced)})`);
    assert.ok(waited < 20_000);
  });

  it('a comment posted on one instance shows on the other: at once to its writer, to everyone once approved', async () => {
    const { articles, comments } = newsroom.services;
    const story = await articles.create({
      language: 'en',
      title: 'Ferry timetable changes',
      body: [{ type: 'paragraph', text: 'Crossings move to the hour.' }],
      status: 'published',
    });
    await newsroom.services.purger.idle();
    const page = `/article/${story.slug}`;
    await cachedOn(b, page);
    const form = await get(a, page);
    const started = /name="started" value="([^"]+)"/.exec(form.text)?.[1];
    assert.ok(started, 'the comment form is on the page');
    await new Promise((resolve) => setTimeout(resolve, 3100)); // faster than anyone can write is refused
    const text = 'The early crossing matters to everyone who works on the mainland';
    const posted = await request(a.url, `${page}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://newsdesk.test' },
      body: new URLSearchParams({
        started,
        body: text,
        name: 'Olena',
        email: 'olena@example.com',
      }).toString(),
      timeoutMs: 5000,
    });
    assert.equal(posted.status, 303, posted.text.slice(0, 300));
    const cookie = [posted.headers['set-cookie'] ?? []]
      .flat()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith('nd_commenter='));
    assert.ok(cookie, 'the commenter gets her cookie');

    // A first-time commenter waits for moderation: she sees her comment on the other instance, readers do not.
    const hers = await request(b.url, page, { headers: { cookie }, timeoutMs: 5000 });
    assert.ok(hers.text.includes(text));
    assert.equal(hers.headers['x-cache'], undefined, 'her view is not the shared one');
    assert.ok(!(await get(b, page)).text.includes(text));

    const [pending] = (await comments.queue({ status: 'pending', articleId: story.id, page: 1 })).rows;
    assert.ok(pending, 'held in the moderation queue');
    await comments.moderate([pending.id], 'approve');
    const ms = await servedWithin(b, page, text, 1000);
    assert.ok(ms < 1000, `shown on the other instance ${ms} ms after approval`);
  });

  it('a rate limit holds across both instances', async () => {
    // Sign-in allows 60 attempts a minute per client address: 30 on each is the limit, wherever they land.
    const attempt = (instance: Started) =>
      request(instance.url, '/admin/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'email=x%40example.com&password=wrong',
      });
    for (let i = 0; i < 30; i++) {
      assert.notEqual((await attempt(a)).status, 429);
      assert.notEqual((await attempt(b)).status, 429);
    }
    const refusedA = await attempt(a);
    const refusedB = await attempt(b);
    assert.equal(refusedA.status, 429);
    assert.equal(refusedB.status, 429);
    assert.ok(Number(refusedB.headers['retry-after']) > 0);
  });
});
