import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { can } from '../../auth/roles.ts';
import type { AdminChromeModel } from '../../views/admin/models.ts';
import type { PageContextValue } from '../../views/page-context.ts';
import { renderPage } from '../../views/render.tsx';
import type { HttpDeps } from '../context.ts';
import { Presenter } from '../public/presenters.ts';
import { ADMIN_NAV } from './nav.ts';

/**
 * Everything an admin page needs around its content: the translator, the chrome (navigation filtered
 * by role, with badges) and a fresh CSRF token for its forms.
 */
export async function adminContext(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: HttpDeps,
  currentKey: string,
): Promise<{ context: PageContextValue; chrome: AdminChromeModel; presenter: Presenter }> {
  const presenter = new Presenter(deps, deps.config.defaultLanguage);
  const { t } = presenter.i18n;
  const user = request.user;
  const nav = user
    ? await Promise.all(
        ADMIN_NAV.filter((item) => can(user.role, item.capability)).map(async (item) => ({
          key: item.key,
          label: t(item.label),
          href: item.href,
          current: item.key === currentKey,
          badge: item.badge ? await item.badge(deps) : undefined,
        })),
      )
    : [];
  const chrome: AdminChromeModel = {
    siteName: deps.config.siteName,
    siteHref: deps.urls.home(deps.config.defaultLanguage),
    user: user ? { name: user.name, email: user.email, role: user.role } : null,
    nav,
    csrfToken: reply.generateCsrf(),
    stylesheetHref: deps.assets.adminStylesheet,
    extraStylesheets: [deps.assets.editorStylesheet],
    scriptHref: deps.assets.adminScript,
    iconHref: deps.assets.icon,
  };
  return { context: presenter.context({ sections: [] }), chrome, presenter };
}

/** Sends an admin page: never cached by anyone, never indexed. */
export function sendAdminPage(
  reply: FastifyReply,
  context: PageContextValue,
  page: ComponentChildren,
  status = 200,
): FastifyReply {
  return reply
    .status(status)
    .header('Cache-Control', 'private, no-store')
    .header('X-Robots-Tag', 'noindex, nofollow')
    .type('text/html; charset=utf-8')
    .send(renderPage(context, page));
}

/** Only local admin paths may be a redirect target after sign-in (no open redirect). */
export function safeNext(value: unknown): string {
  return typeof value === 'string' &&
    /^\/admin(\/[^\s\\]*)?(\?[^\s\\]*)?$/.test(value) &&
    !value.startsWith('//')
    ? value
    : '/admin';
}
