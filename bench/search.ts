/**
 * `npm run bench:search [-- --articles 100000 --rounds 15 --fresh]`: search latency on a generated site.
 *
 * The site (demo content topped up to N English stories, indexed) is built once and reused
 * (bench/lib/bench-site.ts). The search service runs in this process on that SQLite database, as a
 * request would call it: parse, prefix expansion, count, rank, snippets, and the typo fallback.
 * Queries are a fixed mix of one-word, multi-word, phrase, prefix (as one types) and typo queries,
 * each run `rounds` times after one warm-up round; p50/p95 of wall time (and of this process's CPU
 * time) per kind and overall. The baseline, measured in the same run, is the bare FTS5 query of the
 * same words (the ten best rowids by bm25, nothing else): the floor the service stands on.
 * The load average is printed beside the figures: the machine is shared.
 */
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { parseQuery, toFts5Match } from '../src/search/query.ts';
import { createSearchService } from '../src/search/search.service.ts';
import { createEventBus } from '../src/shared/events.ts';
import { createLogger } from '../src/shared/logger.ts';
import { loadAverage, percentile, prepareBenchSite } from './lib/bench-site.ts';
import path from 'node:path';

const argv = process.argv.slice(2);
const value = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? undefined : argv[i + 1];
};
const articles = Number(value('articles') ?? 100_000);
const rounds = Number(value('rounds') ?? 15);
const TARGET_P95_MS = 20;

const QUERIES: Record<string, string[]> = {
  'one word': ['oil', 'Pyongyang', 'government', 'dividend', 'coffee', 'Japan'],
  'multi-word': ['crude oil prices', 'bank interest rates', 'trade deficit Japan', 'wheat exports Soviet'],
  phrase: ['"interest rates"', '"trade deficit"', '"crude oil"', '"net income"'],
  prefix: ['infla', 'petrol', 'dollar exch', 'Pyong'],
  typo: ['Pyongyng', 'goverment ', 'inflaton ', 'divident ', 'petroleum exprots '],
};

const dataDir = await prepareBenchSite({ articles, fresh: argv.includes('--fresh') });
const database = openDatabase({ dialect: 'sqlite', file: path.join(dataDir, 'newsdesk.db') });
await migrateToLatest(database.db);
const logger = createLogger('warn');
const search = createSearchService({
  db: database.db,
  dialect: 'sqlite',
  events: createEventBus(() => {}),
  logger,
});
const count = Number(
  (
    await database.db
      .selectFrom('search_documents')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
  ).n,
);
console.log(`Search index: ${count.toLocaleString('en')} stories; ${rounds} rounds of each query.`);

interface Sample {
  wall: number;
  cpu: number;
}
const cpuMs = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

async function time(run: () => Promise<unknown>): Promise<Sample> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run();
  return { wall: performance.now() - started, cpu: cpuMs(cpu) };
}

const service = new Map<string, Sample[]>();
const bare = new Map<string, Sample[]>();
const totals = new Map<string, number>();
for (let round = 0; round <= rounds; round++) {
  for (const [kind, queries] of Object.entries(QUERIES)) {
    for (const q of queries) {
      const serviceSample = await time(async () => {
        const outcome = await search.search({ text: q, language: 'en' });
        totals.set(q, outcome.total);
      });
      const match = toFts5Match(parseQuery(q));
      const bareSample = await time(() =>
        sql`SELECT rowid FROM search_fts_porter WHERE search_fts_porter MATCH ${match} ORDER BY bm25(search_fts_porter, 10.0, 4.0, 1.0, 3.0) LIMIT 10`.execute(
          database.db,
        ),
      );
      if (round === 0) continue; // warm-up
      service.set(kind, [...(service.get(kind) ?? []), serviceSample]);
      bare.set(kind, [...(bare.get(kind) ?? []), bareSample]);
    }
  }
}

const f = (n: number) => n.toFixed(1).padStart(6);
const row = (label: string, samples: Sample[], floor: Sample[]) => {
  const wall = samples.map((s) => s.wall);
  const cpu = samples.map((s) => s.cpu);
  const floorWall = floor.map((s) => s.wall);
  console.log(
    `  ${label.padEnd(11)} p50 ${f(percentile(wall, 50))} ms  p95 ${f(percentile(wall, 95))} ms   cpu p50 ${f(percentile(cpu, 50))} p95 ${f(percentile(cpu, 95))} ms   bare FTS5 p50 ${f(percentile(floorWall, 50))} p95 ${f(percentile(floorWall, 95))} ms`,
  );
};
console.log(`\nLatency per query through the search service (load average ${loadAverage()}):`);
for (const kind of Object.keys(QUERIES)) row(kind, service.get(kind)!, bare.get(kind)!);
const all = [...service.values()].flat();
const allBare = [...bare.values()].flat();
row('all', all, allBare);
console.log(`\nResults found: ${[...totals].map(([q, n]) => `${q.trim()}=${n}`).join(', ')}`);
const p50 = percentile(
  all.map((s) => s.wall),
  50,
);
const p95 = percentile(
  all.map((s) => s.wall),
  95,
);
const ratio =
  p95 /
  percentile(
    allBare.map((s) => s.wall),
    95,
  );
console.log(
  `${p95 < TARGET_P95_MS ? '✔' : '✘'} p95 ${p95.toFixed(1)} ms (target < ${TARGET_P95_MS} ms); ${ratio.toFixed(1)}× the bare FTS5 query's p95`,
);
console.log(
  `bench:search p50=${p50.toFixed(1)}ms p95=${p95.toFixed(1)}ms articles=${count} load=${loadAverage()}`,
);
await database.close();
