import crypto from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

export type Encoding = 'br' | 'gzip' | 'identity';

/** A response as it left the application: what the cache decides on and stores. */
export interface CapturedResponse {
  status: number;
  headers: Readonly<Record<string, string | string[] | number | undefined>>;
  body: Buffer;
}

/**
 * One stored page: its bodies already compressed, and for each encoding the complete header list
 * that `res.writeHead` takes as is, so a hit costs a Map lookup and one write.
 */
export interface PageEntry {
  readonly key: string;
  readonly surrogateKeys: readonly string[];
  /** Weak: the same validator names every encoding of the same page. */
  readonly etag: string;
  readonly bodies: Readonly<Record<Encoding, Buffer>>;
  readonly headers: Readonly<Record<Encoding, string[]>>;
  readonly staleHeaders: Readonly<Record<Encoding, string[]>>;
  readonly notModifiedHeaders: string[];
  readonly size: number;
  readonly storedAt: number;
  /** Fresh until then, unless a purge marks it stale first. */
  freshUntil: number;
  /** May be served stale (while one request regenerates it, or the database is down) until then. */
  staleUntil: number;
  touchedAt: number;
}

/** Headers that belong to one exchange or that the cache sets itself; never replayed from storage. */
const NOT_REPLAYED = new Set([
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-encoding',
  'etag',
  'vary',
  'set-cookie',
  'x-cache',
  'age',
]);

/**
 * Why a response may not go into the shared cache, or undefined when it may. Only a complete 200 that
 * names what it shows (`Surrogate-Key`), says `public`, sets no cookie and varies by nothing but
 * encoding is stored: anything personal or uncertain stays out.
 */
export function whyNotStorable(response: CapturedResponse): string | undefined {
  const header = (name: string) => {
    const value = response.headers[name];
    return Array.isArray(value) ? value.join(', ') : value === undefined ? undefined : String(value);
  };
  if (response.status !== 200) return `status ${response.status}`;
  if (!header('surrogate-key')) return 'no Surrogate-Key';
  const cacheControl = (header('cache-control') ?? '').toLowerCase();
  if (!/\bpublic\b/.test(cacheControl)) return 'not public';
  if (/\b(private|no-store|no-cache)\b/.test(cacheControl)) return 'private or no-store';
  if (header('set-cookie') !== undefined) return 'sets a cookie';
  if (header('content-encoding') !== undefined) return 'already encoded';
  const vary = (header('vary') ?? '').toLowerCase();
  if (vary && vary.split(',').some((v) => v.trim() && v.trim() !== 'accept-encoding')) return 'varies';
  if (response.body.length === 0) return 'empty';
  return undefined;
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

export interface EntryTiming {
  now: number;
  ttlMs: number;
  graceMs: number;
  /** Store it already stale: a purge touched it while it was being made. */
  stale?: boolean;
}

/** Compresses a storable response (brotli and gzip, in libuv's thread pool) and precomputes its headers. */
export async function buildEntry(
  key: string,
  response: CapturedResponse,
  timing: EntryTiming,
): Promise<PageEntry> {
  const identity = response.body;
  const [br, gz] = await Promise.all([
    brotli(identity, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 10,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
      },
    }),
    gzip(identity, { level: 9 }),
  ]);
  const etag = `W/"${crypto.createHash('sha1').update(identity).digest('base64url')}"`;
  const replayed: string[] = [];
  for (const [name, value] of Object.entries(response.headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || NOT_REPLAYED.has(lower)) continue;
    for (const v of Array.isArray(value) ? value : [value]) replayed.push(lower, String(v));
  }
  const bodies = { identity, gzip: gz, br };
  const withState = (state: string) => {
    const list = (encoding: Encoding) => [
      ...replayed,
      'vary',
      'Accept-Encoding',
      'etag',
      etag,
      'x-cache',
      state,
      ...(encoding === 'identity' ? [] : ['content-encoding', encoding]),
      'content-length',
      String(bodies[encoding].length),
    ];
    return { identity: list('identity'), gzip: list('gzip'), br: list('br') };
  };
  const cacheControl = String(response.headers['cache-control']);
  const size = identity.length + gz.length + br.length + key.length * 2 + replayed.join('').length * 6 + 512;
  const freshUntil = timing.stale ? 0 : timing.now + timing.ttlMs;
  return {
    key,
    surrogateKeys: String(response.headers['surrogate-key']).split(/\s+/).filter(Boolean),
    etag,
    bodies,
    headers: withState('HIT'),
    staleHeaders: withState('STALE'),
    notModifiedHeaders: ['cache-control', cacheControl, 'vary', 'Accept-Encoding', 'etag', etag],
    size,
    storedAt: timing.now,
    freshUntil,
    staleUntil: Math.max(freshUntil, timing.now) + timing.graceMs,
    touchedAt: timing.now,
  };
}

const encodingMemo = new Map<string, Encoding>();

/**
 * The best encoding a client accepts (brotli, then gzip, else none), honouring `;q=0`. Browsers send a
 * handful of distinct headers, so answers are remembered.
 */
export function pickEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  const known = encodingMemo.get(acceptEncoding);
  if (known) return known;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  const choice: Encoding = ok('br') ? 'br' : ok('gzip') ? 'gzip' : 'identity';
  if (encodingMemo.size < 256 && acceptEncoding.length < 200) encodingMemo.set(acceptEncoding, choice);
  return choice;
}

/** Whether an `If-None-Match` header names this entry (weak comparison, as RFC 9110 asks for GET). */
export function matchesEtag(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = etag.slice(2);
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === opaque);
}
