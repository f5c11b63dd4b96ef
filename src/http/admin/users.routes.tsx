import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ROLES } from '../../auth/roles.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { isAppError, NotFoundError } from '../../shared/errors.ts';
import type { Notice } from '../../views/admin/models.ts';
import { type InviteFormModel, UsersPage } from '../../views/admin/users.page.tsx';
import type { HttpDeps } from '../context.ts';
import { adminContext, sendAdminPage } from './admin-page.ts';
import { field, idFrom } from './form-input.ts';
import { sayError, sayFieldErrors } from './say-error.ts';
import { requireCapability } from './session.ts';

/**
 * The Users page (`/admin/users`, `users.manage`: admins only): everyone with an account, inviting a
 * colleague (the one-time invitation link is shown once, to be sent by the admin), changing a role,
 * deactivating (every session ends at once) and reactivating. The rules against locking the newsroom
 * out live in `auth/user-admin.ts`.
 */
export async function userRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }) {
  const guard = requireCapability('users.manage');
  const { t } = deps.translators.get(deps.config.defaultLanguage)!;
  const roles = ROLES.map((role) => ({ value: role, label: t(`admin.role.${role}` as MessageKey) }));

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    parts: { form?: InviteFormModel; notice?: Notice | null; invitation?: { name: string; url: string } },
    status = 200,
  ) {
    const { context, chrome } = await adminContext(request, reply, deps, 'users');
    const users = await deps.auth.listUsers();
    return sendAdminPage(
      reply,
      context,
      <UsersPage
        model={{
          chrome,
          notice: parts.notice ?? null,
          invitation: parts.invitation ?? null,
          roles,
          rows: users.map((u) => ({
            id: u.id,
            name: u.name,
            email: u.email,
            role: u.role,
            status: u.status,
            statusLabel: t(`users.status.${u.status}` as MessageKey),
            lastLoginAt: u.lastLoginAt,
            self: u.id === request.user?.id,
          })),
          form: parts.form ?? { name: '', email: '', role: 'author', errors: {} },
        }}
      />,
      status,
    );
  }

  /** Runs an account change and shows the page with what happened, or why it did not. */
  async function act(
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    change: (id: number) => Promise<{ name: string }>,
    done: MessageKey,
  ) {
    try {
      const id = idFrom(request.params.id);
      if (id === null) throw new NotFoundError('There is no such account.').say('users.error.gone');
      const user = await change(id);
      return page(request, reply, { notice: { kind: 'success', text: t(done, { name: user.name }) } });
    } catch (error) {
      if (!isAppError(error)) throw error;
      return page(request, reply, { notice: { kind: 'error', text: sayError(deps, error) } }, error.status);
    }
  }

  app.get('/users', { preHandler: guard }, async (request, reply) => page(request, reply, {}));

  app.post('/users/invite', { preHandler: [guard, app.csrfProtection] }, async (request, reply) => {
    const form = {
      name: field(request.body, 'name', 300),
      email: field(request.body, 'email', 300),
      role: field(request.body, 'role', 20),
      errors: {},
    };
    try {
      const { user, token } = await deps.auth.inviteUser(form);
      return page(request, reply, {
        notice: { kind: 'success', text: t('users.invited', { name: user.name }) },
        invitation: { name: user.name, url: `${deps.config.siteUrl}/admin/invite/${token}` },
      });
    } catch (error) {
      if (!isAppError(error)) throw error;
      return page(
        request,
        reply,
        {
          form: { ...form, errors: sayFieldErrors(deps, error) },
          notice: { kind: 'error', text: sayError(deps, error) },
        },
        error.status,
      );
    }
  });

  app.post<{ Params: { id: string } }>(
    '/users/:id/role',
    { preHandler: [guard, app.csrfProtection] },
    async (request, reply) =>
      act(
        request,
        reply,
        (id) => deps.users.changeRole(request.user!, id, field(request.body, 'role', 20)),
        'users.roleChanged',
      ),
  );

  app.post<{ Params: { id: string } }>(
    '/users/:id/deactivate',
    { preHandler: [guard, app.csrfProtection] },
    async (request, reply) =>
      act(request, reply, (id) => deps.users.deactivate(request.user!, id), 'users.deactivated'),
  );

  app.post<{ Params: { id: string } }>(
    '/users/:id/reactivate',
    { preHandler: [guard, app.csrfProtection] },
    async (request, reply) => act(request, reply, (id) => deps.users.reactivate(id), 'users.reactivated'),
  );
}
