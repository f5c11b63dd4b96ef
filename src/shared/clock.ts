/** Time comes from a clock that tests can set, never from `new Date()` inside domain code. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock for tests: starts at `start` and only moves when told to. */
export function fixedClock(
  start: Date | string,
): Clock & { set(to: Date | string): void; advance(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (to) => {
      current = new Date(to);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

/**
 * Timestamps are stored as ISO-8601 UTC strings with milliseconds ("2024-06-20T09:00:00.000Z") on every
 * dialect: they sort as text, compare as text and read the same on SQLite and PostgreSQL.
 */
export function toIso(date: Date): string {
  return date.toISOString();
}
