import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '../../auth/auth.service.ts';
import { can, type Capability } from '../../auth/roles.ts';
import type { Config } from '../../config.ts';
import { ForbiddenError, UnauthorizedError } from '../../shared/errors.ts';
import type { HttpDeps } from '../context.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, when the request carries a valid session cookie. */
    user: User | undefined;
  }
}

/**
 * The session cookie's name: `__Host-` behind https (the browser then insists on Secure, Path=/ and
 * no Domain), a plain name on http://localhost where Secure cookies would not be sent.
 */
export function sessionCookieName(config: Config): string {
  return config.siteUrl.startsWith('https://') ? '__Host-nd_session' : 'nd_session';
}

export function sessionCookieOptions(config: Config, expiresAt?: string) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.siteUrl.startsWith('https://'),
    ...(expiresAt ? { expires: new Date(expiresAt) } : {}),
  };
}

/** Reads the session cookie on every request that carries one and puts its user on `request.user`. */
export function registerSessions(app: FastifyInstance, deps: HttpDeps): void {
  const name = sessionCookieName(deps.config);
  app.decorateRequest('user', undefined);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[name];
    if (token) request.user = await deps.auth.resolveSession(token);
  });
}

function wantsPage(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '*/*';
  return (
    request.method === 'GET' &&
    !request.url.startsWith('/api/') &&
    (accept.includes('text/html') || accept.includes('*/*'))
  );
}

/** preHandler: a signed-in user is required; pages send the visitor to sign in and come back after. */
export async function requireUser(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.user) return;
  if (wantsPage(request)) {
    await reply.redirect(`/admin/login?next=${encodeURIComponent(request.url)}`, 303);
    return;
  }
  throw new UnauthorizedError('Please sign in to continue.');
}

/** preHandler factory: the signed-in user's role must grant `capability`. */
export function requireCapability(capability: Capability) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    await requireUser(request, reply);
    if (reply.sent) return;
    if (!can(request.user!.role, capability))
      throw new ForbiddenError('Your account is not allowed to do this.');
  };
}
