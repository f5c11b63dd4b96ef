import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { commentParagraphs } from '../../comments/comment-text.ts';
import {
  isCommentStatus,
  MODERATION_ACTIONS,
  type ModerationAction,
  type QueueFilter,
} from '../../comments/moderation.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { isAppError } from '../../shared/errors.ts';
import { CommentsQueuePage, type QueueModel } from '../../views/admin/comments.page.tsx';
import type { Notice } from '../../views/admin/models.ts';
import type { HttpDeps } from '../context.ts';
import { adminContext, sendAdminPage } from './admin-page.ts';
import { requireCapability } from './session.ts';

type Query = Record<string, unknown>;

/** The queue's filters from a query string (or the hidden copy a form sends back). */
export function queueFilterOf(query: Query): QueueFilter {
  const articleId = Number(query.story);
  const page = Number(query.page);
  const email = typeof query.email === 'string' ? query.email.trim().toLowerCase().slice(0, 254) : '';
  return {
    status: query.status === 'all' ? 'all' : isCommentStatus(query.status) ? query.status : 'pending',
    articleId: Number.isInteger(articleId) && articleId > 0 ? articleId : undefined,
    email: email || undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

export function queueHref(filter: Partial<QueueFilter>, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (filter.status && filter.status !== 'pending') params.set('status', filter.status);
  if (filter.articleId) params.set('story', String(filter.articleId));
  if (filter.email) params.set('email', filter.email);
  if (filter.page && filter.page > 1) params.set('page', String(filter.page));
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const query = params.toString();
  return `/admin/comments${query ? `?${query}` : ''}`;
}

/**
 * Moderation: one queue across every story, filtered by status, story and commenter; approve, spam,
 * trash and restore in bulk; reply as the publication; a commenter's history; each story's switch.
 */
export async function commentAdminRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }) {
  const guard = requireCapability('comments.moderate');

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    filter: QueueFilter,
    notice: Notice | null,
    status = 200,
  ) {
    const { context, chrome, presenter } = await adminContext(request, reply, deps, 'comments');
    const { t } = presenter.i18n;
    const queue = await deps.comments.queue(filter);
    const story = filter.articleId ? await deps.articles.getById(filter.articleId) : undefined;
    const model: QueueModel = {
      chrome,
      notice,
      filter: {
        status: filter.status,
        email: filter.email ?? '',
        story: story
          ? {
              id: story.id,
              title: story.title,
              closed: story.commentsClosed === true,
              open: deps.comments.isOpen(story),
              href: deps.urls.article(story.language, story.section?.slug, story.slug),
              clearHref: queueHref({ ...filter, articleId: undefined, page: 1 }),
            }
          : null,
      },
      history: filter.email
        ? { email: filter.email, counts: await deps.comments.history(filter.email) }
        : null,
      returnTo: queueHref(filter),
      total: queue.total,
      pagination: {
        page: queue.page,
        pages: queue.pages,
        prevHref: queue.page > 1 ? queueHref({ ...filter, page: queue.page - 1 }) : null,
        nextHref: queue.page < queue.pages ? queueHref({ ...filter, page: queue.page + 1 }) : null,
      },
      rows: queue.rows.map((row) => ({
        id: row.id,
        status: row.status,
        statusLabel: t(`comments.admin.status.${row.status}` as MessageKey),
        heldReason: row.held_reason
          ? t('comments.admin.held', { reason: t(`comments.admin.reason.${row.held_reason}` as MessageKey) })
          : null,
        authorName: row.author_name,
        authorEmail: row.author_email,
        authorUrl: row.author_url,
        authorIp: row.author_ip,
        byPublication: row.user_id !== null,
        historyHref: queueHref({ status: 'all', email: row.author_email }),
        paragraphs: commentParagraphs(row.body),
        createdAt: row.created_at,
        story: {
          title: row.article_title,
          filterHref: queueHref({ ...filter, articleId: row.article_id, page: 1 }),
          href: `${deps.urls.article(row.article_language, row.section_slug, row.article_slug)}#comment-${row.id}`,
        },
      })),
    };
    return sendAdminPage(reply, context, <CommentsQueuePage model={model} />, status);
  }

  app.get<{ Querystring: Query }>('/comments', { preHandler: guard }, async (request, reply) => {
    const q = request.query;
    const t = deps.translators.get(deps.config.defaultLanguage)!.t;
    const changed = Number(q.changed);
    const notice: Notice | null = Number.isInteger(changed)
      ? { kind: 'success', text: t('comments.admin.done', { count: changed }) }
      : q.replied === '1'
        ? { kind: 'success', text: t('comments.admin.replied') }
        : q.closed === '1'
          ? { kind: 'success', text: t('comments.admin.closedDone') }
          : q.closed === '0'
            ? { kind: 'success', text: t('comments.admin.openedDone') }
            : null;
    return page(request, reply, queueFilterOf(q), notice);
  });

  app.post<{ Body: Query }>(
    '/comments/bulk',
    { preHandler: [guard, app.csrfProtection] },
    async (request, reply) => {
      const body = request.body ?? {};
      const filter = queueFilterOf(body);
      const t = deps.translators.get(deps.config.defaultLanguage)!.t;
      const ids = [body.ids ?? []]
        .flat()
        .map(Number)
        .filter((id) => Number.isInteger(id) && id > 0);
      const action = MODERATION_ACTIONS.find((a) => a === body.action) as ModerationAction | undefined;
      if (!action)
        return page(request, reply, filter, { kind: 'error', text: t('comments.admin.badAction') }, 422);
      if (ids.length === 0)
        return page(request, reply, filter, { kind: 'error', text: t('comments.admin.noneSelected') }, 422);
      const changed = await deps.comments.moderate(ids, action);
      return reply.redirect(queueHref(filter, { changed: String(changed) }), 303);
    },
  );

  app.post<{ Params: { id: string }; Body: Query }>(
    '/comments/:id/reply',
    { preHandler: [guard, app.csrfProtection] },
    async (request, reply) => {
      const body = request.body ?? {};
      const filter = queueFilterOf(body);
      const user = request.user!;
      try {
        await deps.comments.reply(
          Number(request.params.id),
          typeof body.body === 'string' ? body.body : '',
          { id: user.id, email: user.email },
          deps.config.siteName,
        );
      } catch (error) {
        if (!isAppError(error)) throw error;
        const { presenter } = await adminContext(request, reply, deps, 'comments');
        const reasons = presenter.fieldMessages({ ...error, fields: {} });
        return page(
          request,
          reply,
          filter,
          { kind: 'error', text: reasons.body ?? presenter.errorMessage(error) },
          error.status,
        );
      }
      return reply.redirect(queueHref(filter, { replied: '1' }), 303);
    },
  );

  app.post<{ Params: { id: string }; Body: Query }>(
    '/comments/stories/:id/closed',
    { preHandler: [guard, app.csrfProtection] },
    async (request, reply) => {
      const body = request.body ?? {};
      const closed = body.closed === '1';
      await deps.comments.setClosed(Number(request.params.id), closed);
      return reply.redirect(queueHref(queueFilterOf(body), { closed: closed ? '1' : '0' }), 303);
    },
  );
}
