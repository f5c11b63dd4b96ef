/**
 * `npm run bench:http [-- --articles 100000] [--duration 5] [--connections 32] [--data DIR] [--fresh] [--port 3141]`
 *
 * How fast Newsdesk serves readers, measured in one run against the runtime's own limit:
 *
 * 1. A site: the demo content (seed article and 2,400 Reuters stories), or with `--articles N` the
 *    demo topped up to N stories by the generator in bench/lib/generate.ts. Built once per data
 *    directory (default /tmp/newsdesk-bench-<size>) and reused by later runs (`--fresh` rebuilds).
 * 2. Newsdesk started as `npm start` starts it (a child process, NODE_ENV=production), timed from
 *    spawn to the first `200` from `/healthz`.
 * 3. A bare `node:http` server (bench/lib/bare-server.ts, also a child process) answering every request
 *    with the exact bytes of the article page: the baseline.
 * 4. autocannon against the article page, the home page, a section page and a search: **cached**
 *    (the full-page cache, warmed first) and **uncached** (the same app restarted with the config
 *    switch `PAGE_CACHE_MB=0`, which turns the page cache off, so every request is routed and
 *    rendered). The uncached article is not one URL but a shuffled list of up to 2,000 different
 *    published stories (every request the next one), warmed by one pass over all of them: the reader
 *    cache (READER_CACHE_MB) then holds what they are built from, so the figure is that of templates
 *    and HTTP, not of the database; the run prints the reader cache's hits and misses to show it.
 *    `--port P` puts the three servers on P, P+1 and P+2.
 *
 * Prints requests per second, p50 and p99 latency, each as a ratio of the baseline's requests per second,
 * the resident memory (peak while under load) and the start-up times, then the targets.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { SEED_SLUG } from '../src/content/demo/seed.ts';
import { generateArticles, randomSource } from './lib/generate.ts';
import { type Started, startBareServer, startNewsdesk } from '../test/helpers/app-process.ts';

/** How many different stories the uncached article measurement cycles through. */
const UNCACHED_ARTICLES = 2000;

interface Options {
  articles: number | undefined;
  duration: number;
  connections: number;
  dataDir: string;
  fresh: boolean;
  ports: { cached: number; uncached: number; bare: number };
}

function readOptions(argv: string[]): Options {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i === -1 ? undefined : argv[i + 1];
  };
  const articles = value('articles') === undefined ? undefined : Number(value('articles'));
  if (articles !== undefined && !(Number.isInteger(articles) && articles > 0))
    throw new Error('--articles takes a whole number of articles, such as 100000.');
  return {
    articles,
    duration: Number(value('duration') ?? 5),
    connections: Number(value('connections') ?? 32),
    dataDir: value('data') ?? path.join(os.tmpdir(), `newsdesk-bench-${articles ?? 'demo'}`),
    fresh: argv.includes('--fresh'),
    ports: portsFrom(Number(value('port') ?? 3141)),
  };
}

function portsFrom(base: number) {
  if (!Number.isInteger(base) || base < 1024 || base > 65_000)
    throw new Error('--port takes the first of three free ports, such as 4100.');
  return { cached: base, uncached: base + 1, bare: base + 2 };
}

/** Builds the site in `dataDir` unless a previous run left the same one there. */
async function prepareSite(options: Options): Promise<void> {
  const marker = path.join(options.dataDir, 'bench-site.json');
  const wanted = JSON.stringify({ articles: options.articles ?? 'demo' });
  if (!options.fresh && fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === wanted) {
    console.log(`Site: reusing ${options.dataDir} (--fresh rebuilds it).`);
    return;
  }
  fs.rmSync(options.dataDir, { recursive: true, force: true });
  const started = performance.now();
  const config = loadConfig({ DATA_DIR: options.dataDir, NEWSDESK_DEMO: '1', LOG_LEVEL: 'warn' });
  const app = await createApp({ config });
  process.stdout.write('Site: loading the demo content… ');
  await app.loadDemoIfEmpty();
  if (options.articles) {
    process.stdout.write(`generating up to ${options.articles} articles… `);
    await generateArticles(app.database.db, { count: options.articles });
    process.stdout.write('indexing for search… ');
    await app.services.search.reindexAll();
    // A live site chooses related stories as stories are published; generated rows skip that, and a
    // server started on them would rebuild all of them first (minutes of CPU and over a gigabyte at
    // 100,000 stories), measuring the rebuild instead of the pages. Done here, once, as a real site
    // would have them.
    process.stdout.write('choosing related stories… ');
    await app.services.related.rebuild();
  }
  app.database.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
  await app.close();
  fs.writeFileSync(marker, wanted);
  console.log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
}

