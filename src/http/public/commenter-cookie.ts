import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpDeps } from '../context.ts';

/**
 * `nd_commenter`: a random token in the browser of someone who commented, so they (and only they) see
 * their comments awaiting moderation. The database keeps only its hash. It is one of the personal
 * cookies (http/cache-headers.ts): while a browser carries it, no shared cache serves or keeps its
 * pages, so the commenter never sees a copy cached before their comment.
 */
export const COMMENTER_COOKIE = 'nd_commenter';
const MAX_AGE_SECONDS = 30 * 86_400;
/** After this long with nothing pending, the cookie goes, and the reader gets cached pages again. */
const FRESH_MS = 10 * 60_000;

export function setCommenterCookie(reply: FastifyReply, deps: HttpDeps, token: string): void {
  reply.setCookie(COMMENTER_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.siteUrl.startsWith('https://'),
    maxAge: MAX_AGE_SECONDS,
  });
}

/**
 * The commenter token this browser carries, if it still needs one. A browser with nothing awaiting
 * moderation and no comment in the last minutes loses the cookie (and bypasses the cache no more).
 */
export async function commenterCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: HttpDeps,
): Promise<string | undefined> {
  const token = request.cookies[COMMENTER_COOKIE];
  if (!token) return undefined;
  const state = await deps.comments.commenterState(token);
  const recent =
    state.lastPostAt !== null && deps.clock.now().getTime() - Date.parse(state.lastPostAt) < FRESH_MS;
  if (state.pending > 0 || recent) return token;
  reply.clearCookie(COMMENTER_COOKIE, { path: '/' });
  return undefined;
}

/**
 * Whether a submission comes from a page of this site: the browser's `Origin` (every current browser
 * sends it with a POST), else its `Referer`. A page the cache shares cannot carry a CSRF token, so this
 * is the comment form's protection against being posted from another site.
 */
export function fromThisSite(request: FastifyRequest, siteUrl: string): boolean {
  const expected = new URL(siteUrl).origin;
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') return origin === expected;
  const referer = request.headers.referer;
  if (typeof referer !== 'string') return false;
  try {
    return new URL(referer).origin === expected;
  } catch {
    return false;
  }
}
