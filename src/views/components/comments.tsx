import type { PaginationModel } from '../models.ts';
import { usePage } from '../page-context.ts';
import { CommentForm, type CommentFormModel } from './comment-form.tsx';
import { CommentItem, type CommentItemModel } from './comment-item.tsx';
import { Pagination } from './pagination.tsx';

export interface CommentsModel {
  /** Approved comments on the story. */
  count: number;
  order: 'oldest' | 'newest';
  orderHrefs: { oldest: string; newest: string };
  feedHref: string;
  items: CommentItemModel[];
  pagination: PaginationModel;
  /** The form, or null when the story is closed to new comments. */
  form: CommentFormModel | null;
  /** The page's script that posts in place (progressive enhancement). */
  scriptHref: string;
}

/** The conversation under a story: count, order, the comments (paginated), and "Leave a Comment". */
export function CommentsSection({ model }: { model: CommentsModel }) {
  const { t } = usePage().i18n;
  return (
    <section class="comments" id="comments" aria-labelledby="comments-heading">
      <h2 class="rule-heading" id="comments-heading">
        {model.count > 0 ? t('comments.heading', { count: model.count }) : t('comments.headingNone')}
      </h2>
      <p class="comments-tools">
        {model.items.length > 1 || model.pagination.pages > 1 ? (
          <span class="comments-order">
            {t('comments.orderLabel')}{' '}
            <a href={model.orderHrefs.oldest} aria-current={model.order === 'oldest' ? 'true' : undefined}>
              {t('comments.order.oldest')}
            </a>
            {' · '}
            <a href={model.orderHrefs.newest} aria-current={model.order === 'newest' ? 'true' : undefined}>
              {t('comments.order.newest')}
            </a>
          </span>
        ) : null}
        <a class="comments-feed" href={model.feedHref} type="application/rss+xml">
          {t('comments.feed')}
        </a>
      </p>
      {model.items.length > 0 ? (
        <ol class="comment-list" data-comment-list>
          {model.items.map((item) => (
            <CommentItem key={item.id} comment={item} level={1} />
          ))}
        </ol>
      ) : (
        <ol class="comment-list" data-comment-list hidden />
      )}
      <Pagination pagination={model.pagination} />
      {model.form ? <CommentForm form={model.form} /> : <p class="comments-closed">{t('comments.closed')}</p>}
      {model.form && <script src={model.scriptHref} type="module" />}
    </section>
  );
}
