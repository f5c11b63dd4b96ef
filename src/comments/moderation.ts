import type { Db } from '../db/database.ts';
import type { Clock } from '../shared/clock.ts';
import { NotFoundError, ValidationError } from '../shared/errors.ts';
import type { EventBus } from '../shared/events.ts';
import { findComment, insertComment, recountApproved } from './comment.repository.ts';
import { fingerprintOf } from './comment.rules.ts';
import { COMMENT_MAX_LENGTH, normaliseCommentText } from './comment-text.ts';
import { COMMENT_STATUSES, type CommentStatus } from './comments.tables.ts';

export type ModerationAction = 'approve' | 'spam' | 'trash' | 'restore';
export const MODERATION_ACTIONS: readonly ModerationAction[] = ['approve', 'spam', 'trash', 'restore'];

export interface QueueFilter {
  /** One status, or every status (a commenter's history). */
  status: CommentStatus | 'all';
  articleId?: number | undefined;
  email?: string | undefined;
  page: number;
}

export const QUEUE_PAGE_SIZE = 50;

export function isCommentStatus(value: unknown): value is CommentStatus {
  return typeof value === 'string' && (COMMENT_STATUSES as readonly string[]).includes(value);
}

/**
 * The editor's side: one queue across every story, filtered by status, story and commenter; the bulk
 * actions; replying as the publication; the per-story switch that closes a conversation.
 */
