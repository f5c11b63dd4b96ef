import type { Config } from '../config.ts';
import type { Logger } from '../shared/logger.ts';
import { buildEntry, type CapturedResponse, type PageEntry, whyNotStorable } from './page-entry.ts';
import { PageStore } from './page-store.ts';

/**
 * The full-page cache's storage side: which responses may be kept, compressing and keeping them, and
 * purging them. The HTTP side (`http/page-cache-front.ts`) answers from it before Fastify sees a
 * request, and decides when a page is rendered again.
 */
export interface PageCache {
  readonly store: PageStore;
  readonly ttlMs: number;
  readonly graceMs: number;
  /**
   * Keeps a response rendered for `key` if it may be shared. `epoch` is `store.epoch` when rendering
   * began: if a purge for one of its keys went by since, it is kept already stale.
   */
  fill(key: string, response: CapturedResponse, epoch: number): Promise<PageEntry | undefined>;
}

export function createPageCache(
  config: Config['pageCache'],
  logger: Logger,
  now: () => number = Date.now,
): PageCache | undefined {
  if (config.maxBytes <= 0) return undefined;
  const store = new PageStore({ maxBytes: config.maxBytes, graceMs: config.graceMs, now });
  return {
    store,
    ttlMs: config.ttlMs,
    graceMs: config.graceMs,
    async fill(key, response, epoch) {
      const reason = whyNotStorable(response);
      if (reason) {
        logger.trace({ key, reason }, 'page cache: not stored');
        return undefined;
      }
      const surrogateKeys = String(response.headers['surrogate-key']).split(/\s+/);
      const stale = store.purgedSince(epoch, surrogateKeys);
      const entry = await buildEntry(key, response, {
        now: now(),
        ttlMs: config.ttlMs,
        graceMs: config.graceMs,
        stale,
      });
      // A purge may also have gone by while compressing.
      if (!stale && store.purgedSince(epoch, entry.surrogateKeys)) entry.freshUntil = 0;
      store.put(entry);
      return entry;
    },
  };
}