interface Measurement {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  rssPeakMb: number;
  /** Reader-cache hits and misses while measured (each uncached article view asks for several entries). */
  readerHits?: number | undefined;
  readerMisses?: number | undefined;
}

/**
 * Paths of up to `limit` published stories in the default language, shuffled (a fixed seed, so runs
 * compare), read straight from the site's database file.
 */
function articlePaths(dataDir: string, limit: number): string[] {
  const sqlite = new SQLite(path.join(dataDir, 'newsdesk.db'), { readonly: true });
  try {
    const rows = sqlite
      .prepare(
        `select a.slug as slug, s.slug as section from articles a left join sections s on s.id = a.section_id
         where a.status = 'published' and a.language = 'en' order by a.id`,
      )
      .all() as Array<{ slug: string; section: string | null }>;
    const random = randomSource(7);
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    return rows
      .slice(0, limit)
      .map((r) => `/${r.section ? encodeURIComponent(r.section) : 'article'}/${encodeURIComponent(r.slug)}`);
  } finally {
    sqlite.close();
  }
}

/**
 * One autocannon run after a one-second warm-up, sampling the server's memory while it runs. With
 * `paths`, each request asks for the next path of the list (round robin over all connections).
 */
async function measure(
  name: string,
  url: string,
  server: Started,
  options: Options,
  paths?: readonly string[],
): Promise<Measurement> {
  let next = 0;
  const requests = paths && [
    {
      setupRequest: (request: { path: string }) => {
        request.path = paths[next++ % paths.length]!;
        return request;
      },
    },
  ];
  // Warm-up: one second, or with a list of paths one pass over all of them (the JIT compiles the code
  // of every kind of story, and SQLite's page cache holds the database, as on a site that has run a
  // while). Cycling through more stories than the reader cache holds still misses it on every request.
  await autocannon({
    url,
    connections: options.connections,
    ...(paths ? { amount: Math.max(paths.length, options.connections) } : { duration: 1 }),
    ...(requests && { requests }),
  });
  const before = await readerCacheStats(url);
  let rssPeakMb = server.rssMb();
  const sampler = setInterval(() => (rssPeakMb = Math.max(rssPeakMb, server.rssMb())), 100);
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.duration,
    ...(requests && { requests }),
  });
  clearInterval(sampler);
  const after = await readerCacheStats(url);
  const m = {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    rssPeakMb,
    readerHits: after && before ? after.hits - before.hits : undefined,
    readerMisses: after && before ? after.misses - before.misses : undefined,
  };
  console.log(
    `  ${name.padEnd(22)} ${m.rps.toFixed(0).padStart(7)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms` +
      (m.non2xx || m.errors ? `  (${m.non2xx} non-2xx, ${m.errors} errors)` : '') +
      (m.readerMisses !== undefined ? `  reader cache ${m.readerHits} hits, ${m.readerMisses} misses` : ''),
  );
  return m;
}

/** The reader cache's counters from `/healthz` (undefined for the bare server). */
async function readerCacheStats(url: string): Promise<{ hits: number; misses: number } | undefined> {
  const response = await fetch(new URL('/healthz', url));
  if (!response.headers.get('content-type')?.includes('application/json')) return undefined;
  const body = (await response.json()) as { readerCache?: { hits: number; misses: number } };
  return body.readerCache;
}

