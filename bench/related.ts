/**
 * `npm run bench:related [-- --articles 100000 --new 40 --fresh --skip-rebuild]`: "You may also like"
 * at scale, on a generated site (bench/lib/bench-site.ts; built once and reused).
 *
 * 1. A full rebuild (`newsdesk related rebuild`): wall time, this process's CPU time (all threads),
 *    peak resident memory (sampled every 50 ms).
 * 2. One new story: `--new` stories are added one at a time (text stitched from the same corpus by the
 *    generator, a new seed) and each is refreshed as the job after publishing does: its own list, and
 *    every older list it now belongs in. p50/p95 of wall and CPU time, and how many lists changed.
 * 3. One edited story: the same for stories already indexed (their lists and the lists showing them).
 * The baseline, measured in the same run, is the query most themes use for related stories: the six
 * latest stories of the same section. The load average is printed beside every figure.
 */
import path from 'node:path';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createJobRunner } from '../src/jobs/job-runner.ts';
import { createRelatedService } from '../src/related/related.service.ts';
import { systemClock } from '../src/shared/clock.ts';
import { createEventBus } from '../src/shared/events.ts';
import { createLogger } from '../src/shared/logger.ts';
import { loadAverage, percentile, prepareBenchSite } from './lib/bench-site.ts';
import { generateArticles } from './lib/generate.ts';

const argv = process.argv.slice(2);
const value = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? undefined : argv[i + 1];
};
const articles = Number(value('articles') ?? 100_000);
const newStories = Number(value('new') ?? 40);
const TARGET_P95_MS = 50;
const TARGET_REBUILD_S = 120;

const dataDir = await prepareBenchSite({ articles, fresh: argv.includes('--fresh') });
const database = openDatabase({ dialect: 'sqlite', file: path.join(dataDir, 'newsdesk.db') });
const { db } = database;
await migrateToLatest(db);
const logger = createLogger('warn');
const related = createRelatedService({
  db,
  events: createEventBus(() => {}),
  // Never started: refreshes are called directly, as the job would.
  jobs: createJobRunner({ db, clock: systemClock, logger }),
  clock: systemClock,
  logger,
});

const cpuMs = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
const mb = (bytes: number) => `${Math.round(bytes / 1_048_576)} MB`;

let rebuildLine = 'rebuild=skipped';
if (!argv.includes('--skip-rebuild')) {
  let peakRss = process.memoryUsage().rss;
  const rssBefore = peakRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const cpu = process.cpuUsage();
  const started = performance.now();
  // Phase boundaries: read done, first choice (vocabulary written, stories weighed), choices done, end.
  const marks: Array<{ name: string; wall: number; cpu: NodeJS.CpuUsage }> = [];
  const mark = (name: string) => marks.push({ name, wall: performance.now(), cpu: process.cpuUsage() });
  mark('start');
  const result = await related.rebuild((phase, done, total) => {
    if (phase === 'read' && done === total) mark('read');
    if (phase === 'choose' && !marks.some((m) => m.name === 'weigh')) mark('weigh');
    if (phase === 'choose' && done === total) mark('choose');
  });
  mark('write');
  const phases = marks.slice(1).map((m, i) => {
    const before = marks[i]!;
    const cpuS = (m.cpu.user + m.cpu.system - before.cpu.user - before.cpu.system) / 1e6;
    return `${m.name} ${((m.wall - before.wall) / 1000).toFixed(1)} s (${cpuS.toFixed(1)} s CPU)`;
  });
  console.log(`  phases: ${phases.join(', ')}`);
  const wallS = (performance.now() - started) / 1000;
  const cpuS = cpuMs(cpu) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  console.log(
    `Full rebuild of ${result.articles.toLocaleString('en')} stories (${result.picks.toLocaleString('en')} picks): ` +
      `${wallS.toFixed(1)} s wall, ${cpuS.toFixed(1)} s CPU, peak RSS ${mb(peakRss)} (${mb(rssBefore)} before) ` +
      `(load average ${loadAverage()})`,
  );
  console.log(
    `${wallS < TARGET_REBUILD_S ? '✔' : '✘'} rebuild ${wallS.toFixed(1)} s (target < ${TARGET_REBUILD_S} s)`,
  );
  rebuildLine = `rebuild=${wallS.toFixed(1)}s cpu=${cpuS.toFixed(1)}s peakRss=${mb(peakRss).replace(' ', '')}`;
}

