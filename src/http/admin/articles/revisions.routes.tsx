import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey } from '../../../i18n/i18n.ts';
import { RevisionsPage } from '../../../views/admin/articles/revisions.page.tsx';
import type { HttpDeps } from '../../context.ts';
import { adminContext, sendAdminPage } from '../admin-page.ts';
import { requireCapability } from '../session.ts';
import { articleIdParam } from './editor.routes.tsx';

/** Revisions of an article: who and when, a readable diff against the article now, and restore. */
export async function revisionRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }) {
  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    revisionId: number | null,
  ) => {
    const { article } = await deps.editorial.open(request.user!, id);
    const revisions = await deps.editorial.revisions(id);
    const { context, chrome, presenter } = await adminContext(request, reply, deps, 'articles');
    const i18n = presenter.i18n;
    let compare = null;
    if (revisionId !== null) {
      const revision = await deps.editorial.revision(id, revisionId);
      compare = {
        heading: i18n.t('editor.revisions.diffTitle', {
          date: i18n.formatDate(revision.createdAt, { withTime: true }),
        }),
        lines: deps.editorial.diff(revision.form, deps.editorial.formOf(article)),
        restoreHref: `/admin/articles/${id}/edit?revision=${revision.id}`,
      };
    }
    return sendAdminPage(
      reply,
      context,
      <RevisionsPage
        model={{
          chrome,
          articleTitle: article.title,
          editHref: `/admin/articles/${id}/edit`,
          revisions: revisions.map((r) => ({
            href: `/admin/articles/${id}/revisions/${r.id}`,
            kind: i18n.t(`editor.revisions.kind.${r.kind}` as MessageKey),
            who: r.userName ?? i18n.t('editor.revisions.unknownUser'),
            at: r.createdAt,
            current: r.id === revisionId,
          })),
          compare,
        }}
      />,
    );
  };

  app.get<{ Params: { id: string } }>(
    '/articles/:id/revisions',
    { preHandler: requireCapability('articles.edit.own') },
    async (request, reply) => show(request, reply, articleIdParam(request.params.id), null),
  );
  app.get<{ Params: { id: string; revision: string } }>(
    '/articles/:id/revisions/:revision',
    { preHandler: requireCapability('articles.edit.own') },
    async (request, reply) =>
      show(request, reply, articleIdParam(request.params.id), articleIdParam(request.params.revision)),
  );
}
