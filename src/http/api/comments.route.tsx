import type { FastifyInstance, FastifyReply } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import { surrogateKeys as sk } from '../../cache/surrogate-keys.ts';
import { commentParagraphs } from '../../comments/comment-text.ts';
import type { PublicComment } from '../../comments/comment.service.ts';
import { draftFrom } from '../../comments/comment.rules.ts';
import type { Article } from '../../content/types.ts';
import {
  BadRequestError,
  ForbiddenError,
  isAppError,
  NotFoundError,
  TooManyRequestsError,
} from '../../shared/errors.ts';
import { isSlug } from '../../shared/slug.ts';
import { CommentItem } from '../../views/components/comment-item.tsx';
import { PageContext } from '../../views/page-context.ts';
import { sendCacheable } from '../cacheable.ts';
import type { HttpDeps } from '../context.ts';
import { COMMENTER_COOKIE, fromThisSite, setCommenterCookie } from '../public/commenter-cookie.ts';
import { commentItem, commentsHref, refusalMessages } from '../public/comments.presenter.ts';
import { Presenter } from '../public/presenters.ts';
import { API_CACHE_CONTROL } from './api-route.ts';

type Params = { slug: string };
type Query = { lang?: string; page?: string; order?: string };

async function articleFor(deps: HttpDeps, slug: string, lang: unknown): Promise<Article> {
  const language = typeof lang === 'string' && lang ? lang : deps.config.defaultLanguage;
  if (!deps.config.languages.includes(language))
    throw new BadRequestError(
      `The language “${language.slice(0, 20)}” is not published here; use one of ${deps.config.languages.join(', ')}.`,
    );
  const article = isSlug(slug) ? await deps.articles.getPublished(language, slug) : undefined;
  if (!article) throw new NotFoundError('There is no published article with this slug.');
  return article;
}

/** A comment in the API: name, website, text and place in the thread; never an email or an address. */
function commentJson(comment: PublicComment, articlePath: string, page: number, urls: HttpDeps['urls']) {
  return {
    id: comment.id,
    parentId: comment.parentId,
    depth: comment.depth,
    status: comment.status,
    author: { name: comment.authorName, url: comment.authorUrl },
    byPublication: comment.byPublication,
    inReplyTo: comment.parentName,
    text: comment.body,
    createdAt: comment.createdAt,
    url: urls.absolute(commentsHref(articlePath, { page }, `#comment-${comment.id}`)),
  };
}

/**
 * The comment API: `GET /api/v1/articles/:slug/comments?lang=&page=&order=` lists approved comments
 * (no emails); `POST` takes the same fields as the form, as JSON, from pages of this site only (the
 * browser's Origin is checked), and answers with the comment and its HTML for posting in place.
 */
export async function commentApiRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }) {
  app.get<{ Params: Params; Querystring: Query }>('/articles/:slug/comments', async (request, reply) => {
    const article = await articleFor(deps, request.params.slug, request.query.lang);
    const articlePath = deps.urls.article(article.language, article.section?.slug, article.slug);
    const requested = Number(request.query.page ?? 1);
    if (!Number.isInteger(requested) || requested < 1 || requested > 100_000)
      throw new BadRequestError('The page must be a whole number from 1.', { page: 'Not a page number.' });
    const order = request.query.order === 'newest' ? 'newest' : 'oldest';
    const page = await deps.comments.page(article.id, { page: requested, order });
    return sendCacheable(request, reply, {
      body: JSON.stringify({
        article: {
          id: article.id,
          slug: article.slug,
          language: article.language,
          url: deps.urls.absolute(articlePath),
        },
        open: deps.comments.isOpen(article),
        total: page.total,
        page: page.page,
        pages: page.pages,
        comments: page.items.map((c) => commentJson(c, articlePath, page.page, deps.urls)),
      }),
      contentType: 'application/json; charset=utf-8',
      cacheControl: API_CACHE_CONTROL,
      surrogateKeys: [sk.article(article.id), sk.comments(article.id)],
    });
  });

  app.post<{ Params: Params; Querystring: Query; Body: unknown }>(
    '/articles/:slug/comments',
    async (request, reply) => {
      const article = await articleFor(deps, request.params.slug, request.query.lang);
      const present = new Presenter(deps, article.language);
      const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<
        string,
        unknown
      >;
      const token = request.cookies[COMMENTER_COOKIE];
      reply.header('Cache-Control', 'no-store');
      try {
        if (!fromThisSite(request, deps.config.siteUrl))
          throw new ForbiddenError('This form was sent from another site, so it was not posted.').say(
            'comments.error.origin',
          );
        const posted = await deps.comments.post({
          article,
          draft: draftFrom(body),
          honeypot: typeof body.phone === 'string' ? body.phone : '',
          formToken: body.started,
          ip: request.ip,
          commenterToken: token,
        });
        setCommenterCookie(reply, deps, posted.commenterToken);
        const articlePath = deps.urls.article(article.language, article.section?.slug, article.slug);
        const page = await deps.comments.pageOf(posted.comment, posted.commenterToken);
        return reply.status(201).send({
          comment: commentJson(posted.comment, articlePath, page, deps.urls),
          message: present.i18n.t(
            posted.comment.status === 'approved' ? 'comments.posted' : 'comments.postedPending',
          ),
          html: renderItem(present, posted.comment, articlePath, deps.comments.isOpen(article)),
        });
      } catch (error) {
        return refuse(reply, present, error);
      }
    },
  );
}

/** The comment as the page shows it, so the script inserts exactly what a reload would. */
function renderItem(present: Presenter, comment: PublicComment, articlePath: string, open: boolean): string {
  const model = commentItem(comment, {
    articlePath,
    view: { page: 1, order: 'oldest', replyTo: null },
    open,
    inReplyTo: comment.depth >= 3,
  });
  const context = present.context({ sections: [] });
  return renderToString(
    <PageContext.Provider value={context}>
      <CommentItem
        comment={{ ...model, paragraphs: commentParagraphs(comment.body) }}
        level={Math.min(comment.depth + 1, 3)}
      />
    </PageContext.Provider>,
  );
}

/** A refusal in the article's language: the sentence, and the reason per field. */
function refuse(reply: FastifyReply, present: Presenter, error: unknown): FastifyReply {
  if (!isAppError(error)) throw error;
  if (error instanceof TooManyRequestsError) reply.header('Retry-After', String(error.retryAfterSeconds));
  const messages = refusalMessages(present, error);
  const { form, ...fields } = messages;
  return reply.status(error.status).send({ error: { code: error.code, message: form, fields } });
}
