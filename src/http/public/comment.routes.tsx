import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { draftFrom } from '../../comments/comment.rules.ts';
import { surrogateKeys as sk } from '../../cache/surrogate-keys.ts';
import type { Article } from '../../content/types.ts';
import { ForbiddenError, isAppError, TooManyRequestsError } from '../../shared/errors.ts';
import { ArticlePage } from '../../views/pages/article.page.tsx';
import { sendCacheable } from '../cacheable.ts';
import type { HttpDeps, LanguageScope } from '../context.ts';
import { buildArticlePage, findArticle } from './article.route.tsx';
import { renderCommentFeed } from './comment-feed.tsx';
import { COMMENTER_COOKIE, fromThisSite, setCommenterCookie } from './commenter-cookie.ts';
import { commentsHref, commentsModel, commentsViewOf, refusalMessages } from './comments.presenter.ts';
import { Presenter } from './presenters.ts';
import { sendPage } from './reply.ts';

type Params = { section: string; slug: string };

/**
 * The comment form's POST (works without JavaScript: a 303 back to `#comment-<id>`, or the article
 * page again with everything typed and the reason beside the field) and each story's comment feed.
 */
export async function commentRoutes(app: FastifyInstance, { lang, deps }: LanguageScope) {
  app.post<{ Params: Params; Body: Record<string, unknown> | undefined }>(
    '/:section/:slug/comments',
    async (request, reply) => {
      const { article, canonicalPath } = await findArticle(deps, lang, request.params);
      const body = request.body ?? {};
      const draft = draftFrom(body);
      const token = request.cookies[COMMENTER_COOKIE];
      try {
        if (!fromThisSite(request, deps.config.siteUrl))
          throw new ForbiddenError('This form was sent from another site, so it was not posted.').say(
            'comments.error.origin',
          );
        const posted = await deps.comments.post({
          article,
          draft,
          honeypot: typeof body.phone === 'string' ? body.phone : '',
          formToken: body.started,
          ip: request.ip,
          commenterToken: token,
        });
        setCommenterCookie(reply, deps, posted.commenterToken);
        const page = await deps.comments.pageOf(posted.comment, posted.commenterToken);
        return reply.redirect(commentsHref(canonicalPath, { page }, `#comment-${posted.comment.id}`), 303);
      } catch (error) {
        if (!isAppError(error)) throw error;
        if (error instanceof TooManyRequestsError)
          reply.header('Retry-After', String(error.retryAfterSeconds));
        const present = new Presenter(deps, lang);
        return sendFormAgain(request, reply, deps, present, article, canonicalPath, {
          status: error.status,
          draft,
          errors: refusalMessages(present, error),
          token,
        });
      }
    },
  );

  app.get<{ Params: Params }>('/:section/:slug/comments.xml', async (request, reply) => {
    const found = await findArticle(deps, lang, request.params);
    if (found.moved) return reply.redirect(`${found.canonicalPath}/comments.xml`, 301);
    const present = new Presenter(deps, lang);
    const comments = await Promise.all(
      (await deps.comments.latest(found.article.id)).map(async (comment) => ({
        ...comment,
        href: commentsHref(
          found.canonicalPath,
          { page: await deps.comments.pageOf(comment, undefined) },
          `#comment-${comment.id}`,
        ),
      })),
    );
    return sendCacheable(request, reply, {
      body: renderCommentFeed(deps, present, found.article, found.canonicalPath, comments),
      contentType: 'application/rss+xml; charset=utf-8',
      cacheControl: 'public, max-age=300',
      surrogateKeys: [sk.article(found.article.id), sk.comments(found.article.id)],
    });
  });
}

async function sendFormAgain(
  request: FastifyRequest<{ Params: Params }>,
  reply: FastifyReply,
  deps: HttpDeps,
  present: Presenter,
  article: Article,
  canonicalPath: string,
  refusal: {
    status: number;
    draft: ReturnType<typeof draftFrom>;
    errors: Record<string, string>;
    token: string | undefined;
  },
) {
  const sections = await deps.taxonomy.listSections(present.lang);
  const comments = await commentsModel(deps, article, canonicalPath, commentsViewOf({}), {
    commenterToken: refusal.token,
    form: { draft: refusal.draft, errors: refusal.errors },
  });
  const page = await buildArticlePage(deps, present, article, sections, canonicalPath, comments);
  reply.header('Cache-Control', 'private, no-store');
  return sendPage(reply, page.context, <ArticlePage model={page.model} />, { status: refusal.status });
}
