import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../shared/errors.ts';
import { RelatedExplanationPage } from '../../views/admin/related.page.tsx';
import type { HttpDeps } from '../context.ts';
import { adminContext, sendAdminPage } from './admin-page.ts';
import { requireCapability } from './session.ts';

/**
 * `/admin/related/:id`: a story's related picks and why each was chosen. Open to whoever may open the
 * story in the editor (editors and admins: every story; authors and contributors: their own), because
 * the panel names the story and its draft state.
 */
export async function relatedRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }) {
  app.get<{ Params: { id: string } }>(
    '/related/:id',
    { preHandler: requireCapability('articles.edit.own') },
    async (request, reply) => {
      const id = /^\d{1,9}$/.test(request.params.id) ? Number(request.params.id) : NaN;
      if (!Number.isFinite(id) || !(await deps.articles.getById(id)))
        throw new NotFoundError('There is no story with this number.');
      // Refuses (403) anyone who may not open this story in the editor.
      const { article } = await deps.editorial.open(request.user!, id);
      const { context, chrome } = await adminContext(request, reply, deps, 'dashboard');
      const published = article.status === 'published';
      const picks = published ? await deps.related.picksOf(article.id) : [];
      const stories = picks.length
        ? await deps.articles.listPublished(
            { language: article.language, ids: picks.map((p) => p.pickId) },
            { limit: picks.length },
          )
        : [];
      const byId = new Map(stories.map((s) => [s.id, s]));
      const model = {
        chrome,
        article: {
          id: article.id,
          title: article.title,
          published,
          href: published ? deps.urls.article(article.language, article.section?.slug, article.slug) : null,
        },
        picks: picks.flatMap((pick, index) => {
          const story = byId.get(pick.pickId);
          if (!story) return [];
          return [
            {
              rank: index + 1,
              title: story.title,
              href: deps.urls.article(story.language, story.section?.slug, story.slug),
              score: pick.score,
              similarity: pick.similarity,
              computedAt: pick.computedAt,
              reasons: pick.reasons,
            },
          ];
        }),
      };
      return sendAdminPage(reply, context, <RelatedExplanationPage model={model} />);
    },
  );
}
