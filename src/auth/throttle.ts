import type { Db } from '../db/database.ts';
import { isUniqueViolation } from '../db/errors.ts';
import type { Clock } from '../shared/clock.ts';

/**
 * The growing lock-out for sign-ins. Each key (an account's email, a client address) has some free
 * failures (Ghost allows 4 per account); every failure after that locks the key for twice as long as
 * the last (30 s, 1 min, 2 min … up to an hour). A success clears the account's count. Failures older
 * than a day are forgotten. Kept in the database, so every instance sees the same counts.
 */
export interface ThrottleRule {
  freeFailures: number;
  baseLockMs: number;
  maxLockMs: number;
}

export const ACCOUNT_RULE: ThrottleRule = { freeFailures: 4, baseLockMs: 30_000, maxLockMs: 3_600_000 };
export const ADDRESS_RULE: ThrottleRule = { freeFailures: 20, baseLockMs: 60_000, maxLockMs: 3_600_000 };
const FORGET_AFTER_MS = 24 * 3_600_000;

export function createLoginThrottle({ db, clock }: { db: Db; clock: Clock }) {
  return {
    /** Milliseconds until `key` may try again, or 0. */
    async lockedFor(key: string): Promise<number> {
      const row = await db
        .selectFrom('login_throttle')
        .select('locked_until')
        .where('key', '=', key)
        .executeTakeFirst();
      if (!row?.locked_until) return 0;
      return Math.max(0, Date.parse(row.locked_until) - clock.now().getTime());
    },

    async recordFailure(key: string, rule: ThrottleRule): Promise<void> {
      const now = clock.now();
      const row = await db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
      const stale = row && now.getTime() - Date.parse(row.last_failure_at) > FORGET_AFTER_MS;
      const failures = (stale || !row ? 0 : row.failures) + 1;
      const over = failures - rule.freeFailures;
      const lockedUntil =
        over > 0
          ? new Date(
              now.getTime() + Math.min(rule.maxLockMs, rule.baseLockMs * 2 ** (over - 1)),
            ).toISOString()
          : null;
      const values = { failures, last_failure_at: now.toISOString(), locked_until: lockedUntil };
      if (row) {
        await db.updateTable('login_throttle').set(values).where('key', '=', key).execute();
        return;
      }
      try {
        await db
          .insertInto('login_throttle')
          .values({ key, ...values })
          .execute();
      } catch (error) {
        // Another request inserted the row first: count this failure on it.
        if (!isUniqueViolation(error)) throw error;
        await db
          .updateTable('login_throttle')
          .set((eb) => ({ failures: eb('failures', '+', 1), last_failure_at: values.last_failure_at }))
          .where('key', '=', key)
          .execute();
      }
    },

    async clear(key: string): Promise<void> {
      await db.deleteFrom('login_throttle').where('key', '=', key).execute();
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
