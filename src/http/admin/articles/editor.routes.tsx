import type { FastifyInstance } from 'fastify';
import type { User } from '../../../auth/auth.service.ts';
import { EDITOR_ACTIONS, type EditorAction } from '../../../editorial/access.ts';
import { formFromBody } from '../../../editorial/article-form.ts';
import type { MessageKey } from '../../../i18n/i18n.ts';
import { ConflictError, isAppError, NotFoundError } from '../../../shared/errors.ts';
import type { Notice } from '../../../views/admin/models.ts';
import type { HttpDeps } from '../../context.ts';
import { setAdminArticleHref } from '../dashboard.route.tsx';
import { requireCapability } from '../session.ts';
import { sendConflict } from './conflict.tsx';
import { fieldErrors, sendEditor } from './editor-model.tsx';

// Links to a story anywhere in the admin (dashboard, import results) open it in the editor.
setAdminArticleHref((article) => `/admin/articles/${article.id}/edit`);

type Body = Record<string, unknown>;

export function articleIdParam(value: string): number {
  const id = /^\d{1,9}$/.test(value) ? Number(value) : 0;
  if (id <= 0) throw new NotFoundError();
  return id;
}

/** The article editor: new, edit, save with a workflow action (never a silent overwrite). */
export async function editorRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }) {
  const canWrite = requireCapability('articles.edit.own');
  const i18n = deps.translators.get(deps.config.defaultLanguage)!;

  app.get('/articles/new', { preHandler: requireCapability('articles.create') }, async (request, reply) => {
    const form = deps.editorial.emptyForm(deps.config.defaultLanguage);
    return sendEditor(request, reply, deps, { article: null, form, version: null, actions: [] });
  });

  app.post<{ Body: Body }>(
    '/articles',
    { preHandler: [requireCapability('articles.create'), app.csrfProtection] },
    async (request, reply) => {
      const form = formFromBody(request.body);
      try {
        const article = await deps.editorial.create(request.user!, form);
        return reply.redirect(`/admin/articles/${article.id}/edit?done=created`, 303);
      } catch (error) {
        if (!isAppError(error) || error.status !== 422) throw error;
        return sendEditor(
          request,
          reply,
          deps,
          {
            article: null,
            form,
            version: null,
            actions: [],
            errors: fieldErrors(deps, error),
            notice: { kind: 'error', text: i18n.t('editor.invalid') },
          },
          422,
        );
      }
    },
  );

  app.get<{ Params: { id: string }; Querystring: { done?: string; revision?: string } }>(
    '/articles/:id/edit',
    { preHandler: canWrite },
    async (request, reply) => {
      const id = articleIdParam(request.params.id);
      const { article, actions } = await deps.editorial.open(request.user!, id);
      let form = deps.editorial.formOf(article);
      let notice: Notice | null = doneNotice(request.query.done);
      const revisionId = Number(request.query.revision);
      if (request.query.revision !== undefined && Number.isInteger(revisionId) && revisionId > 0) {
        const revision = await deps.editorial.revision(id, revisionId);
        form = revision.form;
        notice = {
          kind: 'info',
          text: i18n.t('editor.revisions.restoring', {
            date: i18n.formatDate(revision.createdAt, { withTime: true }),
          }),
        };
      }
      return sendEditor(request, reply, deps, { article, form, version: article.version, actions, notice });
    },
  );

  app.post<{ Params: { id: string }; Body: Body }>(
    '/articles/:id',
    { preHandler: [canWrite, app.csrfProtection] },
    async (request, reply) => {
      const id = articleIdParam(request.params.id);
      const user = request.user!;
      const body = request.body ?? {};
      const form = formFromBody(body);
      const version = Number(body.version);
      const requested = typeof body.action === 'string' ? body.action : 'save';
      const confirmed = requested === 'publish-confirmed';
      const action = (confirmed ? 'publish' : requested) as EditorAction;
      const note = typeof body.note === 'string' ? body.note.slice(0, 4000) : '';
      const { article, actions } = await deps.editorial.open(user, id);
      if (!EDITOR_ACTIONS.includes(action) || !Number.isInteger(version) || version < 1) {
        return sendEditor(
          request,
          reply,
          deps,
          {
            article,
            form,
            version: article.version,
            actions,
            notice: { kind: 'error', text: i18n.t('editor.invalid') },
          },
          400,
        );
      }
      // Before a story goes out: the importer's same-story warning, unless the person already saw it.
      if (action === 'publish' && !confirmed && article.status !== 'published') {
        const matches = await deps.editorial.sameStoryWarnings(id);
        if (matches.length > 0) {
          return sendEditor(request, reply, deps, {
            article,
            form,
            version,
            actions,
            duplicates: matches.map((m) => ({
              text: i18n.t('editor.duplicates.item', {
                title: m.title,
                status: i18n.t(`editor.status.${m.status}` as MessageKey),
                score: Math.round(m.score * 100),
              }),
              href: `/admin/articles/${m.articleId}/edit`,
            })),
          });
        }
      }
      try {
        await deps.editorial.save(user, id, version, form, action, note);
        return reply.redirect(`/admin/articles/${id}/edit?done=${action}`, 303);
      } catch (error) {
        if (error instanceof ConflictError) return sendConflict(request, reply, deps, { id, form, version });
        if (!isAppError(error) || error.status !== 422) throw error;
        return sendEditor(
          request,
          reply,
          deps,
          {
            article,
            form,
            version,
            actions,
            errors: fieldErrors(deps, error),
            notice: { kind: 'error', text: i18n.t('editor.invalid') },
          },
          422,
        );
      }
    },
  );

  /** Autosave: JSON with the form's fields; the CSRF token comes in the `x-csrf-token` header. */
  app.post<{ Params: { id: string }; Body: { version?: unknown; fields?: Body } }>(
    '/articles/:id/autosave',
    { preHandler: [canWrite, app.csrfProtection], bodyLimit: 4 * 1024 * 1024 },
    async (request, reply) => {
      const id = articleIdParam(request.params.id);
      // Who may touch this article is settled before what they sent is looked at.
      await deps.editorial.open(request.user as User, id);
      const version = Number(request.body?.version);
      const fields = request.body?.fields;
      if (!Number.isInteger(version) || version < 1 || typeof fields !== 'object' || fields === null) {
        return reply
          .status(400)
          .send({ error: 'bad_request', message: 'Send the version and the form fields.' });
      }
      const revision = await deps.editorial.autosave(request.user as User, id, version, formFromBody(fields));
      return reply.send({ revisionId: revision.id, savedAt: revision.createdAt });
    },
  );

  function doneNotice(done: string | undefined) {
    const key = `editor.done.${done ?? ''}`;
    return done && /^[a-z]+$/.test(done) && i18n.has(key)
      ? { kind: 'success' as const, text: i18n.t(key as MessageKey) }
      : null;
  }
}
