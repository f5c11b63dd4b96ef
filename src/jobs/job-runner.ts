import crypto from 'node:crypto';
import os from 'node:os';
import type { ExpressionBuilder, Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { isUniqueViolation } from '../db/errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { Logger } from '../shared/logger.ts';
import type { JobTable } from './jobs.tables.ts';

export type Job = Selectable<JobTable>;
export type JobHandler = (payload: unknown, job: Job) => Promise<void>;

export interface EnqueueOptions {
  /** When to run (default: now). */
  runAt?: Date;
  /** At most one pending or running job per key; enqueueing a duplicate returns null. */
  uniqueKey?: string;
  maxAttempts?: number;
}

export interface JobRunner {
  readonly instanceId: string;
  enqueue(kind: string, payload: unknown, options?: EnqueueOptions): Promise<number | null>;
  /** Registers the code that runs jobs of a kind. */
  handle(kind: string, handler: JobHandler): void;
  /** A task that runs every `intervalMs` on exactly one instance at a time (whoever holds its lease). */
  every(name: string, intervalMs: number, task: () => Promise<void>): void;
  /** Runs due jobs and periodic tasks until none is left (tests and the CLI call this). */
  runDueNow(): Promise<number>;
  start(): void;
  /** Stops polling and waits for the job in hand to finish: jobs stop at a safe point. */
  stop(): Promise<void>;
}

const DEFAULT_LOCK_MS = 5 * 60_000;

/** How long a job waits after its n-th failed attempt: 30 s, 1 min, 2 min, … up to 6 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(6 * 3600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Background work in the database, so it survives restarts and is shared by every instance. A job is
 * claimed with a conditional UPDATE that only one instance can win; while it runs, its lock is renewed
 * every third of `lockMs`, so only a job whose instance died (or stalled past the lock) is reclaimed.
 * The claim's result is written only while the claim is still this instance's (fencing), so an
 * instance that lost a job never overwrites the state of the one that took it over. Failures retry
 * with exponential backoff (30 s, 1 min, 2 min, … up to 6 h) until `maxAttempts`, then stay `failed`
 * with their last error for an admin to read.
 */
export function createJobRunner({
  db,
  clock,
  logger,
  pollMs = 1000,
  lockMs = DEFAULT_LOCK_MS,
}: {
  db: Db;
  clock: Clock;
  logger: Logger;
  pollMs?: number;
  /** How long a claim lasts without renewal: how soon another instance takes over a dead one's job. */
  lockMs?: number;
}): JobRunner {
  const instanceId = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
  const handlers = new Map<string, JobHandler>();
  const periodic: Array<{ name: string; intervalMs: number; task: () => Promise<void>; nextAt: number }> = [];
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let inFlight: Promise<unknown> = Promise.resolve();

  const now = () => clock.now();
  const iso = (date: Date) => date.toISOString();
  const later = (ms: number) => iso(new Date(now().getTime() + ms));
  // The row of a job while this claim of it holds: `attempts` grows with every claim, so it also tells
  // this claim from a later one by this same instance.
  const ourClaim = (job: Job) => ({ id: job.id, locked_by: instanceId, attempts: job.attempts });

  /**
   * Calls `renew` every `everyMs` while work runs, so a long job or task keeps what it holds. Returns
   * a function that stops the renewals and waits for one in flight, so that none lands after the
   * work's own last write. When `renew` finds the lock gone (another instance took over), it says so
   * and stops; the work may still finish, but its result is fenced off.
   */
  function heartbeat(everyMs: number, renew: () => Promise<boolean>, about: object): () => Promise<void> {
    let stopped = false;
    let last = Promise.resolve();
    const beat = async () => {
      if (stopped) return;
      try {
        if (await renew()) return;
        stopped = true;
        clearInterval(timer);
        logger.warn(about, 'lost its lock to another instance while running');
      } catch (error) {
        // The database may be briefly unreachable: the next beat tries again, and the lock outlasts two.
        logger.warn({ ...about, err: error }, 'could not renew its lock');
      }
    };
    const timer = setInterval(() => {
      last = last.then(beat);
    }, everyMs);
    timer.unref();
    return () => {
      stopped = true;
      clearInterval(timer);
      return last;
    };
  }

  async function claim(): Promise<Job | undefined> {
    const at = iso(now());
    const due = (eb: ExpressionBuilder<Database, 'jobs'>) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', at)]),
        eb.and([eb('status', '=', 'running'), eb('locked_until', '<', at)]),
      ]);
    const kinds = [...handlers.keys()];
    if (kinds.length === 0) return undefined;
    const candidate = await db
      .selectFrom('jobs')
      .select('id')
      .where('kind', 'in', kinds)
      .where(due)
      .orderBy('run_at')
      .limit(1)
      .executeTakeFirst();
    if (!candidate) return undefined;
    return db
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        locked_by: instanceId,
        locked_until: later(lockMs),
        attempts: eb('attempts', '+', 1),
        updated_at: at,
      }))
      .where('id', '=', candidate.id)
      .where(due)
      .returningAll()
      .executeTakeFirst();
  }

  async function renewJob(job: Job): Promise<boolean> {
    const updated = await db
      .updateTable('jobs')
      .set({ locked_until: later(lockMs) })
      .where((eb) => eb.and(ourClaim(job)))
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }

  async function runJob(job: Job): Promise<void> {
    const handler = handlers.get(job.kind);
    const about = { job: job.id, kind: job.kind };
    const stopHeartbeat = heartbeat(lockMs / 3, () => renewJob(job), about);
    let failure: string | undefined;
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(JSON.parse(job.payload), job);
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
      logger.warn({ ...about, attempt: job.attempts, err: failure }, 'job failed');
    } finally {
      await stopHeartbeat();
    }
    const retry = failure !== undefined && job.attempts < job.max_attempts;
    const updated = await db
      .updateTable('jobs')
      .set({
        status: failure === undefined ? 'done' : retry ? 'pending' : 'failed',
        run_at: retry ? later(retryDelayMs(job.attempts)) : job.run_at,
        locked_by: null,
        locked_until: null,
        last_error: failure?.slice(0, 2000) ?? null,
        updated_at: iso(now()),
      })
      .where((eb) => eb.and(ourClaim(job)))
      .executeTakeFirst();
    // Another instance took the job over after our lock lapsed: the row is its now.
    if (Number(updated.numUpdatedRows) === 0) {
      logger.warn(about, 'job was taken over by another instance; its result here is not recorded');
    }
  }

  async function acquireLease(name: string, ttlMs: number): Promise<boolean> {
    const at = iso(now());
    const expires = later(ttlMs);
    const updated = await db
      .updateTable('leases')
      .set({ holder: instanceId, expires_at: expires })
      .where('name', '=', name)
      .where((eb) => eb.or([eb('expires_at', '<', at), eb('holder', '=', instanceId)]))
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 1) return true;
    try {
      await db.insertInto('leases').values({ name, holder: instanceId, expires_at: expires }).execute();
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async function renewLease(name: string, ttlMs: number): Promise<boolean> {
    const updated = await db
      .updateTable('leases')
      .set({ expires_at: later(ttlMs) })
      .where('name', '=', name)
      .where('holder', '=', instanceId)
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }

  async function runPeriodic(force: boolean): Promise<number> {
    let ran = 0;
    for (const p of periodic) {
      const t = now().getTime();
      if (!force && t < p.nextAt) continue;
      p.nextAt = t + p.intervalMs;
      const lease = `periodic:${p.name}`;
      const ttlMs = Math.max(p.intervalMs * 2, 10_000);
      if (!(await acquireLease(lease, ttlMs))) continue;
      // Renewed while the task runs (every third of the lease, or of the lock time when shorter), so a
      // task that outlasts its lease is still not started by another instance.
      const stopHeartbeat = heartbeat(Math.min(ttlMs, lockMs) / 3, () => renewLease(lease, ttlMs), {
        task: p.name,
      });
      try {
        await p.task();
        ran++;
      } catch (error) {
        logger.error({ err: error, task: p.name }, 'periodic task failed');
      } finally {
        await stopHeartbeat();
      }
    }
    return ran;
  }

  async function drain(forcePeriodic: boolean): Promise<number> {
    let count = await runPeriodic(forcePeriodic);
    for (let job = await claim(); job; job = await claim()) {
      await runJob(job);
      count++;
      if (!running && timer === undefined && !forcePeriodic) break;
    }
    return count;
  }

  function schedule() {
    if (!running) return;
    timer = setTimeout(() => {
      timer = undefined;
      inFlight = drain(false)
        .catch((error: unknown) => logger.error({ err: error }, 'job runner poll failed'))
        .finally(schedule);
    }, pollMs);
    timer.unref();
  }

  return {
    instanceId,
    async enqueue(kind, payload, options = {}) {
      const at = iso(now());
      try {
        const row = await db
          .insertInto('jobs')
          .values({
            kind,
            payload: JSON.stringify(payload ?? null),
            status: 'pending',
            run_at: iso(options.runAt ?? now()),
            max_attempts: options.maxAttempts ?? 8,
            unique_key: options.uniqueKey ?? null,
            locked_by: null,
            locked_until: null,
            last_error: null,
            created_at: at,
            updated_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return row.id;
      } catch (error) {
        if (options.uniqueKey && isUniqueViolation(error)) return null;
        throw error;
      }
    },
    handle(kind, handler) {
      handlers.set(kind, handler);
    },
    every(name, intervalMs, task) {
      periodic.push({ name, intervalMs, task, nextAt: 0 });
    },
    runDueNow: () => drain(true),
    start() {
      if (running) return;
      running = true;
      schedule();
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await inFlight;
    },
  };
}
