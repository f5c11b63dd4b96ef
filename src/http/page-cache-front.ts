import http from 'node:http';
import type { FastifyInstance, FastifyServerFactory } from 'fastify';
import type { PageCache } from '../cache/page-cache.ts';
import { type CapturedResponse, matchesEtag, type PageEntry, pickEncoding } from '../cache/page-entry.ts';
import type { Logger } from '../shared/logger.ts';
import { isPersonalRequest } from './cache-headers.ts';

/** Paths the cache never looks at: the newsroom, and files that have their own caching. */
const NEVER_CACHED = ['/admin', '/assets/', '/media/', '/healthz'];
/** Query parameters that only say where a reader came from; the page is the same without them. */
const TRACKING_PARAM = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid)$/;
/** A URL whose response could not be stored is sent straight to Fastify for this long. */
const UNCACHEABLE_MS = 10_000;
/** After a failed regeneration (database down), keep serving the stale page this long before trying again. */
const RETRY_AFTER_ERROR_MS = 5_000;

export interface CacheFrontStats {
  hits: number;
  stale: number;
  misses: number;
  passes: number;
  regenerations: number;
}

export interface CacheFront {
  /** Fastify's `serverFactory`: a plain `http` server whose handler answers hits before Fastify. */
  readonly serverFactory: FastifyServerFactory;
  /** Connects the front to the built app (regenerations go through `app.inject`). */
  attach(app: FastifyInstance): void;
  readonly stats: CacheFrontStats;
}

/** The cache key of a URL: path and query, minus tracking parameters; undefined if not cacheable. */
export function cacheKeyOf(url: string): string | undefined {
  if (url.length > 2048) return undefined;
  for (const prefix of NEVER_CACHED) if (url.startsWith(prefix)) return undefined;
  const q = url.indexOf('?');
  if (q === -1) return url;
  const kept = url
    .slice(q + 1)
    .split('&')
    .filter((pair) => pair && !TRACKING_PARAM.test(pair.split('=', 1)[0]!));
  return kept.length ? `${url.slice(0, q)}?${kept.join('&')}` : url.slice(0, q);
}

/**
 * The full-page cache's front door, as close to the socket as it gets: a raw `http` request handler in
 * front of Fastify's. A hit is a Map lookup and one `writeHead`/`end` with headers computed when the
 * page was stored — no routing, hooks or rendering — so a cached page costs little more than the
 * runtime itself.
 *
 * - Fresh: served. Stale (purged or past its time to live, within the grace period): served, and one
 *   background render (`app.inject`) replaces it — a purge never sends a crowd to the database.
 * - Missing: the first request goes through Fastify and its response is captured on the way out;
 *   requests for the same page meanwhile wait for it instead of rendering it again.
 * - Never looked up or stored: anything but GET/HEAD, requests with a session or commenter cookie or
 *   an Authorization header, the admin, static files. What Fastify answers is stored only if
 *   `whyNotStorable` finds nothing personal or uncertain in it.
 */
