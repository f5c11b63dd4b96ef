import type { PageEntry } from './page-entry.ts';

export interface PurgeRequest {
  /** Surrogate keys, or 'all' for every page. */
  keys: readonly string[] | 'all';
  /**
   * Soft (the default): pages stay and are served stale while one request regenerates each — a purge
   * never sends a crowd to the database. Hard: pages are dropped (a story taken down must not be
   * shown again, not even once).
   */
  hard?: boolean;
}

export interface PageStoreOptions {
  maxBytes: number;
  graceMs: number;
  now?: () => number;
}

const PURGE_LOG_SIZE = 512;

/**
 * The pages in memory: least recently used ones leave first when the byte budget is spent, and an
 * index from surrogate key to pages makes a purge touch exactly the pages that carry its keys.
 *
 * It also remembers the last purges (an epoch counter and their keys), so a page that was being
 * rendered while a purge for it went by is stored already stale rather than fresh with old content.
 */
export class PageStore {
  private readonly entries = new Map<string, PageEntry>();
  private readonly byKey = new Map<string, Set<string>>();
  private readonly purgeLog: Array<{ epoch: number; keys: ReadonlySet<string> | 'all' }> = [];
  private bytes = 0;
  private currentEpoch = 0;
  readonly now: () => number;

  constructor(private readonly options: PageStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  get usedBytes(): number {
    return this.bytes;
  }

  /** Increases with every purge; a render notes it when it starts. */
  get epoch(): number {
    return this.currentEpoch;
  }

  /** The page under `key`; marks it recently used (at most once a second, to keep hits cheap). */
  get(key: string): PageEntry | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      const now = this.now();
      if (now - entry.touchedAt > 1000) {
        entry.touchedAt = now;
        this.entries.delete(key);
        this.entries.set(key, entry);
      }
    }
    return entry;
  }

  put(entry: PageEntry): void {
    if (entry.size > this.options.maxBytes / 4) return; // one giant page must not empty the cache
    this.delete(entry.key);
    this.entries.set(entry.key, entry);
    this.bytes += entry.size;
    for (const key of entry.surrogateKeys) {
      let set = this.byKey.get(key);
      if (!set) this.byKey.set(key, (set = new Set()));
      set.add(entry.key);
    }
    for (const oldest of this.entries.values()) {
      if (this.bytes <= this.options.maxBytes) break;
      this.delete(oldest.key);
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.size;
    for (const surrogate of entry.surrogateKeys) {
      const set = this.byKey.get(surrogate);
      set?.delete(key);
      if (set?.size === 0) this.byKey.delete(surrogate);
    }
  }

  /** Applies a purge; returns how many pages it touched. */
  purge(request: PurgeRequest): number {
    this.currentEpoch++;
    const keys = request.keys === 'all' ? 'all' : new Set(request.keys);
    this.purgeLog.push({ epoch: this.currentEpoch, keys });
    if (this.purgeLog.length > PURGE_LOG_SIZE) this.purgeLog.shift();

    const pages = new Set<string>();
    if (keys === 'all') for (const key of this.entries.keys()) pages.add(key);
    else for (const key of keys) for (const page of this.byKey.get(key) ?? []) pages.add(page);

    const now = this.now();
    for (const page of pages) {
      if (request.hard) {
        this.delete(page);
        continue;
      }
      const entry = this.entries.get(page);
      if (entry && entry.freshUntil > now) {
        entry.freshUntil = 0;
        entry.staleUntil = now + this.options.graceMs;
      }
    }
    return pages.size;
  }

  /** Whether a purge since `epoch` named any of `keys` (true too when the log no longer reaches back). */
  purgedSince(epoch: number, keys: readonly string[]): boolean {
    if (epoch === this.currentEpoch) return false;
    const oldest = this.purgeLog[0];
    if (!oldest || oldest.epoch > epoch + 1) return true;
    for (let i = this.purgeLog.length - 1; i >= 0 && this.purgeLog[i]!.epoch > epoch; i--) {
      const logged = this.purgeLog[i]!.keys;
      if (logged === 'all' || keys.some((k) => logged.has(k))) return true;
    }
    return false;
  }

  clear(): void {
    this.entries.clear();
    this.byKey.clear();
    this.bytes = 0;
  }
}
