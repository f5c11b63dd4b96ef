import crypto from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { RateLimiter, RateRule } from '../scale/rate-limiter.ts';
import type { Clock } from '../shared/clock.ts';
import { ForbiddenError, NotFoundError, TooManyRequestsError, ValidationError } from '../shared/errors.ts';
import type { EventBus } from '../shared/events.ts';
import type { Logger } from '../shared/logger.ts';
import {
  type CommentOrder,
  type CommentRow,
  countVisible,
  findApproved,
  findComment,
  hasApprovedComment,
  insertComment,
  latestApproved,
  listVisible,
  pathSegment,
  type PublicCommentRow,
  recountApproved,
  textSeenSince,
} from './comment.repository.ts';
import {
  checkDraft,
  type CommentDraft,
  fingerprintOf,
  holdReason,
  type ModerationPolicy,
} from './comment.rules.ts';
import type { CommentStatus } from './comments.tables.ts';
import { createFormClock } from './form-token.ts';
import { importComments, type ImportedComment } from './comment-import.ts';
import { createModeration } from './moderation.ts';

export interface CommentPolicy extends ModerationPolicy {
  /** Days after publication when a story stops taking comments; 0 keeps them open. */
  closeAfterDays: number;
  /** Days a commenter's client address is kept for moderation. */
  ipRetentionDays: number;
  /** A form sent back sooner than this after it was shown was not written by a person. */
  minMsToWrite: number;
  perAddress: RateRule;
  perEmail: RateRule;
}

export const DEFAULT_COMMENT_POLICY: CommentPolicy = {
  maxLinks: 2,
  blockedWords: [],
  closeAfterDays: 0,
  ipRetentionDays: 30,
  minMsToWrite: 3_000,
  perAddress: { max: 5, windowMs: 60_000 },
  perEmail: { max: 20, windowMs: 3_600_000 },
};

/** How long the same text counts as a repeat. */
const REPEAT_WINDOW_MS = 30 * 86_400_000;
export const COMMENTS_PER_PAGE = 50;

/** A comment as readers may see it: no email, no address. */
export interface PublicComment {
  id: number;
  articleId: number;
  parentId: number | null;
  depth: number;
  /** The thread above it, from its top comment down to its parent. */
  ancestorIds: number[];
  /** `pending` only ever reaches the person who wrote it. */
  status: CommentStatus;
  authorName: string;
  authorUrl: string | null;
  /** Written by an editor as the publication. */
  byPublication: boolean;
  /** Whom it answers, when that comment is approved. */
  parentName: string | null;
  body: string;
  createdAt: string;
}

/** A story as far as comments care. */
export interface CommentableArticle {
  id: number;
  status: string;
  publishedAt: string | null;
  commentsClosed?: boolean;
}

export interface Submission {
  article: CommentableArticle;
  draft: CommentDraft;
  /** The hidden field people never see; anything in it means a program filled in the form. */
  honeypot: string;
  formToken: unknown;
  ip: string;
  /** The `nd_commenter` cookie, when the browser has one. */
  commenterToken: string | undefined;
}

export interface CommentServiceDeps {
  db: Db;
  clock: Clock;
  events: EventBus;
  limiter: RateLimiter;
  logger: Logger;
  policy?: Partial<CommentPolicy>;
}

export type CommentService = ReturnType<typeof createCommentService>;

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

function validToken(token: string | undefined): token is string {
  return typeof token === 'string' && /^[\w-]{32,64}$/.test(token);
}

export function toPublic(row: PublicCommentRow): PublicComment {
  return {
    id: row.id,
    articleId: row.article_id,
    parentId: row.parent_id,
    depth: row.depth,
    ancestorIds: row.path.split('/').slice(0, -1).map(Number),
    status: row.status,
    authorName: row.author_name,
    authorUrl: row.author_url,
    byPublication: row.user_id !== null,
    parentName: row.parent_name,
    body: row.body,
    createdAt: row.created_at,
  };
}

/**
 * Reader comments: posting with the moderation rules (what is refused, what waits for an editor),
 * what a reader sees of a story's conversation, closing, and the clean-up of client addresses.
 * Every change that readers can see announces `comment.approved` or `comment.changed` after commit,
 * and the page cache purges the story's pages and the cards that show its count.
 */
