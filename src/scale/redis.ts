import { Redis } from 'ioredis';

/**
 * A connection to the shared Redis. Commands fail fast while it is unreachable (no queue that would
 * hold a reader's request hostage); callers decide what failing means (rate limits let the request
 * through and log it; cache purges fall back to each page's time to live).
 */
export function createRedis(url: string, name: string): Redis {
  return new Redis(url, {
    connectionName: name,
    lazyConnect: true,
    connectTimeout: 5000,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    // Reconnect forever, backing off to 2 s: an instance outlives a Redis restart.
    retryStrategy: (times) => Math.min(times * 100, 2000),
  });
}

/** Connects, or throws a sentence naming the address (start-up stops rather than run half-shared). */
export async function connectRedis(redis: Redis, url: string): Promise<void> {
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    const where = url.replace(/\/\/[^@/]*@/, '//');
    throw new Error(
      `Newsdesk cannot reach Redis at ${where} (REDIS_URL): ${error instanceof Error ? error.message : String(error)}.`,
      { cause: error },
    );
  }
}
