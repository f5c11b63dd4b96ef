import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError, TooManyRequestsError } from '../../shared/errors.ts';
import { LoginPage } from '../../views/admin/login.page.tsx';
import { InvitationPage } from '../../views/admin/invitation.page.tsx';
import type { Notice } from '../../views/admin/models.ts';
import type { HttpDeps } from '../context.ts';
import { SIGN_IN_RATE } from '../rate-limit.ts';
import { adminContext, safeNext, sendAdminPage } from './admin-page.ts';
import { sessionCookieName, sessionCookieOptions } from './session.ts';

interface LoginBody {
  email?: unknown;
  password?: unknown;
  next?: unknown;
}

/** Sign-in, sign-out and accepting an invitation: plain HTML forms, CSRF-protected, no JavaScript needed. */
export async function authRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }) {
  const cookieName = sessionCookieName(deps.config);

  async function showLogin(
    request: FastifyRequest,
    reply: FastifyReply,
    fields: { email: string; next: string; notice: Notice | null },
    status = 200,
  ) {
    const { context, chrome } = await adminContext(request, reply, deps, 'login');
    return sendAdminPage(reply, context, <LoginPage model={{ chrome, ...fields }} />, status);
  }

  app.get<{ Querystring: { next?: string; signed_out?: string } }>('/login', async (request, reply) => {
    if (request.user) return reply.redirect(safeNext(request.query.next), 303);
    const { t } = deps.translators.get(deps.config.defaultLanguage)!;
    const notice: Notice | null = request.query.signed_out
      ? { kind: 'info', text: t('admin.login.signedOut') }
      : null;
    return showLogin(request, reply, { email: '', next: safeNext(request.query.next), notice });
  });

  app.post<{ Body: LoginBody }>(
    '/login',
    { preHandler: app.csrfProtection, config: { rateLimit: SIGN_IN_RATE } },
    async (request, reply) => {
      const body = request.body ?? {};
      const email = typeof body.email === 'string' ? body.email.slice(0, 254) : '';
      const next = safeNext(body.next);
      try {
        const grant = await deps.auth.signIn({
          email,
          password: typeof body.password === 'string' ? body.password : '',
          address: request.ip,
        });
        // A session this browser had before (perhaps planted by someone else) ends here: the new one replaces it.
        await deps.auth.signOut(request.cookies[cookieName]);
        reply.setCookie(cookieName, grant.token, sessionCookieOptions(deps.config, grant.expiresAt));
        return reply.redirect(next, 303);
      } catch (error) {
        if (!isAppError(error)) throw error;
        if (error instanceof TooManyRequestsError)
          reply.header('Retry-After', String(error.retryAfterSeconds));
        return showLogin(
          request,
          reply,
          { email, next, notice: { kind: 'error', text: error.message } },
          error.status,
        );
      }
    },
  );

  app.post('/logout', { preHandler: app.csrfProtection }, async (request, reply) => {
    await deps.auth.signOut(request.cookies[cookieName]);
    reply.clearCookie(cookieName, sessionCookieOptions(deps.config));
    return reply.redirect('/admin/login?signed_out=1', 303);
  });

  app.get<{ Params: { token: string } }>('/invite/:token', async (request, reply) => {
    const user = await deps.auth.findInvitation(request.params.token);
    const { context, chrome } = await adminContext(request, reply, deps, 'invite');
    const { t } = deps.translators.get(deps.config.defaultLanguage)!;
    return sendAdminPage(
      reply,
      context,
      <InvitationPage
        model={{
          chrome,
          user: user ?? null,
          token: request.params.token,
          notice: user ? null : { kind: 'error', text: t('admin.invite.invalid') },
        }}
      />,
      user ? 200 : 404,
    );
  });

  app.post<{ Params: { token: string }; Body: { password?: unknown; confirm?: unknown } }>(
    '/invite/:token',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const { t } = deps.translators.get(deps.config.defaultLanguage)!;
      const password = typeof request.body?.password === 'string' ? request.body.password : '';
      const confirm = typeof request.body?.confirm === 'string' ? request.body.confirm : '';
      const user = await deps.auth.findInvitation(request.params.token);
      const fail = async (text: string, status: number) => {
        const { context, chrome } = await adminContext(request, reply, deps, 'invite');
        return sendAdminPage(
          reply,
          context,
          <InvitationPage
            model={{
              chrome,
              user: user ?? null,
              token: request.params.token,
              notice: { kind: 'error', text },
            }}
          />,
          status,
        );
      };
      if (password !== confirm) return fail(t('admin.invite.mismatch'), 422);
      try {
        const grant = await deps.auth.acceptInvitation(request.params.token, password);
        // A session this browser had before (perhaps planted by someone else) ends here: the new one replaces it.
        await deps.auth.signOut(request.cookies[cookieName]);
        reply.setCookie(cookieName, grant.token, sessionCookieOptions(deps.config, grant.expiresAt));
        return reply.redirect('/admin', 303);
      } catch (error) {
        if (!isAppError(error)) throw error;
        return fail(error.message, error.status);
      }
    },
  );
}