export function createModeration({ db, clock, events }: { db: Db; clock: Clock; events: EventBus }) {
  const now = () => clock.now().toISOString();

  function filtered(filter: Omit<QueueFilter, 'page'>) {
    let query = db.selectFrom('comments').innerJoin('articles', 'articles.id', 'comments.article_id');
    if (filter.status !== 'all') query = query.where('comments.status', '=', filter.status);
    if (filter.articleId !== undefined) query = query.where('comments.article_id', '=', filter.articleId);
    if (filter.email) query = query.where('comments.author_email', '=', filter.email.trim().toLowerCase());
    return query;
  }

  /** Tells readers' caches what changed, once per story. */
  async function announce(articleIds: Map<number, number>, approved: boolean) {
    for (const [articleId, commentId] of articleIds)
      await events.emit(approved ? 'comment.approved' : 'comment.changed', { commentId, articleId });
  }

  return {
    async queue(filter: QueueFilter) {
      const total = Number(
        (
          await filtered(filter)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
      const page = Math.min(Math.max(1, filter.page), pages);
      const rows = await filtered(filter)
        .leftJoin('sections', 'sections.id', 'articles.section_id')
        .select([
          'comments.id',
          'comments.article_id',
          'comments.parent_id',
          'comments.status',
          'comments.held_reason',
          'comments.author_name',
          'comments.author_email',
          'comments.author_url',
          'comments.author_ip',
          'comments.user_id',
          'comments.body',
          'comments.created_at',
          'articles.title as article_title',
          'articles.slug as article_slug',
          'articles.language as article_language',
          'articles.comments_closed as article_closed',
          'sections.slug as section_slug',
        ])
        .orderBy('comments.id', 'desc')
        .limit(QUEUE_PAGE_SIZE)
        .offset((page - 1) * QUEUE_PAGE_SIZE)
        .execute();
      return { rows, total, page, pages };
    },

    /** How many comments wait for an editor (the admin's badge). */
    async pendingCount(): Promise<number> {
      const row = await db
        .selectFrom('comments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** A commenter's record by status: what an editor weighs before approving them. */
    async history(email: string): Promise<Record<CommentStatus, number>> {
      const rows = await db
        .selectFrom('comments')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('author_email', '=', email.trim().toLowerCase())
        .groupBy('status')
        .execute();
      const counts = { pending: 0, approved: 0, spam: 0, trash: 0 };
      for (const row of rows) counts[row.status] = Number(row.n);
      return counts;
    },

    /** Applies one action to many comments in one transaction; returns how many changed. */
    async moderate(ids: readonly number[], action: ModerationAction): Promise<number> {
      const unique = [...new Set(ids)].filter((id) => Number.isInteger(id) && id > 0);
      if (unique.length === 0) return 0;
      const at = now();
      const touched = await db.transaction().execute(async (tx) => {
        const rows = await tx
          .selectFrom('comments')
          .select(['id', 'article_id', 'status', 'status_before'])
          .where('id', 'in', unique)
          .execute();
        const changed = new Map<number, number>();
        let count = 0;
        for (const row of rows) {
          const next: CommentStatus =
            action === 'approve'
              ? 'approved'
              : action === 'spam'
                ? 'spam'
                : action === 'trash'
                  ? 'trash'
                  : row.status === 'spam' || row.status === 'trash'
                    ? (row.status_before ?? 'pending')
                    : row.status;
          if (next === row.status) continue;
          count++;
          const leaving = next === 'spam' || next === 'trash';
          await tx
            .updateTable('comments')
            .set({
              status: next,
              status_before: leaving
                ? row.status === 'spam' || row.status === 'trash'
                  ? row.status_before
                  : row.status
                : null,
              held_reason: next === 'pending' ? undefined : null,
              updated_at: at,
            })
            .where('id', '=', row.id)
            .execute();
          if (row.status === 'approved' || next === 'approved') changed.set(row.article_id, row.id);
        }
        for (const articleId of changed.keys()) await recountApproved(tx, articleId);
        return { changed, count };
      });
      await announce(touched.changed, action === 'approve' || action === 'restore');
      return touched.count;
    },

    /**
     * An editor answers as the publication: published at once, under the site's name; the comment
     * it answers is approved too (an answer to something readers cannot see would make no sense).
     */
    async reply(
      parentId: number,
      text: string,
      editor: { id: number; email: string },
      publicationName: string,
    ): Promise<number> {
      const parent = await findComment(db, parentId);
      if (!parent) throw new NotFoundError('There is no such comment.');
      const body = normaliseCommentText(text);
      if (!body || body.length > COMMENT_MAX_LENGTH)
        throw new ValidationError(`A reply needs between 1 and ${COMMENT_MAX_LENGTH} characters.`).say(
          'comments.error.fields',
          {},
          {
            body: body
              ? {
                  key: 'comments.error.bodyTooLong',
                  values: { max: COMMENT_MAX_LENGTH, length: body.length },
                }
              : { key: 'comments.error.bodyEmpty' },
          },
        );
      const at = now();
      const id = await db.transaction().execute(async (tx) => {
        if (parent.status !== 'approved')
          await tx
            .updateTable('comments')
            .set({ status: 'approved', status_before: null, held_reason: null, updated_at: at })
            .where('id', '=', parent.id)
            .execute();
        const row = await insertComment(
          tx,
          {
            article_id: parent.article_id,
            parent_id: parent.id,
            status: 'approved',
            status_before: null,
            held_reason: null,
            author_name: publicationName,
            author_email: editor.email,
            author_url: null,
            author_ip: null,
            author_token_hash: null,
            user_id: editor.id,
            body,
            fingerprint: fingerprintOf(body),
            created_at: at,
            updated_at: at,
          },
          parent,
        );
        await recountApproved(tx, parent.article_id);
        return row.id;
      });
      await events.emit('comment.approved', { commentId: id, articleId: parent.article_id });
      return id;
    },

    /** The editor's switch: closes (or reopens) one story to new comments. */
    async setClosed(articleId: number, closed: boolean): Promise<void> {
      const result = await db
        .updateTable('articles')
        .set({ comments_closed: closed ? 1 : 0 })
        .where('id', '=', articleId)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new NotFoundError('There is no such story.');
      await events.emit('comment.changed', { commentId: 0, articleId });
    },
  };
}
