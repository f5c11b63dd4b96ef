import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { Clock } from '../../shared/clock.ts';
import { ConflictError, isAppError, ValidationError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import type { ImportReport, IngestService } from '../ingest.service.ts';
import type { IngestFeedTable } from '../ingest.tables.ts';

export type FollowedFeed = Selectable<IngestFeedTable>;

export interface PollResult {
  feedId: number;
  url: string;
  /** 'claimed-elsewhere': another instance is polling this feed right now. */
  outcome: 'imported' | 'not-modified' | 'failed' | 'claimed-elsewhere';
  report: ImportReport | null;
  error: string | null;
}

const MAX_BACKOFF_MINUTES = 24 * 60;

export type FeedPoller = ReturnType<typeof createFeedPoller>;

/**
 * Followed feeds: polled on a schedule with conditional GET (ETag / Last-Modified), each new item a
 * draft, each item taken once. A feed is claimed for a poll with a conditional UPDATE on its
 * `next_poll_at`, which only one instance can win, so with several instances each due poll runs once;
 * items are recorded under a unique key, so even two overlapping polls cannot take an item twice.
 */
export function createFeedPoller({
  db,
  clock,
  logger,
  ingest,
}: {
  db: Db;
  clock: Clock;
  logger: Logger;
  ingest: IngestService;
}) {
  const now = () => clock.now();

  async function claim(feed: FollowedFeed): Promise<boolean> {
    const at = now();
    const result = await db
      .updateTable('ingest_feeds')
      .set({
        next_poll_at: new Date(at.getTime() + feed.interval_minutes * 60_000).toISOString(),
        last_polled_at: at.toISOString(),
        updated_at: at.toISOString(),
      })
      .where('id', '=', feed.id)
      .where('next_poll_at', '=', feed.next_poll_at)
      .where('active', '=', 1)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async function poll(feed: FollowedFeed): Promise<PollResult> {
    const base = { feedId: feed.id, url: feed.url };
    if (!(await claim(feed))) return { ...base, outcome: 'claimed-elsewhere', report: null, error: null };
    try {
      const loaded = await ingest.load(
        { url: feed.url },
        { etag: feed.etag, lastModified: feed.last_modified },
      );
      if (loaded.notModified) {
        await recordSuccess(feed.id, loaded.etag, loaded.lastModified, null);
        return { ...base, outcome: 'not-modified', report: null, error: null };
      }
      if (loaded.kind !== 'feed') throw new ValidationError(`${feed.url} is no longer a feed.`);
      const report = await ingest.importLoadedFeed(loaded, {
        id: feed.id,
        url: feed.url,
        sectionId: feed.section_id,
      });
      await recordSuccess(feed.id, loaded.etag, loaded.lastModified, report.source.title);
      return { ...base, outcome: 'imported', report, error: null };
    } catch (error) {
      if (!isAppError(error)) throw error;
      await recordFailure(feed, error.message);
      logger.warn({ feed: feed.url, err: error.message }, 'feed poll failed');
      return { ...base, outcome: 'failed', report: null, error: error.message };
    }
  }

  async function recordSuccess(
    id: number,
    etag: string | null,
    lastModified: string | null,
    title: string | null,
  ) {
    await db
      .updateTable('ingest_feeds')
      .set({
        etag,
        last_modified: lastModified,
        last_error: null,
        error_count: 0,
        ...(title ? { title } : {}),
        updated_at: now().toISOString(),
      })
      .where('id', '=', id)
      .execute();
  }

  /** A failing feed is tried less and less often, up to once a day, and says why in `last_error`. */
  async function recordFailure(feed: FollowedFeed, message: string) {
    const errors = feed.error_count + 1;
    const delay = Math.min(MAX_BACKOFF_MINUTES, feed.interval_minutes * 2 ** Math.min(errors, 10));
    await db
      .updateTable('ingest_feeds')
      .set({
        last_error: message.slice(0, 1000),
        error_count: errors,
        next_poll_at: new Date(now().getTime() + delay * 60_000).toISOString(),
        updated_at: now().toISOString(),
      })
      .where('id', '=', feed.id)
      .execute();
  }

  async function add(
    url: string,
    options: { sectionId?: number | null; intervalMinutes?: number; dueNow: boolean; title?: string | null },
  ): Promise<FollowedFeed> {
    const interval = options.intervalMinutes ?? 30;
    if (!Number.isInteger(interval) || interval < 5 || interval > 24 * 60) {
      throw new ValidationError('A feed can be polled every 5 minutes at most and once a day at least.', {
        intervalMinutes: 'Choose a number of minutes from 5 to 1440.',
      });
    }
    const at = now();
    try {
      const row = await db
        .insertInto('ingest_feeds')
        .values({
          url,
          title: options.title ?? null,
          site_url: null,
          language: null,
          section_id: options.sectionId ?? null,
          etag: null,
          last_modified: null,
          interval_minutes: interval,
          next_poll_at: (options.dueNow ? at : new Date(at.getTime() + interval * 60_000)).toISOString(),
          last_polled_at: null,
          last_error: null,
          created_at: at.toISOString(),
          updated_at: at.toISOString(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return row;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Followed once and given up: following it again picks up where it left off (its items stay taken).
      const again = await db
        .updateTable('ingest_feeds')
        .set({
          active: 1,
          section_id: options.sectionId ?? null,
          interval_minutes: interval,
          next_poll_at: (options.dueNow ? at : new Date(at.getTime() + interval * 60_000)).toISOString(),
          error_count: 0,
          last_error: null,
          updated_at: at.toISOString(),
        })
        .where('url', '=', url)
        .where('active', '=', 0)
        .returningAll()
        .executeTakeFirst();
      if (again) return again;
      throw new ConflictError(`${url} is already followed.`, { url: 'This feed is already followed.' });
    }
  }

  return {
    /** Follows a feed: checks that the address is a feed, records it, and takes its current items. */
    async follow(
      url: string,
      options: { sectionId?: number | null; intervalMinutes?: number } = {},
    ): Promise<PollResult> {
      const loaded = await ingest.load({ url });
      if (loaded.kind !== 'feed') {
        throw new ValidationError(`${url} is not an RSS or Atom feed, so it cannot be followed.`, {
          url: 'Give the address of a feed.',
        });
      }
      return poll(await add(url, { ...options, dueNow: true }));
    },

    /**
     * Records a feed whose current items were just imported (the Import page's "follow" after a
     * preview): the first poll comes one interval from now.
     */
    async followImported(
      url: string,
      options: { sectionId?: number | null; intervalMinutes?: number; title?: string | null } = {},
    ) {
      return add(url, { ...options, dueNow: false });
    },

    async unfollow(id: number): Promise<boolean> {
      const result = await db
        .updateTable('ingest_feeds')
        .set({ active: 0, updated_at: now().toISOString() })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    list(): Promise<FollowedFeed[]> {
      return db.selectFrom('ingest_feeds').selectAll().where('active', '=', 1).orderBy('id').execute();
    },

    /** Polls every followed feed that is due; the job runner calls this on one instance at a time. */
    async pollDue(): Promise<PollResult[]> {
      const due = await db
        .selectFrom('ingest_feeds')
        .selectAll()
        .where('active', '=', 1)
        .where('next_poll_at', '<=', now().toISOString())
        .orderBy('next_poll_at')
        .limit(50)
        .execute();
      const results: PollResult[] = [];
      for (const feed of due) results.push(await poll(feed));
      return results;
    },
  };
}