async function main() {
  const options = readOptions(process.argv.slice(2));
  fs.mkdirSync(options.dataDir, { recursive: true });
  await prepareSite(options);
  const logFile = path.join(options.dataDir, 'bench-server.log');
  fs.writeFileSync(logFile, '');
  const env = { DATA_DIR: options.dataDir, NODE_ENV: 'production', NEWSDESK_DEMO: '0' };
  const pages = {
    article: `/world/${SEED_SLUG}`,
    home: '/',
    section: '/business',
    search: '/search?q=oil+prices',
  };
  const results: Measurement[] = [];
  const startups: Array<[string, number]> = [];
  const idleRss: Array<[string, number]> = [];

  // Cached: the full-page cache as configured by default.
  const cached = await startNewsdesk(env, options.ports.cached, logFile);
  startups.push(['with page cache', cached.startupMs]);
  idleRss.push(['with page cache, idle after start', cached.rssMb()]);
  const articleResponse = await fetch(`${cached.url}${pages.article}`);
  if (articleResponse.status !== 200) throw new Error(`the article page answered ${articleResponse.status}`);
  const bodyFile = path.join(options.dataDir, 'bench-article.html');
  fs.writeFileSync(bodyFile, Buffer.from(await articleResponse.arrayBuffer()));
  const contentType = articleResponse.headers.get('content-type') ?? 'text/html; charset=utf-8';

  const bare = await startBareServer(options.ports.bare, bodyFile, contentType, logFile);
  console.log(`\nBaseline: bare node:http, the same ${fs.statSync(bodyFile).size} bytes`);
  const baseline = await measure('bare node:http', bare.url, bare, options);
  await bare.stop();

  console.log('\nCached (full-page cache, warmed)');
  for (const [name, page] of Object.entries(pages)) {
    for (let i = 0; i < 2; i++) await (await fetch(`${cached.url}${page}`)).arrayBuffer();
    const probe = await fetch(`${cached.url}${page}`);
    await probe.arrayBuffer();
    // STALE (a purge from background work, such as related stories after an upgrade) is served from memory too.
    if (!['HIT', 'STALE'].includes(probe.headers.get('x-cache') ?? ''))
      throw new Error(`${page} is not served from the cache`);
    results.push(await measure(`${name} (cached)`, `${cached.url}${page}`, cached, options));
  }
  await cached.stop();

  console.log('\nUncached (PAGE_CACHE_MB=0: every request routed, queried and rendered)');
  const uncached = await startNewsdesk({ ...env, PAGE_CACHE_MB: '0' }, options.ports.uncached, logFile);
  startups.push(['without page cache', uncached.startupMs]);
  idleRss.push(['without page cache, idle after start', uncached.rssMb()]);
  const stories = articlePaths(options.dataDir, UNCACHED_ARTICLES);
  console.log(`  (the article page: ${stories.length} different stories in turn)`);
  for (const [name, page] of Object.entries(pages)) {
    const paths = name === 'article' ? stories : undefined;
    results.push(await measure(`${name} (uncached)`, `${uncached.url}${page}`, uncached, options, paths));
  }
  await uncached.stop();

  printSummary(options, baseline, results, startups, idleRss);
}

function printSummary(
  options: Options,
  baseline: Measurement,
  results: Measurement[],
  startups: Array<[string, number]>,
  idleRss: Array<[string, number]>,
) {
  const site = options.articles ? `${options.articles} articles (generated)` : 'demo content';
  console.log(
    `\nSummary — ${site}; ${options.connections} connections, ${options.duration} s per measurement, ${os.cpus().length} cores, Node ${process.version}`,
  );
  const head = `${'page'.padEnd(22)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'× bare'.padStart(7)} ${'peak RSS MB'.padStart(12)}`;
  console.log(head);
  console.log('-'.repeat(head.length));
  for (const m of [baseline, ...results]) {
    console.log(
      `${m.name.padEnd(22)} ${m.rps.toFixed(0).padStart(8)} ${String(m.p50).padStart(7)} ${String(m.p99).padStart(7)} ${(m.rps / baseline.rps).toFixed(3).padStart(7)} ${m.rssPeakMb.toFixed(0).padStart(12)}`,
    );
  }
  for (const [label, ms] of startups)
    console.log(`Start-up (spawn → /healthz 200), ${label}: ${ms.toFixed(0)} ms`);
  for (const [label, mb] of idleRss) console.log(`RSS ${label}: ${mb.toFixed(0)} MB`);
  const byName = new Map(results.map((m) => [m.name, m]));
  const ratio = (name: string) => byName.get(name)!.rps / baseline.rps;
  const peak = Math.max(...results.map((m) => m.rssPeakMb));
  const failures = results.filter((m) => m.non2xx || m.errors);
  const check = (ok: boolean) => (ok ? '✔' : '✖');
  console.log('\nTargets');
  console.log(
    `  ${check(ratio('article (cached)') >= 0.6)} cached article ≥ 0.6 × bare: ${ratio('article (cached)').toFixed(3)}`,
  );
  console.log(
    `  ${check(ratio('article (uncached)') >= 0.1)} uncached article ≥ 0.1 × bare: ${ratio('article (uncached)').toFixed(3)}`,
  );
  console.log(
    `  ${check(peak < 250)} peak RSS under load < 250 MB: ${peak.toFixed(0)} MB${options.articles ? '' : ' (the 250 MB target is for --articles 100000)'}`,
  );
  console.log(
    `  ${check(failures.length === 0)} every answer a 2xx${failures.length ? `: not ${failures.map((f) => f.name).join(', ')}` : ''}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
