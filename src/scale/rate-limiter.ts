import type { Redis } from 'ioredis';
import type { Logger } from '../shared/logger.ts';

export interface RateRule {
  /** Requests allowed per window. */
  max: number;
  windowMs: number;
}

export interface RateDecision {
  allowed: boolean;
  remaining: number;
  /** When the window ends: how long a refused caller should wait (for `Retry-After`). */
  retryAfterMs: number;
}

/**
 * Counting limits for services (comments per email address, per client address, …), shared by every
 * instance when Redis is configured. A fixed window per key: simple, and exact across instances.
 * For whole routes, `config.rateLimit` on the route (@fastify/rate-limit, same Redis) is simpler.
 */
export interface RateLimiter {
  hit(key: string, rule: RateRule): Promise<RateDecision>;
}

export function createMemoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  let nextSweep = 0;
  return {
    async hit(key, rule) {
      const t = now();
      if (t >= nextSweep) {
        for (const [k, w] of windows) if (w.resetAt <= t) windows.delete(k);
        nextSweep = t + 60_000;
      }
      let window = windows.get(key);
      if (!window || window.resetAt <= t)
        windows.set(key, (window = { count: 0, resetAt: t + rule.windowMs }));
      window.count++;
      return decision(window.count, rule, window.resetAt - t);
    },
  };
}

const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

/**
 * The same limits in Redis (one round trip: INCR and expiry in a script). If Redis cannot answer, the
 * request is let through and the failure logged: a broken counter must not lock readers out.
 */
export function createRedisRateLimiter(redis: Redis, prefix: string, logger: Logger): RateLimiter {
  return {
    async hit(key, rule) {
      try {
        const [count, ttl] = (await redis.eval(HIT_SCRIPT, 1, `${prefix}rate:${key}`, rule.windowMs)) as [
          number,
          number,
        ];
        return decision(count, rule, ttl);
      } catch (error) {
        logger.error({ err: error }, 'rate limiter: Redis did not answer; letting the request through');
        return { allowed: true, remaining: rule.max, retryAfterMs: 0 };
      }
    },
  };
}

function decision(count: number, rule: RateRule, msLeft: number): RateDecision {
  return {
    allowed: count <= rule.max,
    remaining: Math.max(0, rule.max - count),
    retryAfterMs: count <= rule.max ? 0 : Math.max(0, msLeft),
  };
}
