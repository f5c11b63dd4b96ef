// npm run bench:comments — posting throughput with durable commits (SQLite, WAL, synchronous=FULL),
// and the render time of page 1 of a 5,000-comment story beside the same kind of story with none,
// measured in one run on one machine so the ratio means something.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app.ts';
import { insertComment, recountApproved } from '../src/comments/comment.repository.ts';
import { fingerprintOf } from '../src/comments/comment.rules.ts';
import { loadConfig } from '../src/config.ts';
import { fixedClock } from '../src/shared/clock.ts';

const POSTS = Number(process.env.BENCH_POSTS ?? 400);
const COMMENTS = 5_000;
const RENDERS = Number(process.env.BENCH_RENDERS ?? 150);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-bench-comments-'));
const clock = fixedClock('2026-03-02T12:00:00.000Z');
const config = loadConfig({
  NODE_ENV: 'production',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  SITE_URL: 'http://bench.test',
  NEWSDESK_DEMO: '0',
});
const app = await createApp({ config, clock });
const db = app.database.db;

try {
  const sync = app.database.sqlite?.pragma('synchronous', { simple: true });
  const section = await app.services.taxonomy.createSection({ name: 'World' });
  const story = (title: string) =>
    app.services.articles.create({
      language: 'en',
      title,
      body: Array.from({ length: 12 }, (_, i) => ({
        type: 'paragraph' as const,
        text: `${title}, paragraph ${i + 1}. Diplomats met again on Tuesday to resume talks that stalled in the spring, with both sides saying progress was possible.`,
      })),
      status: 'published',
      sectionId: section.id,
      publishedAt: '2026-03-01T08:00:00.000Z',
    });
  const busy = await story('A story with five thousand comments');
  const quiet = await story('A story with no comments');
  const posting = await story('A story readers post to');
  const pathOf = (a: typeof busy) => `/${a.section!.slug}/${a.slug}`;

  // 1. Posting: the whole road of the plain form (HTTP, checks, rules, one durable transaction).
  const page = await app.http.inject({ url: pathOf(posting) });
  const started = /name="started" value="([^"]+)"/.exec(page.body)![1]!;
  clock.advance(60_000);
  const t0 = performance.now();
  for (let i = 0; i < POSTS; i++) {
    const res = await app.http.inject({
      method: 'POST',
      url: `${pathOf(posting)}/comments`,
      remoteAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      headers: { origin: 'http://bench.test', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        body: `Comment number ${i}: a reader's view on the talks, with a thought or two.`,
        name: `Reader ${i}`,
        email: `reader${i}@example.com`,
        started,
      }).toString(),
    });
    if (res.statusCode !== 303)
      throw new Error(`post ${i} answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
  }
  const postSeconds = (performance.now() - t0) / 1000;

  // 2. A 5,000-comment conversation: 1,250 threads of four (a reply, a reply to it, one deeper).
  const now = clock.now().toISOString();
  await db.transaction().execute(async (tx) => {
    for (let thread = 0; thread < COMMENTS / 4; thread++) {
      let parent = null;
      for (let depth = 0; depth < 4; depth++) {
        const body = `Thread ${thread}, comment at depth ${depth}. See https://example.com/${thread} for more.`;
        parent = await insertComment(
          tx,
          {
            article_id: busy.id,
            parent_id: parent?.id ?? null,
            status: 'approved',
            status_before: null,
            held_reason: null,
            author_name: `Reader ${thread}-${depth}`,
            author_email: `r${thread}-${depth}@example.com`,
            author_url: null,
            author_ip: null,
            author_token_hash: null,
            user_id: null,
            body,
            fingerprint: fingerprintOf(body),
            created_at: now,
            updated_at: now,
          },
          parent,
        );
      }
    }
    await recountApproved(tx, busy.id);
  });

  async function timeRenders(url: string) {
    for (let i = 0; i < 20; i++) await app.http.inject({ url });
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RENDERS; i++) {
      const start = performance.now();
      const res = await app.http.inject({ url });
      times.push(performance.now() - start);
      if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}`);
      bytes = res.body.length;
    }
    times.sort((a, b) => a - b);
    return {
      median: times[Math.floor(times.length / 2)]!,
      p95: times[Math.floor(times.length * 0.95)]!,
      bytes,
    };
  }
  const none = await timeRenders(pathOf(quiet));
  const many = await timeRenders(pathOf(busy));
  const newest = await timeRenders(`${pathOf(busy)}?order=newest`);
  const last = await timeRenders(`${pathOf(busy)}?comments=100`);

  const ms = (n: number) => `${n.toFixed(2)} ms`;
  console.log(
    `bench:comments — SQLite, journal WAL, synchronous=${sync === 2 ? 'FULL' : sync} (every commit fsynced)`,
  );
  console.log('');
  console.log(
    `Posting (plain form POST → 303, one transaction each): ${POSTS} comments in ${postSeconds.toFixed(2)} s`,
  );
  console.log(
    `  throughput: ${(POSTS / postSeconds).toFixed(0)} comments/s, ${((postSeconds * 1000) / POSTS).toFixed(2)} ms per comment`,
  );
  console.log('');
  console.log(`Article page render (server, no page cache), ${RENDERS} renders each:`);
  console.log(
    `  no comments:                     median ${ms(none.median)}, p95 ${ms(none.p95)}, ${(none.bytes / 1024).toFixed(0)} KiB`,
  );
  console.log(
    `  5,000 comments, page 1 (oldest): median ${ms(many.median)}, p95 ${ms(many.p95)}, ${(many.bytes / 1024).toFixed(0)} KiB`,
  );
  console.log(`  5,000 comments, page 1 (newest): median ${ms(newest.median)}, p95 ${ms(newest.p95)}`);
  console.log(`  5,000 comments, page 100 (last): median ${ms(last.median)}, p95 ${ms(last.p95)}`);
  console.log(
    `  ratio page 1 / no comments: ${(many.median / none.median).toFixed(2)}× (median), ${(many.p95 / none.p95).toFixed(2)}× (p95)`,
  );
} finally {
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