export function createCommentService(deps: CommentServiceDeps) {
  const { db, clock, events, limiter } = deps;
  const policy: CommentPolicy = { ...DEFAULT_COMMENT_POLICY, ...deps.policy };
  const formClock = createFormClock(db);
  const now = () => clock.now().toISOString();

  function isOpen(article: CommentableArticle): boolean {
    if (article.status !== 'published' || article.commentsClosed) return false;
    if (policy.closeAfterDays > 0 && article.publishedAt) {
      const closesAt = Date.parse(article.publishedAt) + policy.closeAfterDays * 86_400_000;
      if (clock.now().getTime() >= closesAt) return false;
    }
    return true;
  }

  async function refuseIfFlooding(key: string, rule: RateRule): Promise<void> {
    const decision = await limiter.hit(key, rule);
    if (decision.allowed) return;
    const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    throw new TooManyRequestsError(
      `You are posting comments faster than we can take them. Please wait ${seconds} seconds and send it again.`,
      seconds,
    ).say('comments.error.tooMany', { seconds });
  }

  async function parentFor(articleId: number, parentId: number | null, tokenHash: string | null) {
    if (parentId === null) return null;
    const parent = await findComment(db, parentId);
    const visible =
      parent &&
      parent.article_id === articleId &&
      (parent.status === 'approved' ||
        (parent.status === 'pending' && tokenHash !== null && parent.author_token_hash === tokenHash));
    if (!visible)
      throw new ValidationError('The comment you replied to is no longer shown.').say(
        'comments.error.parentGone',
        {},
        { body: { key: 'comments.error.parentGone' } },
      );
    return parent;
  }

  const moderation = createModeration({ db, clock, events });

  return {
    policy,
    isOpen,

    /** The signed time a form is shown, checked when it comes back. */
    formToken: () => formClock.issue(clock.now()),

    /**
     * Posts a reader's comment. Refusals throw an AppError naming the reason (per field where there
     * is one) so the form comes back with everything typed: closed (403), a program's submission or
     * an invalid field (422), a flood (429 with the seconds to wait).
     */
    async post(submission: Submission): Promise<{ comment: PublicComment; commenterToken: string }> {
      const { article, draft } = submission;
      if (!isOpen(article))
        throw new ForbiddenError('Comments on this story are closed.').say('comments.error.closed');
      await refuseIfFlooding(`comments:ip:${submission.ip}`, policy.perAddress);
      if (submission.honeypot.trim())
        throw new ValidationError('This form was filled in by a program, so it was not posted.').say(
          'comments.error.honeypot',
        );
      const renderedAt = await formClock.renderedAt(submission.formToken);
      if (renderedAt === null || clock.now().getTime() - renderedAt < policy.minMsToWrite)
        throw new ValidationError(
          'That was sent faster than anyone can write. Please read it over and send it again.',
        ).say('comments.error.tooFast');
      const checked = checkDraft(draft);
      if (!checked.ok)
        throw new ValidationError('Some fields need another look.').say(
          'comments.error.fields',
          {},
          checked.fields,
        );
      const clean = checked.value;
      await refuseIfFlooding(`comments:email:${clean.email}`, policy.perEmail);

      const commenterToken = validToken(submission.commenterToken)
        ? submission.commenterToken
        : crypto.randomBytes(24).toString('base64url');
      const tokenHash = hashToken(commenterToken);
      const parent = await parentFor(article.id, clean.parentId, tokenHash);
      const fingerprint = fingerprintOf(clean.body);
      const held = holdReason(
        clean,
        {
          approvedBefore: await hasApprovedComment(db, clean.email),
          repeat: await textSeenSince(
            db,
            fingerprint,
            new Date(clock.now().getTime() - REPEAT_WINDOW_MS).toISOString(),
          ),
        },
        policy,
      );
      const at = now();
      const row = await db.transaction().execute(async (tx) => {
        const inserted = await insertComment(
          tx,
          {
            article_id: article.id,
            parent_id: parent?.id ?? null,
            status: held ? 'pending' : 'approved',
            status_before: null,
            held_reason: held,
            author_name: clean.name,
            author_email: clean.email,
            author_url: clean.website,
            author_ip: submission.ip,
            author_token_hash: tokenHash,
            user_id: null,
            body: clean.body,
            fingerprint,
            created_at: at,
            updated_at: at,
          },
          parent,
        );
        if (!held) await recountApproved(tx, article.id);
        return inserted;
      });
      if (!held) await events.emit('comment.approved', { commentId: row.id, articleId: article.id });
      return { comment: toPublic({ ...row, parent_name: parentName(parent) }), commenterToken };
    },

    /** A page of a story's conversation as this reader may see it (their own pending comments too). */
    async page(
      articleId: number,
      options: {
        page: number;
        order: CommentOrder;
        commenterToken?: string | undefined;
        /** The story's approved count as its row keeps it (updated with every status change): spares a count. */
        approvedCount?: number | undefined;
      },
    ) {
      const tokenHash = validToken(options.commenterToken) ? hashToken(options.commenterToken) : null;
      const total =
        tokenHash === null && options.approvedCount !== undefined
          ? options.approvedCount
          : await countVisible(db, articleId, tokenHash);
      const pages = Math.max(1, Math.ceil(total / COMMENTS_PER_PAGE));
      const page = Math.min(Math.max(1, Math.floor(options.page) || 1), pages);
      const rows =
        total === 0
          ? []
          : await listVisible(db, articleId, {
              viewerTokenHash: tokenHash,
              order: options.order,
              limit: COMMENTS_PER_PAGE,
              offset: (page - 1) * COMMENTS_PER_PAGE,
            });
      return { items: rows.map(toPublic), total, page, pages };
    },

    /** The page (oldest first) a comment this reader can see is on: where the form sends them back. */
    async pageOf(comment: PublicComment, commenterToken: string | undefined): Promise<number> {
      const tokenHash = validToken(commenterToken) ? hashToken(commenterToken) : null;
      const path = [...comment.ancestorIds, comment.id].map(pathSegment).join('/');
      const before = await countVisible(db, comment.articleId, tokenHash, path);
      return Math.floor(before / COMMENTS_PER_PAGE) + 1;
    },

    /** One approved comment of a story (whom a reply answers), or undefined. */
    async shown(articleId: number, id: number): Promise<PublicComment | undefined> {
      const row = await findApproved(db, articleId, id);
      return row && toPublic(row);
    },

    /** The newest approved comments of a story, newest first (its comment feed). */
    async latest(articleId: number, limit = 50): Promise<PublicComment[]> {
      return (await latestApproved(db, articleId, limit)).map(toPublic);
    },

    /**
     * What a commenter's browser still needs its cookie for: comments waiting for moderation, and
     * when they last posted (their own new comment must not come from a page cached before it).
     */
    async commenterState(token: string | undefined): Promise<{ pending: number; lastPostAt: string | null }> {
      if (!validToken(token)) return { pending: 0, lastPostAt: null };
      const row = await db
        .selectFrom('comments')
        .select((eb) => [
          eb.fn.max('created_at').as('last'),
          eb.fn.sum<number>(eb.case().when('status', '=', 'pending').then(1).else(0).end()).as('pending'),
        ])
        .where('author_token_hash', '=', hashToken(token))
        .executeTakeFirst();
      return { pending: Number(row?.pending ?? 0), lastPostAt: (row?.last as string | null) ?? null };
    },

    /** Stores a story's comments from an import (a WordPress export), threads and statuses kept. */
    importComments: (articleId: number, comments: readonly ImportedComment[]) =>
      importComments({ db, clock, events }, articleId, comments),

    /** Forgets client addresses older than the retention period (a periodic job). */
    async forgetOldAddresses(): Promise<number> {
      const before = new Date(clock.now().getTime() - policy.ipRetentionDays * 86_400_000).toISOString();
      const result = await db
        .updateTable('comments')
        .set({ author_ip: null })
        .where('created_at', '<', before)
        .where('author_ip', 'is not', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    ...moderation,
  };
}

function parentName(parent: CommentRow | null): string | null {
  return parent && parent.status === 'approved' ? parent.author_name : null;
}

export async function requireComment(db: Db, id: number): Promise<CommentRow> {
  const row = await findComment(db, id);
  if (!row) throw new NotFoundError('There is no such comment.');
  return row;
}
