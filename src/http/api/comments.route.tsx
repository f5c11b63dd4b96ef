import type { FastifyInstance, FastifyReply } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import { z } from 'zod';
import { surrogateKeys as sk } from '../../cache/surrogate-keys.ts';
import { commentParagraphs } from '../../comments/comment-text.ts';
import type { PublicComment } from '../../comments/comment.service.ts';
import { draftFrom, NAME_MAX_LENGTH } from '../../comments/comment.rules.ts';
import { COMMENT_MAX_LENGTH } from '../../comments/comment-text.ts';
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
import type { HttpDeps } from '../context.ts';
import { COMMENTER_COOKIE, fromThisSite, setCommenterCookie } from '../public/commenter-cookie.ts';
import { commentItem, commentsHref, refusalMessages } from '../public/comments.presenter.ts';
import { Presenter } from '../public/presenters.ts';
import { type ApiWriteDoc, defineApiRoute } from './api-route.ts';
import { languageParam, slugParam } from './api-schemas.ts';

type Params = { slug: string };
type Query = { lang?: string };

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

const commentSchema = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  depth: z.number().int(),
  status: z.enum(['approved', 'pending']),
  author: z.object({ name: z.string(), url: z.string().nullable() }),
  byPublication: z.boolean(),
  inReplyTo: z.string().nullable(),
  text: z.string(),
  createdAt: z.string(),
  url: z.url(),
});

export const commentsPageSchema = z.object({
  article: z.object({ id: z.number().int(), slug: z.string(), language: z.string(), url: z.url() }),
  open: z.boolean(),
  total: z.number().int(),
  page: z.number().int(),
  pages: z.number().int(),
  comments: z.array(commentSchema),
});

/**
 * `GET /api/v1/articles/:slug/comments?lang=&page=&order=`: a story's approved comments, 50 a page in
 * thread order (never an email or an address), declared like the content API so the OpenAPI document
 * and the /api page describe it.
 */
export function commentsApiRoute(deps: HttpDeps) {
  return defineApiRoute({
    path: '/articles/:slug/comments',
    operationId: 'listComments',
    group: 'comments',
    summary: 'api.comments.summary',
    description: 'api.comments.description',
    query: {
      lang: languageParam(deps.config.languages).optional(),
      page: z
        .string()
        .regex(/^[1-9]\d{0,4}$/, { message: 'must be a whole number from 1' })
        .transform(Number)
        .optional(),
      order: z.enum(['oldest', 'newest'], { message: 'must be oldest or newest' }).optional(),
    },
    params: { slug: slugParam },
    describe: {
      lang: 'api.param.lang',
      page: 'api.param.commentsPage',
      order: 'api.param.commentsOrder',
      slug: 'api.param.articleSlug',
    },
    response: commentsPageSchema,
    examples: [],
    async handle({ query, params }) {
      const article = await articleFor(deps, params.slug, query.lang);
      const articlePath = deps.urls.article(article.language, article.section?.slug, article.slug);
      const page = await deps.comments.page(article.id, {
        page: query.page ?? 1,
        order: query.order ?? 'oldest',
      });
      return {
        body: {
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
        },
        surrogateKeys: [sk.article(article.id), sk.comments(article.id)],
      };
    },
  });
}

/** What `POST /api/v1/articles/:slug/comments` takes and answers, for the OpenAPI document. */
export const postCommentDoc: ApiWriteDoc = {
  path: '/articles/:slug/comments',
  operationId: 'postComment',
  group: 'comments',
  summary: 'api.postComment.summary',
  description: 'api.postComment.description',
  params: { slug: slugParam },
  describe: {
    slug: 'api.param.articleSlug',
    body: 'api.param.commentBody',
    name: 'api.param.commentName',
    email: 'api.param.commentEmail',
    website: 'api.param.commentWebsite',
    parentId: 'api.param.commentParent',
    started: 'api.param.commentStarted',
  },
  body: z.object({
    body: z.string().max(COMMENT_MAX_LENGTH),
    name: z.string().max(NAME_MAX_LENGTH),
    email: z.string().max(320),
    website: z.string().max(600).optional(),
    parentId: z.number().int().positive().optional(),
    started: z.string(),
  }),
  response: z.object({ comment: commentSchema, message: z.string(), html: z.string() }),
  refusals: [400, 403, 404, 429],
};

/**
 * `POST /api/v1/articles/:slug/comments` takes the same fields as the form, as JSON, from pages of this
 * site only (the browser's Origin is checked), and answers with the comment and its HTML for posting
 * in place.
 */
export async function commentApiRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }) {
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
