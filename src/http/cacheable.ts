import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface CacheableBody {
  body: string;
  contentType: string;
  /** `Cache-Control` for shared caches and clients, e.g. `public, max-age=300`. */
  cacheControl: string;
  /** What the response shows (`home`, `section:3`, `article:12`), so a cache in front can purge it. */
  surrogateKeys?: readonly string[];
  /** Extra `Vary` header values (e.g. `Origin` under CORS). */
  vary?: string;
}

/** A strong validator of the exact bytes sent. */
export function etagOf(body: string): string {
  return `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/**
 * When each distinct body of each URL was first produced, so `Last-Modified` moves forward whenever
 * the bytes change — also when a story drops out of a feed, which no item's own date would show. A
 * restart forgets it, which only costs a client one full response; bounded so it cannot grow forever.
 */
const FIRST_SEEN_LIMIT = 5_000;
const firstSeen = new Map<string, { etag: string; at: number }>();

function lastModifiedFor(url: string, etag: string, now: number): number {
  const known = firstSeen.get(url);
  if (known?.etag === etag) return known.at;
  if (firstSeen.size >= FIRST_SEEN_LIMIT) firstSeen.delete(firstSeen.keys().next().value!);
  // HTTP dates have whole seconds: a second change within the same second must still move forward,
  // or a client asking If-Modified-Since would be told nothing changed.
  const at = Math.max(Math.floor(now / 1000) * 1000, known ? known.at + 1000 : 0);
  firstSeen.delete(url);
  firstSeen.set(url, { etag, at });
  return at;
}

/** Whether any entity tag in an `If-None-Match` list matches ours (weak comparison, RFC 9110 §13.1.2). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => strip(tag) === strip(etag));
}

/**
 * Sends a body that clients and caches may keep, with `ETag` and `Last-Modified`, answering a
 * conditional GET with 304 when nothing changed. `If-None-Match` wins over `If-Modified-Since`.
 */
export function sendCacheable(
  request: FastifyRequest,
  reply: FastifyReply,
  content: CacheableBody,
  now = Date.now(),
): FastifyReply {
  const etag = etagOf(content.body);
  const url = request.url.split('?')[0] ?? request.url;
  const modified = lastModifiedFor(`${request.hostname}${url}`, etag, now);
  reply.header('ETag', etag);
  reply.header('Last-Modified', new Date(modified).toUTCString());
  reply.header('Cache-Control', content.cacheControl);
  if (content.vary) reply.header('Vary', content.vary);
  if (content.surrogateKeys?.length)
    reply.header('Surrogate-Key', [...new Set(content.surrogateKeys)].join(' '));

  const ifNoneMatch = request.headers['if-none-match'];
  const ifModifiedSince = request.headers['if-modified-since'];
  const notModified =
    ifNoneMatch !== undefined
      ? etagMatches(ifNoneMatch, etag)
      : ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= modified;
  if (notModified && (request.method === 'GET' || request.method === 'HEAD')) {
    return reply.status(304).send();
  }
  return reply.status(200).type(content.contentType).send(content.body);
}
