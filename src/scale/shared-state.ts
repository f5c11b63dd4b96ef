import type { Redis } from 'ioredis';
import type { Config } from '../config.ts';
import type { Logger } from '../shared/logger.ts';
import { type ClusterBus, createLocalBus, createRedisBus } from './cluster-bus.ts';
import { createMemoryRateLimiter, createRedisRateLimiter, type RateLimiter } from './rate-limiter.ts';
import { connectRedis, createRedis } from './redis.ts';

/**
 * What instances share besides the database. Without `REDIS_URL`: one instance, everything in its
 * memory. With it: rate-limit counters in Redis, and a bus that carries cache purges to every
 * instance. The database already shares the rest (sessions, sign-in lock-outs, jobs and leases).
 */
export interface SharedState {
  /** The command connection, when Redis is configured (rate-limit stores use it). */
  readonly redis: Redis | undefined;
  readonly prefix: string;
  readonly bus: ClusterBus;
  readonly limiter: RateLimiter;
  close(): Promise<void>;
}

export async function openSharedState(config: Config, logger: Logger): Promise<SharedState> {
  const prefix = config.redisPrefix;
  if (!config.redisUrl) {
    return {
      redis: undefined,
      prefix,
      bus: createLocalBus(),
      limiter: createMemoryRateLimiter(),
      close: async () => {},
    };
  }
  const url = config.redisUrl;
  const redis = createRedis(url, 'newsdesk');
  const subscriber = createRedis(url, 'newsdesk-bus');
  for (const connection of [redis, subscriber])
    connection.on('error', (error: Error) => logger.warn({ err: error.message }, 'Redis connection error'));
  await connectRedis(redis, url);
  await connectRedis(subscriber, url);
  const bus = await createRedisBus({ publisher: redis, subscriber, prefix, logger });
  return {
    redis,
    prefix,
    bus,
    limiter: createRedisRateLimiter(redis, prefix, logger),
    async close() {
      await bus.close();
      subscriber.disconnect();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
