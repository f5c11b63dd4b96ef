import crypto from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { Clock } from '../shared/clock.ts';
import type { Logger } from '../shared/logger.ts';

/** Clients that announce themselves as robots, previews or test browsers are not readers. */
const NOT_A_READER =
  /bot|crawl|spider|slurp|preview|headless|lighthouse|facebookexternalhit|monitor|curl|wget/i;
/** Past this many remembered readers in one day, the memory is cleared (a few repeat views may count). */
const MAX_SEEN = 200_000;

export interface ViewCounter {
  /** Counts a view unless this client already viewed this story today; returns whether it counted. */
  record(articleId: number, client: { ip: string; userAgent: string | undefined }): boolean;
  /** Writes the counts gathered so far to the database (batched, one transaction). */
  flush(): Promise<void>;
  /** Views counted in memory and not yet written, for tests and the shutdown log. */
  pending(): number;
  start(): void;
  /** Stops the timer and writes what is left. */
  stop(): Promise<void>;
}

/**
 * Counts story views without cookies and without keeping who viewed: a client is recognised only
 * within one UTC day, by a hash of a random salt, the day, its address, its user agent and the story.
 * The salt lives in memory, is replaced when the day changes and is never written, so yesterday's
 * hashes cannot be recomputed and nothing written anywhere could tell two readers apart — the
 * database holds per-story, per-day totals only. Counting is a hash and a Map update in memory;
 * totals are written in batches every few seconds, so a view never waits for the database.
 */
export function createViewCounter({
  db,
  clock,
  logger,
  flushMs = 10_000,
}: {
  db: Db;
  clock: Clock;
  logger: Logger;
  flushMs?: number;
}): ViewCounter {
  let day = '';
  let salt = Buffer.alloc(0);
  let seen = new Set<string>();
  let counts = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();

  function today(): string {
    const current = clock.now().toISOString().slice(0, 10);
    if (current !== day) {
      day = current;
      salt = crypto.randomBytes(32);
      seen = new Set();
    }
    return day;
  }

  async function write(batch: Map<string, number>): Promise<void> {
    const entries = [...batch].map(([key, views]) => {
      const [articleId, viewDay] = key.split('|');
      return { article_id: Number(articleId), day: viewDay!, views };
    });
    // Only published stories are counted: a beacon for an id that is not one writes nothing.
    const ids = [...new Set(entries.map((e) => e.article_id))];
    const published = new Set(
      (
        await db
          .selectFrom('articles')
          .select('id')
          .where('id', 'in', ids)
          .where('status', '=', 'published')
          .execute()
      ).map((r) => r.id),
    );
    const rows = entries.filter((e) => published.has(e.article_id));
    if (rows.length === 0) return;
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i < rows.length; i += 200) {
        await tx
          .insertInto('article_views')
          .values(rows.slice(i, i + 200))
          .onConflict((oc) =>
            oc
              .columns(['article_id', 'day'])
              .doUpdateSet((eb) => ({ views: eb('article_views.views', '+', eb.ref('excluded.views')) })),
          )
          .execute();
      }
    });
  }

  function flushNow(): Promise<void> {
    if (counts.size === 0) return Promise.resolve();
    const batch = counts;
    counts = new Map();
    return write(batch).catch((error: unknown) => {
      // Keep the counts for the next flush rather than lose them to a passing database error.
      for (const [key, n] of batch) counts.set(key, (counts.get(key) ?? 0) + n);
      logger.error({ err: error, views: batch.size }, 'could not write view counts; will retry');
    });
  }

  return {
    record(articleId, client) {
      if (!Number.isSafeInteger(articleId) || articleId < 1) return false;
      const userAgent = client.userAgent ?? '';
      if (!userAgent || NOT_A_READER.test(userAgent)) return false;
      const viewDay = today();
      const fingerprint = crypto
        .createHash('sha256')
        .update(salt)
        .update(`${viewDay}\n${articleId}\n${client.ip}\n${userAgent}`)
        .digest('base64url')
        .slice(0, 22);
      if (seen.has(fingerprint)) return false;
      if (seen.size >= MAX_SEEN) seen = new Set();
      seen.add(fingerprint);
      const key = `${articleId}|${viewDay}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      return true;
    },
    flush() {
      flushing = flushing.then(flushNow);
      return flushing;
    },
    pending() {
      let total = 0;
      for (const n of counts.values()) total += n;
      return total;
    },
    start() {
      if (timer) return;
      timer = setInterval(() => void this.flush(), flushMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await this.flush();
    },
  };
}
