import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey } from '../../i18n/i18n.ts';
import { isAppError, NotFoundError } from '../../shared/errors.ts';
import type { Notice } from '../../views/admin/models.ts';
import {
  type DeliveryModel,
  WebhookLogPage,
  type WebhookFormModel,
  type WebhookRowModel,
  WebhooksPage,
} from '../../views/admin/webhooks.page.tsx';
import { type Delivery, type Webhook, WEBHOOK_EVENTS } from '../../webhooks/webhook.service.ts';
import type { HttpDeps } from '../context.ts';
import { adminContext, sendAdminPage } from './admin-page.ts';
import { requireCapability } from './session.ts';

interface WebhookBody {
  url?: unknown;
  description?: unknown;
  events?: unknown;
}

const FIELD_MESSAGES: Record<string, MessageKey> = {
  url: 'webhooks.error.url',
  description: 'webhooks.error.description',
  events: 'webhooks.error.events',
};

function idParam(request: FastifyRequest): number {
  const raw = (request.params as { id?: string }).id ?? '';
  if (!/^\d{1,9}$/.test(raw)) throw new NotFoundError('There is no webhook with this number.');
  return Number(raw);
}

/** /admin/webhooks: admins register receivers of the site's events and read what was delivered. */
export async function webhookRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }) {
  const guard = requireCapability('settings.manage');
  const emptyForm: WebhookFormModel = { url: '', description: '', events: [...WEBHOOK_EVENTS], errors: {} };

  function present(t: (key: MessageKey) => string) {
    const delivery = (d: Delivery): DeliveryModel => ({
      id: d.id,
      event: d.event,
      status: d.status,
      statusLabel: t(`webhooks.status.${d.status}` as MessageKey),
      attempts: d.attempts,
      responseStatus: d.responseStatus,
      lastError: d.lastError,
      createdAt: d.createdAt,
      deliveredAt: d.deliveredAt,
      nextAttemptAt: d.nextAttemptAt,
    });
    const webhook = (w: Webhook & { lastDelivery?: Delivery | null }): WebhookRowModel => ({
      id: w.id,
      url: w.url,
      description: w.description,
      events: w.events,
      active: w.active,
      createdAt: w.createdAt,
      lastDelivery: w.lastDelivery ? delivery(w.lastDelivery) : null,
    });
    return { delivery, webhook };
  }

  async function listPage(
    request: FastifyRequest,
    reply: FastifyReply,
    parts: { form?: WebhookFormModel; notice?: Notice; secret?: { url: string; value: string } },
    status = 200,
  ) {
    const { context, chrome, presenter } = await adminContext(request, reply, deps, 'webhooks');
    const { t } = presenter.i18n;
    const { webhook } = present(t);
    return sendAdminPage(
      reply,
      context,
      <WebhooksPage
        model={{
          chrome,
          notice: parts.notice ?? null,
          secret: parts.secret ?? null,
          webhooks: (await deps.webhooks.list()).map(webhook),
          eventOptions: WEBHOOK_EVENTS.map((name) => ({
            name,
            label: t(`webhooks.event.${name}` as MessageKey),
          })),
          form: parts.form ?? emptyForm,
        }}
      />,
      status,
    );
  }

  const notices: Record<string, MessageKey> = {
    deleted: 'webhooks.notice.deleted',
    paused: 'webhooks.notice.paused',
    resumed: 'webhooks.notice.resumed',
  };

  app.get('/webhooks', { preHandler: guard }, async (request, reply) => {
    const done = (request.query as { done?: string }).done;
    const key = done ? notices[done] : undefined;
    const t = deps.translators.get(deps.config.defaultLanguage)!.t;
    return listPage(request, reply, key ? { notice: { kind: 'success', text: t(key) } } : {});
  });

  app.post<{ Body: WebhookBody }>(
    '/webhooks',
    { preHandler: [guard, app.csrfProtection] },
    async (request, reply) => {
      const body = request.body ?? {};
      const text = (value: unknown) => (typeof value === 'string' ? value : '');
      const events = (Array.isArray(body.events) ? body.events : [body.events]).filter(
        (e): e is string => typeof e === 'string',
      );
      const form: WebhookFormModel = {
        url: text(body.url),
        description: text(body.description),
        events,
        errors: {},
      };
      const t = deps.translators.get(deps.config.defaultLanguage)!.t;
      try {
        const { webhook, secret } = await deps.webhooks.create(
          { url: form.url, description: form.description, events: events as never },
          request.user?.id ?? null,
        );
        return listPage(request, reply, {
          notice: { kind: 'success', text: t('webhooks.notice.created') },
          secret: { url: webhook.url, value: secret },
        });
      } catch (error) {
        if (!isAppError(error) || error.status !== 422) throw error;
        for (const field of Object.keys(error.fields))
          if (FIELD_MESSAGES[field])
            form.errors[field as keyof WebhookFormModel['errors']] = t(FIELD_MESSAGES[field]);
        return listPage(
          request,
          reply,
          { form, notice: { kind: 'error', text: t('webhooks.notice.invalid') } },
          422,
        );
      }
    },
  );

  app.get('/webhooks/:id', { preHandler: guard }, async (request, reply) => {
    const id = idParam(request);
    const webhook = await deps.webhooks.get(id);
    const { context, chrome, presenter } = await adminContext(request, reply, deps, 'webhooks');
    const { delivery, webhook: row } = present(presenter.i18n.t);
    const deliveries = (await deps.webhooks.deliveries(id)).map(delivery);
    return sendAdminPage(
      reply,
      context,
      <WebhookLogPage model={{ chrome, webhook: row(webhook), deliveries }} />,
    );
  });

  app.post<{ Body: { active?: unknown } }>(
    '/webhooks/:id/active',
    { preHandler: [guard, app.csrfProtection] },
    async (request, reply) => {
      const active = request.body?.active === '1';
      await deps.webhooks.setActive(idParam(request), active);
      return reply.redirect(`/admin/webhooks?done=${active ? 'resumed' : 'paused'}`, 303);
    },
  );

  app.post('/webhooks/:id/delete', { preHandler: [guard, app.csrfProtection] }, async (request, reply) => {
    await deps.webhooks.remove(idParam(request));
    return reply.redirect('/admin/webhooks?done=deleted', 303);
  });
}
