import { usePage } from '../page-context.ts';
import { CommentBody, type CommentSegmentModel } from './comment-body.tsx';
import { Time } from './time.tsx';

export interface CommentItemModel {
  id: number;
  authorName: string;
  /** The commenter's website (rel="nofollow ugc"), when they gave one. */
  authorHref: string | null;
  byPublication: boolean;
  createdAt: string;
  paragraphs: ReadonlyArray<readonly CommentSegmentModel[]>;
  /** Shown only to the person who wrote it. */
  pending: boolean;
  /** Below the third level replies are not indented further; they name whom they answer. */
  inReplyTo: { name: string; href: string } | null;
  /** Where "Reply" goes without JavaScript (the form, addressed to this comment); null when closed. */
  replyHref: string | null;
  replies: CommentItemModel[];
}

/** One comment and, nested below it, its replies (three levels; deeper ones sit on the third). */
export function CommentItem({ comment, level }: { comment: CommentItemModel; level: number }) {
  const { t } = usePage().i18n;
  const classes = ['comment', `comment--level-${level}`];
  if (comment.pending) classes.push('comment--pending');
  if (comment.byPublication) classes.push('comment--publication');
  return (
    <li class={classes.join(' ')} id={`comment-${comment.id}`} data-comment-id={comment.id}>
      <article aria-labelledby={`comment-${comment.id}-author`}>
        <header class="comment-meta">
          <span class="comment-author" id={`comment-${comment.id}-author`}>
            {comment.authorHref ? (
              <a href={comment.authorHref} rel="nofollow ugc noopener">
                {comment.authorName}
              </a>
            ) : (
              comment.authorName
            )}
          </span>{' '}
          {comment.byPublication && <span class="comment-badge">{t('comments.byPublication')}</span>}{' '}
          <a class="comment-permalink" href={`#comment-${comment.id}`}>
            <Time iso={comment.createdAt} withTime />
          </a>{' '}
          {comment.inReplyTo && (
            <span class="comment-reply-to">
              {t('comments.inReplyTo')} <a href={comment.inReplyTo.href}>{comment.inReplyTo.name}</a>
            </span>
          )}
        </header>
        {comment.pending && (
          <p class="comment-pending" role="status">
            {t('comments.awaitingModeration')}
          </p>
        )}
        <CommentBody paragraphs={comment.paragraphs} />
        {comment.replyHref && !comment.pending && (
          <p class="comment-actions">
            <a
              class="comment-reply"
              href={comment.replyHref}
              data-reply-to={comment.id}
              data-reply-name={comment.authorName}
            >
              {t('comments.reply')}
              <span class="visually-hidden"> {t('comments.replyTo', { name: comment.authorName })}</span>
            </a>
          </p>
        )}
      </article>
      {comment.replies.length > 0 && (
        <ol class="comment-replies">
          {comment.replies.map((reply) => (
            <CommentItem key={reply.id} comment={reply} level={Math.min(level + 1, 3)} />
          ))}
        </ol>
      )}
    </li>
  );
}
