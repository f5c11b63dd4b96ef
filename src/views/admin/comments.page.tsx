import { CommentBody, type CommentSegmentModel } from '../components/comment-body.tsx';
import { Pagination } from '../components/pagination.tsx';
import { Time } from '../components/time.tsx';
import type { MessageKey } from '../../i18n/i18n.ts';
import type { PaginationModel } from '../models.ts';
import { usePage } from '../page-context.ts';
import { AdminLayout } from './admin-layout.tsx';
import type { AdminChromeModel, Notice } from './models.ts';

type Status = 'pending' | 'approved' | 'spam' | 'trash';

export interface QueueRowModel {
  id: number;
  status: Status;
  statusLabel: string;
  heldReason: string | null;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  authorIp: string | null;
  byPublication: boolean;
  historyHref: string;
  paragraphs: ReadonlyArray<readonly CommentSegmentModel[]>;
  createdAt: string;
  story: { title: string; filterHref: string; href: string };
}

export interface QueueModel {
  chrome: AdminChromeModel;
  notice: Notice | null;
  filter: {
    status: Status | 'all';
    email: string;
    story: {
      id: number;
      title: string;
      closed: boolean;
      open: boolean;
      href: string;
      clearHref: string;
    } | null;
  };
  history: { email: string; counts: Record<Status, number> } | null;
  /** This view's address, sent back by its forms so actions return here. */
  returnTo: string;
  total: number;
  pagination: PaginationModel;
  rows: QueueRowModel[];
}

const STATUSES = ['pending', 'approved', 'spam', 'trash', 'all'] as const;
const ACTIONS = ['approve', 'spam', 'trash', 'restore'] as const;

/** The filters, carried by every form on the page so an action comes back to the same view. */
function FilterFields({ filter }: { filter: QueueModel['filter'] }) {
  return (
    <>
      <input type="hidden" name="status" value={filter.status} />
      {filter.story && <input type="hidden" name="story" value={String(filter.story.id)} />}
      {filter.email && <input type="hidden" name="email" value={filter.email} />}
    </>
  );
}

/** One queue of reader comments across every story, with filters, bulk actions and replies. */
export function CommentsQueuePage({ model }: { model: QueueModel }) {
  const { t } = usePage().i18n;
  const { filter } = model;
  const csrf = model.chrome.csrfToken;
  return (
    <AdminLayout chrome={model.chrome} title={t('comments.admin.title')} notice={model.notice} wide>
      <h1>{t('comments.admin.title')}</h1>
      <form class="toolbar" method="get" action="/admin/comments" aria-label={t('comments.admin.filters')}>
        <p class="field">
          <label for="queue-status">{t('comments.admin.status')}</label>
          <select id="queue-status" name="status">
            {STATUSES.map((s) => (
              <option value={s} selected={s === filter.status} key={s}>
                {t(`comments.admin.status.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </p>
        <p class="field">
          <label for="queue-email">{t('comments.admin.commenter')}</label>
          <input id="queue-email" name="email" type="email" value={filter.email} />
        </p>
        {filter.story && <input type="hidden" name="story" value={String(filter.story.id)} />}
        <button class="button" type="submit">
          {t('comments.admin.apply')}
        </button>
        <a href="/admin/comments">{t('comments.admin.clear')}</a>
      </form>

      {filter.story && (
        <section class="panel queue-story">
          <p>
            <strong>{t('comments.admin.story')}:</strong> <a href={filter.story.href}>{filter.story.title}</a>{' '}
            (<a href={filter.story.clearHref}>{t('comments.admin.storyAll')}</a>)
          </p>
          <form method="post" action={`/admin/comments/stories/${filter.story.id}/closed`} class="toolbar">
            <input type="hidden" name="_csrf" value={csrf} />
            <FilterFields filter={filter} />
            <input type="hidden" name="closed" value={filter.story.closed ? '0' : '1'} />
            <span>{filter.story.open ? t('comments.admin.storyOpen') : t('comments.admin.storyClosed')}</span>
            <button class="button" type="submit">
              {filter.story.closed ? t('comments.admin.open') : t('comments.admin.close')}
            </button>
          </form>
        </section>
      )}

      {model.history && (
        <p class="panel queue-history">
          <strong>{t('comments.admin.history')}:</strong>{' '}
          {t('comments.admin.historyOf', { email: model.history.email, ...model.history.counts })}
        </p>
      )}

      <p class="muted">{t('comments.admin.count', { count: model.total })}</p>
      {model.rows.length === 0 ? (
        <p class="panel muted">{t('comments.admin.none')}</p>
      ) : (
        <>
          <form id="queue-bulk" method="post" action="/admin/comments/bulk" class="toolbar queue-actions">
            <input type="hidden" name="_csrf" value={csrf} />
            <FilterFields filter={filter} />
            <span>{t('comments.admin.action')}</span>
            {ACTIONS.map((action) => (
              <button class="button" type="submit" name="action" value={action} key={action}>
                {t(`comments.admin.action.${action}` as MessageKey)}
              </button>
            ))}
          </form>
          <ol class="queue" role="list">
            {model.rows.map((row) => (
              <li class={`queue-item queue-item--${row.status}`} key={row.id} id={`queue-${row.id}`}>
                <p class="queue-select">
                  <input
                    type="checkbox"
                    name="ids"
                    value={String(row.id)}
                    form="queue-bulk"
                    id={`select-${row.id}`}
                  />
                  <label for={`select-${row.id}`} class="visually-hidden">
                    {t('comments.admin.select', { id: row.id })}
                  </label>
                </p>
                <div class="queue-main">
                  <p class="queue-meta">
                    <strong>{row.authorName}</strong>{' '}
                    <a href={row.historyHref} title={t('comments.admin.history')}>
                      {row.authorEmail}
                    </a>
                    {row.authorUrl && (
                      <>
                        {' · '}
                        <a href={row.authorUrl} rel="nofollow ugc noopener">
                          {row.authorUrl}
                        </a>
                      </>
                    )}
                    {row.authorIp && <> · {t('comments.admin.address', { ip: row.authorIp })}</>}
                  </p>
                  <p class="queue-meta">
                    <span class={`status status--comment-${row.status}`}>{row.statusLabel}</span>
                    {row.heldReason && <> {row.heldReason}</>} · <Time iso={row.createdAt} withTime /> ·{' '}
                    {t('comments.admin.on')} <a href={row.story.filterHref}>{row.story.title}</a> (
                    <a href={row.story.href}>{t('comments.admin.viewStory')}</a>)
                  </p>
                  <CommentBody paragraphs={row.paragraphs} />
                  {!row.byPublication && (
                    <details class="queue-reply">
                      <summary>{t('comments.admin.reply')}</summary>
                      <form method="post" action={`/admin/comments/${row.id}/reply`} class="form">
                        <input type="hidden" name="_csrf" value={csrf} />
                        <FilterFields filter={filter} />
                        <p class="field">
                          <label for={`reply-${row.id}`}>
                            {t('comments.admin.replyLabel', {
                              name: row.authorName,
                              site: model.chrome.siteName,
                            })}
                          </label>
                          <textarea id={`reply-${row.id}`} name="body" rows={3} required />
                        </p>
                        <p>
                          <button class="button button--primary" type="submit">
                            {t('comments.admin.replySend')}
                          </button>
                        </p>
                      </form>
                    </details>
                  )}
                </div>
              </li>
            ))}
          </ol>
          <Pagination pagination={model.pagination} />
        </>
      )}
    </AdminLayout>
  );
}