interface Sample {
  wall: number;
  cpu: number;
  lists: number;
}
async function refreshTimed(articleId: number): Promise<Sample> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const lists = await related.refresh(articleId);
  return { wall: performance.now() - started, cpu: cpuMs(cpu), lists: lists.length };
}

const report = (label: string, samples: Sample[]) => {
  const wall = samples.map((s) => s.wall);
  const cpu = samples.map((s) => s.cpu);
  const lists = samples.reduce((sum, s) => sum + s.lists, 0) / samples.length;
  console.log(
    `  ${label.padEnd(28)} p50 ${percentile(wall, 50).toFixed(1)} ms  p95 ${percentile(wall, 95).toFixed(1)} ms wall;` +
      ` cpu p50 ${percentile(cpu, 50).toFixed(1)} ms p95 ${percentile(cpu, 95).toFixed(1)} ms;` +
      ` ${lists.toFixed(1)} lists changed on average (load average ${loadAverage()})`,
  );
  return { p50: percentile(wall, 50), p95: percentile(wall, 95) };
};

// New stories, one at a time, as publishing them would.
const fresh: Sample[] = [];
const total = async () =>
  Number(
    (
      await db
        .selectFrom('articles')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const recent = new Date().toISOString();
for (let i = 0; i < newStories + 3; i++) {
  await generateArticles(db, { count: (await total()) + 1, seed: 90_000 + i });
  const row = await db
    .selectFrom('articles')
    .select('id')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  // A story published now, as a newsroom would: recency matters to the ranker.
  await db.updateTable('articles').set({ published_at: recent }).where('id', '=', row.id).execute();
  const sample = await refreshTimed(row.id);
  if (i >= 3) fresh.push(sample); // the first three warm the statement cache
}

// Edits of stories already indexed: the list of each, and every list that shows it.
const edited: Sample[] = [];
const olderIds = (
  await db
    .selectFrom('related_picks')
    .select('pick_id')
    .distinct()
    .orderBy('pick_id')
    .limit(newStories)
    .execute()
).map((r) => r.pick_id);
for (const id of olderIds) {
  await db
    .updateTable('articles')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
  edited.push(await refreshTimed(id));
}

// Baseline: the six latest stories of the same section.
const baseline: Sample[] = [];
for (const id of olderIds) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const story = await db
    .selectFrom('articles')
    .select('section_id')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  await db
    .selectFrom('articles')
    .select('id')
    .where('section_id', '=', story.section_id)
    .where('status', '=', 'published')
    .where('id', '!=', id)
    .orderBy('published_at', 'desc')
    .limit(6)
    .execute();
  baseline.push({ wall: performance.now() - started, cpu: cpuMs(cpu), lists: 1 });
}

console.log(`\nOne story's list and the lists it changes (${fresh.length} new, ${edited.length} edited):`);
const newFigures = report('new story (publish)', fresh);
const editFigures = report('edited story (update)', edited);
const baseFigures = report('baseline: latest in section', baseline);
const check = (p95: number) => (p95 < TARGET_P95_MS ? '✔' : '✘');
console.log(
  `${check(newFigures.p95)} new story p95 ${newFigures.p95.toFixed(1)} ms, ${check(editFigures.p95)} edited story p95 ${editFigures.p95.toFixed(1)} ms (target < ${TARGET_P95_MS} ms); ` +
    `${(newFigures.p95 / baseFigures.p95).toFixed(1)}× the baseline query's p95`,
);
console.log(
  `bench:related new p50=${newFigures.p50.toFixed(1)}ms p95=${newFigures.p95.toFixed(1)}ms edit p50=${editFigures.p50.toFixed(1)}ms p95=${editFigures.p95.toFixed(1)}ms ${rebuildLine} load=${loadAverage()}`,
);
await database.close();
