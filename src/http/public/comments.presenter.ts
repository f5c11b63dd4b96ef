import { commentParagraphs, COMMENT_MAX_LENGTH } from '../../comments/comment-text.ts';
import type { PublicComment } from '../../comments/comment.service.ts';
import type { CommentDraft } from '../../comments/comment.rules.ts';
import type { Article } from '../../content/types.ts';
import type { CommentFormModel } from '../../views/components/comment-form.tsx';
import type { CommentItemModel } from '../../views/components/comment-item.tsx';
import type { CommentsModel } from '../../views/components/comments.tsx';
import type { AppError } from '../../shared/errors.ts';
import type { HttpDeps } from '../context.ts';
import type { Presenter } from './presenters.ts';

/** What the reader asked for in the article page's address: `?comments=<page>&order=newest&replyto=<id>`. */
export interface CommentsView {
  page: number;
  order: 'oldest' | 'newest';
  replyTo: number | null;
}

export function commentsViewOf(query: Record<string, unknown>): CommentsView {
  const page = Number(query.comments);
  const replyTo = Number(query.replyto);
  return {
    page: Number.isInteger(page) && page > 0 ? page : 1,
    order: query.order === 'newest' ? 'newest' : 'oldest',
    replyTo: Number.isInteger(replyTo) && replyTo > 0 ? replyTo : null,
  };
}

/** A comment form coming back: what the reader typed, and the reasons by field. */
export interface FormState {
  draft: CommentDraft;
  errors: Record<string, string>;
}

/** The article page's own address with the comment view's parameters (defaults left out). */
export function commentsHref(articlePath: string, view: Partial<CommentsView>, hash = '#comments'): string {
  const params = new URLSearchParams();
  if (view.page && view.page > 1) params.set('comments', String(view.page));
  if (view.order === 'newest') params.set('order', 'newest');
  if (view.replyTo) params.set('replyto', String(view.replyTo));
  const query = params.toString();
  return `${articlePath}${query ? `?${query}` : ''}${hash}`;
}

/** The site path of a story's comment feed. */
export function commentFeedPath(articlePath: string): string {
  return `${articlePath}/comments.xml`;
}

export function commentItem(
  comment: PublicComment,
  options: { articlePath: string; view: CommentsView; open: boolean; inReplyTo: boolean },
): CommentItemModel {
  return {
    id: comment.id,
    authorName: comment.authorName,
    authorHref: comment.authorUrl,
    byPublication: comment.byPublication,
    createdAt: comment.createdAt,
    paragraphs: commentParagraphs(comment.body),
    pending: comment.status === 'pending',
    inReplyTo:
      options.inReplyTo && comment.parentId && comment.parentName
        ? { name: comment.parentName, href: `#comment-${comment.parentId}` }
        : null,
    replyHref: options.open
      ? commentsHref(options.articlePath, { ...options.view, replyTo: comment.id }, '#leave-comment')
      : null,
    replies: [],
  };
}

/**
 * Nests a page of comments (thread order) for display: three levels, and everything deeper on the
 * third level beside its ancestors, naming whom it answers. A reply whose parent is on another page
 * starts this page's list, also naming whom it answers.
 */
export function nestComments(
  comments: readonly PublicComment[],
  item: (comment: PublicComment, inReplyTo: boolean) => CommentItemModel,
): CommentItemModel[] {
  const top: CommentItemModel[] = [];
  const nodes = new Map<number, { model: CommentItemModel; comment: PublicComment }>();
  for (const comment of comments) {
    // Level 2 and 3 comments sit under their parent; deeper ones under their level-2 ancestor.
    const anchorId =
      comment.depth === 0 ? null : comment.depth <= 2 ? comment.parentId : (comment.ancestorIds[1] ?? null);
    const anchor = anchorId === null ? undefined : nodes.get(anchorId);
    const model = item(comment, comment.depth >= 3 || (comment.depth > 0 && !anchor));
    nodes.set(comment.id, { model, comment });
    if (anchor) anchor.model.replies.push(model);
    else top.push(model);
  }
  return top;
}

/** The comments section of an article page, for this reader (their pending comments included). */
export async function commentsModel(
  deps: HttpDeps,
  article: Article,
  articlePath: string,
  view: CommentsView,
  options: { commenterToken?: string | undefined; form?: FormState },
): Promise<CommentsModel> {
  const { comments, urls } = deps;
  const open = comments.isOpen(article);
  const page = await comments.page(article.id, {
    page: view.page,
    order: view.order,
    commenterToken: options.commenterToken,
    approvedCount: article.commentCount,
  });
  const shown = { ...view, page: page.page };
  const items = nestComments(page.items, (comment, inReplyTo) =>
    commentItem(comment, { articlePath, view: shown, open, inReplyTo }),
  );
  const draft = options.form?.draft;
  const parentId = draft?.parentId ?? view.replyTo;
  const replyTarget = parentId
    ? (page.items.find((c) => c.id === parentId) ?? (await comments.shown(article.id, parentId)))
    : undefined;
  // A refused submission always comes back with its text, even when the refusal is that comments closed.
  const form: CommentFormModel | null =
    open || options.form
      ? {
          action: `${articlePath}/comments`,
          apiAction: `/api/v1/articles/${encodeURIComponent(article.slug)}/comments?lang=${article.language}`,
          token: await comments.formToken(),
          values: {
            body: draft?.body ?? '',
            name: draft?.name ?? '',
            email: draft?.email ?? '',
            website: draft?.website ?? '',
            parentId: replyTarget?.id ?? null,
          },
          errors: options.form?.errors ?? {},
          replyTo: replyTarget
            ? {
                name: replyTarget.authorName,
                cancelHref: commentsHref(articlePath, { ...shown, replyTo: null }, '#leave-comment'),
              }
            : null,
          maxLength: COMMENT_MAX_LENGTH,
        }
      : null;
  const pageHref = (n: number) => commentsHref(articlePath, { ...shown, page: n, replyTo: null });
  return {
    count: article.commentCount ?? 0,
    order: view.order,
    orderHrefs: {
      oldest: commentsHref(articlePath, { order: 'oldest' }),
      newest: commentsHref(articlePath, { order: 'newest' }),
    },
    feedHref: urls.absolute(commentFeedPath(articlePath)),
    items,
    pagination: {
      page: page.page,
      pages: page.pages,
      prevHref: page.page > 1 ? pageHref(page.page - 1) : null,
      nextHref: page.page < page.pages ? pageHref(page.page + 1) : null,
    },
    form,
    scriptHref: deps.assets.commentsScript,
  };
}

/** A refused submission's reasons in the reader's language: per field, and `form` for the whole. */
export function refusalMessages(present: Presenter, error: AppError): Record<string, string> {
  return {
    ...present.fieldMessages({ ...error, fields: {} }),
    form: present.errorMessage({ ...error, fieldTexts: undefined, message: error.message }),
  };
}
