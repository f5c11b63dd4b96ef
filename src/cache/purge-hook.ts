import type { Config } from '../config.ts';

export interface PurgeHookCall {
  keys: readonly string[] | 'all';
  soft: boolean;
}

export type PurgeHook = (call: PurgeHookCall) => Promise<void>;

/** Varnish, nginx and most CDNs refuse header lines past 8 KiB; Fastly takes 256 keys a request. */
const MAX_KEYS_PER_CALL = 256;
const MAX_HEADER_CHARS = 6000;
const TIMEOUT_MS = 5000;

/**
 * Tells the CDN or Varnish in front to drop the pages carrying some surrogate keys:
 * `<PURGE_HOOK_METHOD> <PURGE_HOOK_URL>` with `Surrogate-Key: k1 k2 …`, `Fastly-Soft-Purge: 1` for a
 * soft purge, the optional `PURGE_HOOK_HEADER` (an API key), and the same keys as JSON
 * (`{"surrogate_keys": [...]}`, Fastly's batch format). "Everything" is sent as the key `site`, which
 * every page carries.
 *
 * Why this is not the SSRF-safe fetcher: that one guards URLs that someone else chose (an imported
 * story, a feed). This URL comes only from the environment, which only the operator sets — no
 * request, form or stored record can change it — and it normally names an internal address (Varnish
 * on 127.0.0.1, a private network), which the SSRF-safe fetcher would rightly refuse. What it can
 * still do is bounded: http(s) only, no credentials in the URL (checked at start-up), the method and
 * body are ours, redirects are not followed, the answer is not read beyond its status and is never
 * shown to anyone, and the call gives up after 5 s.
 */
export function createPurgeHook(hook: NonNullable<Config['purgeHook']>): PurgeHook {
  return async ({ keys, soft }) => {
    for (const batch of batches(keys === 'all' ? ['site'] : keys)) {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'surrogate-key': batch.join(' '),
        'user-agent': 'Newsdesk cache purge',
      };
      if (soft) headers['fastly-soft-purge'] = '1';
      if (hook.header) headers[hook.header[0].toLowerCase()] = hook.header[1];
      const response = await fetch(hook.url, {
        method: hook.method,
        headers,
        body: JSON.stringify({ surrogate_keys: batch }),
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await response.body?.cancel();
      if (response.status < 200 || response.status >= 300)
        throw new Error(`the purge hook answered ${response.status} ${response.statusText}`);
    }
  };
}

function batches(keys: readonly string[]): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const key of keys) {
    if (current.length >= MAX_KEYS_PER_CALL || chars + key.length + 1 > MAX_HEADER_CHARS) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(key);
    chars += key.length + 1;
  }
  if (current.length) out.push(current);
  return out;
}
