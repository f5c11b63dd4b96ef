import type { EventBus } from '../shared/events.ts';
import type { PurgeRequest } from './page-store.ts';
import { surrogateKeys as sk } from './surrogate-keys.ts';

/**
 * What a reader page is built from, kept in memory between renders when the full page is not: a
 * story as readers see it, its related-story cards, its body rendered to HTML. Each entry names the
 * surrogate keys of what it holds (the same names pages carry, cache/surrogate-keys.ts) and is
 * dropped by the same purges that drop pages:
 *
 * - at once on this instance, from the domain events themselves (`listenTo`), so the write that
 *   raised an event is visible to the very next request, before the purger's batch is planned;
 * - on every instance through the purger (`purge`, registered with `purger.onPurge` in app.ts),
 *   which also covers purges planned from list changes and another instance's writes.
 *
 * A value whose loading began before a purge is handed to its caller but never stored, so a late
 * answer cannot bring back what a purge removed. Entries are bounded by an estimate of their size
 * (least recently used go first).
 */
export interface ReaderCache {
  /**
   * The cached value for `key`, or `load()`'s, stored with the keys `keysOf` names. `undefined` is
   * never stored (a story not found is asked again).
   */
  remember<T>(
    key: string,
    load: () => Promise<T>,
    keysOf: (value: NonNullable<T>) => readonly string[],
    sizeOf: (value: NonNullable<T>) => number,
  ): Promise<T>;
  purge(request: PurgeRequest): void;
  listenTo(events: EventBus): void;
  readonly stats: { hits: number; misses: number; entries: number; bytes: number };
}

interface Entry {
  value: unknown;
  keys: readonly string[];
  size: number;
}

/** Fixed cost of an entry beside what `sizeOf` counts (maps, the key strings, object headers). */
const ENTRY_OVERHEAD = 512;

export function createReaderCache(options: { maxBytes: number }): ReaderCache {
  const entries = new Map<string, Entry>();
  const byKey = new Map<string, Set<string>>();
  let purges = 0;
  const stats = { hits: 0, misses: 0, entries: 0, bytes: 0 };

  function drop(name: string) {
    const entry = entries.get(name);
    if (!entry) return;
    entries.delete(name);
    stats.bytes -= entry.size;
    for (const key of entry.keys) {
      const names = byKey.get(key);
      names?.delete(name);
      if (names?.size === 0) byKey.delete(key);
    }
  }

  function purgeKeys(keys: readonly string[] | 'all') {
    purges++;
    if (keys === 'all') {
      entries.clear();
      byKey.clear();
      stats.bytes = 0;
    } else for (const key of keys) for (const name of [...(byKey.get(key) ?? [])]) drop(name);
    stats.entries = entries.size;
  }

  return {
    stats,
    async remember(name, load, keysOf, sizeOf) {
      const found = entries.get(name);
      if (found) {
        // Most recently used last: a Map keeps insertion order.
        entries.delete(name);
        entries.set(name, found);
        stats.hits++;
        return found.value as never;
      }
      stats.misses++;
      const before = purges;
      const value = await load();
      if (value === undefined || value === null || purges !== before || options.maxBytes <= 0) return value;
      drop(name);
      // Everything here may show a section's name, which `site` purges stand for.
      const keys = [...new Set([sk.site, ...keysOf(value)])];
      const entry: Entry = { value, keys, size: sizeOf(value) + ENTRY_OVERHEAD };
      entries.set(name, entry);
      stats.bytes += entry.size;
      for (const key of entry.keys) {
        let names = byKey.get(key);
        if (!names) byKey.set(key, (names = new Set()));
        names.add(name);
      }
      while (stats.bytes > options.maxBytes && entries.size > 0) drop(entries.keys().next().value!);
      stats.entries = entries.size;
      return value;
    },
    purge: (request) => purgeKeys(request.keys),
    listenTo(events) {
      const article = ({ articleId }: { articleId: number }) =>
        purgeKeys([sk.article(articleId), sk.relatedList(articleId)]);
      events.on('article.published', article);
      events.on('article.updated', article);
      events.on('article.unpublished', article);
      events.on('article.deleted', article);
      const comments = ({ articleId }: { articleId: number }) => purgeKeys([sk.comments(articleId)]);
      events.on('comment.approved', comments);
      events.on('comment.changed', comments);
      events.on('section.changed', () => purgeKeys([sk.site]));
      events.on('author.changed', ({ authorId }) => purgeKeys([sk.author(authorId)]));
      events.on('tag.changed', ({ tagId }) => purgeKeys([sk.tag(tagId)]));
      events.on('related.changed', ({ articleIds }) => purgeKeys(articleIds.map((id) => sk.relatedList(id))));
    },
  };
}
