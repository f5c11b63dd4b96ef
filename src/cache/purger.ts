import type { JobRunner } from '../jobs/job-runner.ts';
import type { ClusterBus } from '../scale/cluster-bus.ts';
import type { EventBus, EventName } from '../shared/events.ts';
import type { Logger } from '../shared/logger.ts';
import type { PurgeRequest } from './page-store.ts';
import type { PurgeHook, PurgeHookCall } from './purge-hook.ts';
import type { PurgeEvent, PurgePlanner } from './purge-planner.ts';

/**
 * Carries purges from where a change happened to everything that keeps a copy: this instance's page
 * cache (and any other in-memory copy that registers with `onPurge`), every other instance (through
 * the cluster bus), and the CDN in front (the purge hook, called once, by the instance that saw the
 * change; retried as a background job when the CDN does not answer).
 *
 * Events are gathered for a few milliseconds (and while the previous batch is being planned), so a
 * bulk import of a thousand stories makes a few purges, not a thousand.
 */
export interface Purger {
  /** Purges here, on every instance and in the CDN (admin tools, the CLI). */
  purge(requests: readonly PurgeRequest[]): Promise<void>;
  /** Runs on every purge applied on this instance, whoever started it. */
  onPurge(listener: (request: PurgeRequest) => void): void;
  /** Resolves once every event heard so far has been turned into purges (tests wait on it). */
  idle(): Promise<void>;
  /** Subscribes to other instances' purges. */
  start(): Promise<void>;
}

const PURGE_EVENTS: readonly EventName[] = [
  'article.published',
  'article.updated',
  'article.unpublished',
  'article.deleted',
  'comment.approved',
  'comment.changed',
  'section.changed',
  'author.changed',
  'tag.changed',
  'related.changed',
];
const TOPIC = 'cache.purge';
export const PURGE_HOOK_JOB = 'cache.purge-hook';
const BATCH_QUIET_MS = 20;
const BATCH_MAX_MS = 300;

export function createPurger({
  events,
  planner,
  bus,
  hook,
  jobs,
  logger,
}: {
  events: EventBus;
  planner: PurgePlanner;
  bus: ClusterBus;
  hook: PurgeHook | undefined;
  jobs: JobRunner;
  logger: Logger;
}): Purger {
  const listeners: Array<(request: PurgeRequest) => void> = [];
  let queue: PurgeEvent[] = [];
  let flushing: Promise<void> = Promise.resolve();
  let scheduled = false;

  function applyHere(requests: readonly PurgeRequest[]) {
    for (const request of requests)
      for (const listener of listeners) {
        try {
          listener(request);
        } catch (error) {
          logger.error({ err: error }, 'purge listener failed');
        }
      }
  }

  async function callHook(requests: readonly PurgeRequest[]) {
    if (!hook) return;
    for (const request of requests) {
      const call: PurgeHookCall = { keys: request.keys, soft: !request.hard };
      try {
        await hook(call);
      } catch (error) {
        logger.warn({ err: error instanceof Error ? error.message : error }, 'purge hook failed; will retry');
        await jobs.enqueue(PURGE_HOOK_JOB, call, { runAt: new Date(Date.now() + 30_000), maxAttempts: 10 });
      }
    }
  }

  async function everywhere(requests: readonly PurgeRequest[]) {
    if (requests.length === 0) return;
    applyHere(requests);
    try {
      await bus.publish(TOPIC, requests);
    } catch (error) {
      // The others keep their pages until their time to live runs out; they purge all on reconnecting.
      logger.error({ err: error }, 'could not tell other instances to purge');
    }
    await callHook(requests);
  }

  async function flush() {
    scheduled = false;
    closeBatch = undefined;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    let requests: PurgeRequest[];
    try {
      requests = await planner.plan(batch);
    } catch (error) {
      logger.error({ err: error }, 'could not work out what to purge; purging every page softly');
      requests = [{ keys: 'all' }];
    }
    await everywhere(requests);
  }

  // A batch closes when no event came for BATCH_QUIET_MS, or BATCH_MAX_MS after it opened: a bulk
  // import (whose events come one by one, each after the listeners of the last) becomes a few purges.
  let quietTimer: NodeJS.Timeout | undefined;
  let openedAt = 0;
  let closeBatch: (() => void) | undefined;
  for (const name of PURGE_EVENTS)
    events.on(name, (payload) => {
      queue.push({ name, payload } as PurgeEvent);
      if (!scheduled) {
        scheduled = true;
        openedAt = Date.now();
        const closed = new Promise<void>((resolve) => (closeBatch = resolve));
        flushing = flushing
          .then(() => closed)
          .then(flush)
          .catch((error: unknown) => logger.error({ err: error }, 'purge failed'));
      }
      clearTimeout(quietTimer);
      const wait = Math.min(BATCH_QUIET_MS, Math.max(0, openedAt + BATCH_MAX_MS - Date.now()));
      quietTimer = setTimeout(() => closeBatch?.(), wait);
    });

  if (hook) jobs.handle(PURGE_HOOK_JOB, (payload) => hook(payload as PurgeHookCall));

  return {
    purge: (requests) => everywhere(requests),
    onPurge(listener) {
      listeners.push(listener);
    },
    async idle() {
      let seen: Promise<void>;
      do {
        seen = flushing;
        await seen;
      } while (seen !== flushing || scheduled);
    },
    async start() {
      await bus.subscribe(TOPIC, (message) => {
        const requests = parseRequests(message);
        if (requests) applyHere(requests);
        else logger.warn('ignored a malformed purge message');
      });
      bus.onReconnect(() => applyHere([{ keys: 'all' }]));
    },
  };
}

function parseRequests(message: unknown): PurgeRequest[] | undefined {
  if (!Array.isArray(message)) return undefined;
  const requests: PurgeRequest[] = [];
  for (const item of message as unknown[]) {
    const { keys, hard } = (item ?? {}) as { keys?: unknown; hard?: unknown };
    const valid = keys === 'all' || (Array.isArray(keys) && keys.every((k) => typeof k === 'string'));
    if (!valid) return undefined;
    requests.push({ keys: keys as string[] | 'all', hard: hard === true });
  }
  return requests;
}