export function createCacheFront(cache: PageCache, logger: Logger): CacheFront {
  const { store } = cache;
  const inflight = new Map<string, Promise<PageEntry | undefined>>();
  const passUntil = new Map<string, number>();
  const stats: CacheFrontStats = { hits: 0, stale: 0, misses: 0, passes: 0, regenerations: 0 };
  let app: FastifyInstance | undefined;

  function serve(entry: PageEntry, req: http.IncomingMessage, res: http.ServerResponse, stale: boolean) {
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch !== undefined && matchesEtag(ifNoneMatch, entry.etag)) {
      res.writeHead(304, entry.notModifiedHeaders);
      res.end();
      return;
    }
    const encoding = pickEncoding(req.headers['accept-encoding']);
    res.writeHead(200, (stale ? entry.staleHeaders : entry.headers)[encoding]);
    res.end(entry.bodies[encoding]);
  }

  function remember(key: string, entry: PageEntry | undefined) {
    if (entry) passUntil.delete(key);
    else {
      if (passUntil.size > 10_000) passUntil.clear();
      passUntil.set(key, store.now() + UNCACHEABLE_MS);
    }
  }

  /** Renders a stale page again in the background; readers meanwhile get the stale copy. */
  function regenerate(key: string, url: string) {
    if (inflight.has(key) || !app) return;
    const epoch = store.epoch;
    stats.regenerations++;
    const job = app
      .inject({
        method: 'GET',
        url,
        headers: { accept: 'text/html,*/*;q=0.8', 'user-agent': 'Newsdesk page cache' },
      })
      .then(async (response) => {
        const captured = {
          status: response.statusCode,
          headers: response.headers,
          body: response.rawPayload,
        };
        const entry = await cache.fill(key, captured, epoch);
        if (!entry) {
          const current = store.get(key);
          // A server error: keep serving the stale page (stale-if-error) and try again later.
          if (response.statusCode >= 500 && current) current.freshUntil = store.now() + RETRY_AFTER_ERROR_MS;
          else store.delete(key); // gone, moved or now personal: readers must get Fastify's answer
        }
        return entry;
      })
      .catch((error: unknown) => {
        logger.error({ err: error, url }, 'page cache: regeneration failed');
        const current = store.get(key);
        if (current) current.freshUntil = store.now() + RETRY_AFTER_ERROR_MS;
        return undefined;
      })
      .finally(() => inflight.delete(key));
    inflight.set(key, job);
  }

  /** Sends a missing page through Fastify and stores what it answers, if it may be shared. */
  function lead(
    key: string,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    next: http.RequestListener,
  ) {
    const epoch = store.epoch;
    let settle!: (entry: PageEntry | undefined) => void;
    const job = new Promise<PageEntry | undefined>((resolve) => (settle = resolve));
    inflight.set(key, job);
    let settled = false;
    const finish = (entry: PageEntry | undefined) => {
      if (settled) return;
      settled = true;
      inflight.delete(key);
      remember(key, entry);
      settle(entry);
    };
    captureResponse(res, (captured) => {
      if (!captured) return finish(undefined);
      cache.fill(key, captured, epoch).then(finish, (error: unknown) => {
        logger.error({ err: error, key }, 'page cache: could not store a page');
        finish(undefined);
      });
    });
    res.once('close', () => {
      if (!res.writableFinished) finish(undefined);
    });
    next(req, res);
  }

  function handle(req: http.IncomingMessage, res: http.ServerResponse, next: http.RequestListener) {
    const method = req.method;
    const key = method === 'GET' || method === 'HEAD' ? cacheKeyOf(req.url ?? '/') : undefined;
    if (key === undefined || isPersonalRequest(req.headers)) {
      stats.passes++;
      return next(req, res);
    }
    const entry = store.get(key);
    if (entry) {
      const now = store.now();
      if (entry.freshUntil > now) {
        stats.hits++;
        return serve(entry, req, res, false);
      }
      if (entry.staleUntil > now) {
        stats.stale++;
        regenerate(key, req.url!);
        return serve(entry, req, res, true);
      }
      store.delete(key);
    }
    stats.misses++;
    const pending = inflight.get(key);
    if (pending) {
      void pending.then((fresh) => {
        // Only a fresh page: one rendered before a purge (above all a hard one) is not for this reader.
        if (fresh && fresh.freshUntil > store.now() && store.get(key) === fresh)
          serve(fresh, req, res, false);
        else next(req, res);
      });
      return;
    }
    const passing = passUntil.get(key);
    if (method === 'HEAD' || (passing !== undefined && passing > store.now())) return next(req, res);
    lead(key, req, res, next);
  }

  const serverFactory: FastifyServerFactory = (fastifyHandler) => {
    const server = http.createServer((req, res) => handle(req, res, fastifyHandler));
    // What Fastify sets on the servers it makes itself (a reverse proxy's keep-alive must be shorter).
    server.keepAliveTimeout = 72_000;
    return server;
  };

  return {
    serverFactory,
    stats,
    attach(instance) {
      app = instance;
    },
  };
}

/**
 * Watches what Fastify writes to `res` (status, headers, body) and hands it over once the response is
 * complete, or undefined if it was streamed in pieces or never finished.
 */
function captureResponse(res: http.ServerResponse, done: (captured: CapturedResponse | undefined) => void) {
  let status = 200;
  let headers: Record<string, string | string[] | number | undefined> = {};
  let pieces = 0;
  const originalWriteHead = res.writeHead;
  const originalWrite = res.write;
  const originalEnd = res.end;
  res.writeHead = function (this: http.ServerResponse, code: number, ...rest: unknown[]) {
    status = code;
    const given = rest.find((arg) => typeof arg === 'object' && arg !== null && !Array.isArray(arg)) as
      Record<string, string | string[] | number | undefined> | undefined;
    headers = { ...this.getHeaders() };
    for (const [name, value] of Object.entries(given ?? {})) headers[name.toLowerCase()] = value;
    if (rest.some(Array.isArray)) pieces = Infinity; // raw header arrays: not worth understanding
    return originalWriteHead.apply(this, [code, ...rest] as Parameters<typeof originalWriteHead>);
  } as typeof res.writeHead;
  res.write = function (this: http.ServerResponse, ...args: unknown[]) {
    pieces = Infinity; // streamed: too big or too unusual to keep
    return originalWrite.apply(this, args as Parameters<typeof originalWrite>);
  } as typeof res.write;
  res.end = function (this: http.ServerResponse, ...args: unknown[]) {
    const chunk = args[0];
    const result = originalEnd.apply(this, args as Parameters<typeof originalEnd>);
    res.writeHead = originalWriteHead;
    res.write = originalWrite;
    res.end = originalEnd;
    if (pieces === Infinity || !res.headersSent) done(undefined);
    else if (typeof chunk === 'string') done({ status, headers, body: Buffer.from(chunk) });
    else if (Buffer.isBuffer(chunk)) done({ status, headers, body: chunk });
    else done(undefined);
    return result;
  } as typeof res.end;
}
