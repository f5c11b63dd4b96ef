import type { Generated } from 'kysely';

export type CommentStatus = 'pending' | 'approved' | 'spam' | 'trash';
export const COMMENT_STATUSES: readonly CommentStatus[] = ['pending', 'approved', 'spam', 'trash'];

/**
 * A reader's comment. The email is for editors only (never shown, never in a feed or the API); the
 * client address is kept for moderation and cleared after COMMENTS_IP_RETENTION_DAYS. The commenter
 * token hash lets the person who wrote a pending comment (and only them) see it.
 */
export interface CommentTable {
  id: Generated<number>;
  article_id: number;
  parent_id: number | null;
  /** The thread's top comment (itself for a top comment). */
  root_id: number | null;
  /** 0 for a top comment, 1 for a reply to it, and so on. */
  depth: number;
  /** Zero-padded ids from the root down, '/'-separated: sorting by it walks each thread depth-first. */
  path: string;
  status: CommentStatus;
  /** What a comment was before it went to spam or trash, so "restore" puts it back. */
  status_before: CommentStatus | null;
  /** Why a comment waits for moderation (first-time, links, blocked-word, repeat). */
  held_reason: string | null;
  author_name: string;
  author_email: string;
  author_url: string | null;
  author_ip: string | null;
  author_token_hash: string | null;
  /** The editor who wrote it, when the publication replied. */
  user_id: number | null;
  body: string;
  /** SHA-256 of the normalised text: repeats of the same text are held. */
  fingerprint: string;
  created_at: string;
  updated_at: string;
}
