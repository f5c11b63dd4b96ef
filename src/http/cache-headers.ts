import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';

/**
 * Cookies that mark a personal view of the site: the signed-in session (`nd_session`, or
 * `__Host-nd_session` behind https) and a commenter's pending-comment cookie (`nd_commenter`). A
 * request carrying one never reads from or writes to a shared cache — ours or a CDN's (see
 * docs/deploy.md for the matching nginx and Varnish rules). A feature that adds such a cookie adds
 * its name here.
 */
export const PERSONAL_COOKIES: readonly string[] = ['nd_session', '__Host-nd_session', 'nd_commenter'];

const PERSONAL_COOKIE = new RegExp(`(?:^|;)\\s*(?:${PERSONAL_COOKIES.join('|')})=`);

/** Whether a request must bypass shared caches: a personal cookie, or credentials of any kind. */
export function isPersonalRequest(headers: IncomingHttpHeaders): boolean {
  if (headers.authorization !== undefined) return true;
  const cookie = headers.cookie;
  return cookie !== undefined && PERSONAL_COOKIE.test(cookie);
}

/** How long a CDN or Varnish in front may keep a page when it is purged by key (`Surrogate-Control`). */
export const CDN_TTL_SECONDS = 86_400;

/**
 * Cache headers for whatever sits in front:
 * - answers to personal requests are `Cache-Control: private, no-store`, whatever the page said, so no
 *   cache in front keeps a signed-in editor's or a commenter's view for others;
 * - when a purge hook is configured, shareable pages also say `Surrogate-Control: max-age=86400`: the
 *   CDN (Fastly, Akamai, Varnish with the rule in docs/deploy.md) keeps them a day and drops them when
 *   purged, while browsers still revalidate after `Cache-Control`'s minute. Without a purge hook a CDN
 *   has only `Cache-Control` to go by, so a change reaches it within a minute.
 */
export function registerCacheHeaders(app: FastifyInstance, config: Config): void {
  const surrogateControl = config.purgeHook ? `max-age=${CDN_TTL_SECONDS}` : undefined;
  app.addHook('onSend', async (request, reply) => {
    if (!isPersonalRequest(request.headers)) {
      if (
        surrogateControl &&
        reply.hasHeader('surrogate-key') &&
        /\bpublic\b/.test(String(reply.getHeader('cache-control') ?? ''))
      )
        reply.header('Surrogate-Control', surrogateControl);
      return;
    }
    // Static files are the same for everyone, signed in or not.
    if (request.url.startsWith('/assets/') || request.url.startsWith('/media/')) return;
    reply.header('Cache-Control', 'private, no-store');
  });
}
