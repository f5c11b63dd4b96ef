import type { FastifyInstance } from 'fastify';
import { isAppError } from '../../../shared/errors.ts';
import { ArticlePage } from '../../../views/pages/article.page.tsx';
import type { HttpDeps } from '../../context.ts';
import { buildArticlePage } from '../../public/article.route.tsx';
import { commentsModel, commentsViewOf } from '../../public/comments.presenter.ts';
import { Presenter } from '../../public/presenters.ts';
import { sendAdminPage } from '../admin-page.ts';
import { requireCapability } from '../session.ts';
import { articleIdParam } from './editor.routes.tsx';
import { fieldErrors, sendEditor } from './editor-model.tsx';

/** Preview, corrections and "Translate this article". */
export async function workflowRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }) {
  const canWrite = requireCapability('articles.edit.own');
  const i18n = deps.translators.get(deps.config.defaultLanguage)!;

  /** The reader's article page for this story in any state: never cached, never indexed. */
  app.get<{ Params: { id: string } }>(
    '/articles/:id/preview',
    { preHandler: canWrite },
    async (request, reply) => {
      const { article } = await deps.editorial.open(request.user!, articleIdParam(request.params.id));
      const present = new Presenter(deps, article.language);
      const sections = await deps.taxonomy.listSections(article.language);
      const canonicalPath = deps.urls.article(article.language, article.section?.slug, article.slug);
      const comments = await commentsModel(deps, article, canonicalPath, commentsViewOf({}), {});
      const page = await buildArticlePage(deps, present, article, sections, canonicalPath, comments);
      return sendAdminPage(reply, page.context, <ArticlePage model={page.model} />);
    },
  );

  app.post<{ Params: { id: string }; Body: { kind?: unknown; text?: unknown } }>(
    '/articles/:id/corrections',
    { preHandler: [canWrite, app.csrfProtection] },
    async (request, reply) => {
      const id = articleIdParam(request.params.id);
      const kind = request.body?.kind === 'update' ? 'update' : 'correction';
      const text = typeof request.body?.text === 'string' ? request.body.text.slice(0, 4000) : '';
      try {
        await deps.editorial.addCorrection(request.user!, id, kind, text);
        return reply.redirect(`/admin/articles/${id}/edit?done=correction`, 303);
      } catch (error) {
        if (!isAppError(error) || error.status !== 422) throw error;
        const { article, actions } = await deps.editorial.open(request.user!, id);
        return sendEditor(
          request,
          reply,
          deps,
          {
            article,
            form: deps.editorial.formOf(article),
            version: article.version,
            actions,
            errors: fieldErrors(deps, error),
            notice: { kind: 'error', text: i18n.t('editor.fieldError.correction') },
          },
          422,
        );
      }
    },
  );

  app.post<{ Params: { id: string }; Body: { language?: unknown } }>(
    '/articles/:id/translate',
    { preHandler: [requireCapability('articles.create'), app.csrfProtection] },
    async (request, reply) => {
      const id = articleIdParam(request.params.id);
      const language = typeof request.body?.language === 'string' ? request.body.language : '';
      const translation = await deps.editorial.translate(request.user!, id, language);
      return reply.redirect(`/admin/articles/${translation.id}/edit?done=translated`, 303);
    },
  );
}
