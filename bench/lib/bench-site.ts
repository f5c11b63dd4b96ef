/**
 * A generated site on disk for the search and related benchmarks: the demo content topped up to
 * `articles` stories by generate.ts and indexed for search, built once in `dataDir` and reused by
 * later runs while its marker matches (`fresh` rebuilds). The related index is left to the caller:
 * bench:related times its rebuild.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { generateArticles } from './generate.ts';

export interface BenchSiteOptions {
  articles: number;
  dataDir?: string;
  fresh?: boolean;
}

export function benchDataDir(articles: number): string {
  return path.join(os.tmpdir(), `newsdesk-bench-text-${articles}`);
}

/** Builds the site unless a previous run left the same one; returns its data directory. */
export async function prepareBenchSite(options: BenchSiteOptions): Promise<string> {
  const dataDir = options.dataDir ?? benchDataDir(options.articles);
  const marker = path.join(dataDir, 'bench-site.json');
  const wanted = JSON.stringify({ articles: options.articles, version: 1 });
  if (!options.fresh && fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === wanted) {
    console.log(`Site: reusing ${dataDir} (--fresh rebuilds it).`);
    return dataDir;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  const started = performance.now();
  const config = loadConfig({ DATA_DIR: dataDir, NEWSDESK_DEMO: '1', LOG_LEVEL: 'warn' });
  const app = await createApp({ config });
  await app.services.jobs.stop();
  process.stdout.write('Site: loading the demo content… ');
  await app.loadDemoIfEmpty();
  process.stdout.write(`generating up to ${options.articles.toLocaleString('en')} articles… `);
  await generateArticles(app.database.db, { count: options.articles });
  process.stdout.write('indexing for search… ');
  await app.services.search.reindexAll();
  app.database.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
  await app.close();
  fs.writeFileSync(marker, wanted);
  console.log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  return dataDir;
}

/** The load average of the last minute, to print beside every figure on a shared machine. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

/** Percentile (nearest rank) of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
