import crypto from 'node:crypto';
import os from 'node:os';
import type { Redis } from 'ioredis';
import type { Logger } from '../shared/logger.ts';

type Handler = (message: unknown) => void;

/**
 * Messages to every other running instance of this site (cache purges today; anything that keeps a
 * copy in memory can use it). Without Redis there is one instance and nobody to tell, so publishing
 * is a no-op; each publisher applies its change locally itself.
 */
export interface ClusterBus {
  readonly instanceId: string;
  /** Sends to every other instance (not back to this one). */
  publish(channel: string, message: unknown): Promise<void>;
  /** Resolves once messages on `channel` will arrive. */
  subscribe(channel: string, handler: Handler): Promise<void>;
  /** Runs when the link to the others came back after a break: messages may have been missed. */
  onReconnect(handler: () => void): void;
  close(): Promise<void>;
}

export function newInstanceId(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
}

export function createLocalBus(instanceId = newInstanceId()): ClusterBus {
  return {
    instanceId,
    publish: async () => {},
    subscribe: async () => {},
    onReconnect: () => {},
    close: async () => {},
  };
}

/**
 * Redis pub/sub: one channel per topic under the site's prefix; messages carry the sender's id so an
 * instance ignores its own. Subscriptions are renewed by ioredis after a reconnect; the reconnect
 * handlers then run, because what was published during the break is lost (pub/sub keeps nothing).
 */
export async function createRedisBus({
  publisher,
  subscriber,
  prefix,
  logger,
  instanceId = newInstanceId(),
}: {
  publisher: Redis;
  subscriber: Redis;
  prefix: string;
  logger: Logger;
  instanceId?: string;
}): Promise<ClusterBus> {
  const handlers = new Map<string, Handler[]>();
  const reconnectHandlers: Array<() => void> = [];
  const channelOf = (topic: string) => `${prefix}bus:${topic}`;
  let connectedOnce = subscriber.status === 'ready';

  subscriber.on('message', (channel: string, raw: string) => {
    let parsed: { from?: string; body?: unknown };
    try {
      parsed = JSON.parse(raw) as typeof parsed;
    } catch {
      logger.warn({ channel }, 'cluster bus: unreadable message ignored');
      return;
    }
    if (parsed.from === instanceId) return;
    for (const handler of handlers.get(channel) ?? []) {
      try {
        handler(parsed.body);
      } catch (error) {
        logger.error({ err: error, channel }, 'cluster bus handler failed');
      }
    }
  });
  subscriber.on('ready', () => {
    if (!connectedOnce) {
      connectedOnce = true;
      return;
    }
    logger.warn('cluster bus: reconnected to Redis; messages sent during the break are lost');
    for (const handler of reconnectHandlers) handler();
  });

  return {
    instanceId,
    async publish(topic, message) {
      await publisher.publish(channelOf(topic), JSON.stringify({ from: instanceId, body: message }));
    },
    async subscribe(topic, handler) {
      const channel = channelOf(topic);
      const list = handlers.get(channel) ?? [];
      list.push(handler);
      handlers.set(channel, list);
      if (list.length === 1) await subscriber.subscribe(channel);
    },
    onReconnect(handler) {
      reconnectHandlers.push(handler);
    },
    async close() {
      handlers.clear();
    },
  };
}
