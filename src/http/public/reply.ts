import type { FastifyReply } from 'fastify';
import type { ComponentChildren } from 'preact';
import { surrogateKeyHeader, surrogateKeys } from '../../cache/surrogate-keys.ts';
import { renderPage } from '../../views/render.tsx';
import type { PageContextValue } from '../../views/page-context.ts';

/**
 * What a shareable page says to caches: browsers and CDNs keep it a minute, may show it up to a
 * minute more while they fetch a new one, and a day while the site is down. Our own page cache keeps
 * it until a purge (see src/cache/).
 */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=60, stale-if-error=86400';

/**
 * Sends a rendered page. `surrogateKeys` name what the page shows (see cache/surrogate-keys.ts), so a
 * cache in front — ours or a CDN's — can purge exactly the pages a change touches; every page also
 * carries `site` (the navigation). A page with surrogate keys and public caching is stored by the page
 * cache; one that set `Cache-Control` itself (`private`, `no-store`) or a cookie is not.
 */
export function sendPage(
  reply: FastifyReply,
  context: PageContextValue,
  page: ComponentChildren,
  options: { status?: number; surrogateKeys?: readonly string[] } = {},
): FastifyReply {
  if (options.surrogateKeys?.length)
    reply.header('Surrogate-Key', surrogateKeyHeader([surrogateKeys.site, ...options.surrogateKeys]));
  if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', PUBLIC_CACHE_CONTROL);
  // Sent as bytes: encoded once here, rather than measured for Content-Length and then encoded again
  // by the socket (a rendered page is a long string of many pieces).
  return reply
    .status(options.status ?? 200)
    .type('text/html; charset=utf-8')
    .send(Buffer.from(renderPage(context, page)));
}
