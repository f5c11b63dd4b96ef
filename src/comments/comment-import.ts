import { linkedom } from '../shared/linkedom.ts';
import type { Db } from '../db/database.ts';
import type { Clock } from '../shared/clock.ts';
import type { EventBus } from '../shared/events.ts';
import { insertComment, recountApproved } from './comment.repository.ts';
import { fingerprintOf, NAME_MAX_LENGTH } from './comment.rules.ts';
import { COMMENT_MAX_LENGTH, normaliseCommentText } from './comment-text.ts';
import { isCommentStatus } from './moderation.ts';

/** A comment brought from another system (a WordPress export): its own ids keep the threads. */
export interface ImportedComment {
  id: number;
  parentId: number | null;
  author: string;
  email: string | null;
  url: string | null;
  ip: string | null;
  date: string | null;
  /** As the other system stored it: WordPress keeps a little HTML. */
  content: string;
  status: string;
  /** Only `comment` (or empty) is a reader's comment; pingbacks and trackbacks are not. */
  type: string;
}

/** The text of a comment stored as HTML: line and paragraph breaks kept, tags dropped, entities read. */
export function textOfCommentHtml(html: string): string {
  const marked = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p\s*>/gi, '\n\n')
    .replace(
      /<a\s[^>]*href\s*=\s*["']([^"']+)["'][^>]*>([\s\S]*?)<\/a>/gi,
      (_m, href: string, label: string) =>
        label.replace(/<[^>]*>/g, '').trim() === href ? href : `${label} (${href})`,
    );
  const { document } = linkedom().parseHTML(`<!doctype html><html><body><div>${marked}</div></body></html>`);
  return normaliseCommentText(document.querySelector('div')?.textContent ?? '');
}

/**
 * Stores a story's imported comments with their threads and moderation statuses, in one transaction:
 * parents before replies (a reply whose parent is missing starts its own thread), pingbacks and
 * trackbacks left out. Returns how many were stored.
 */
export async function importComments(
  deps: { db: Db; clock: Clock; events: EventBus },
  articleId: number,
  comments: readonly ImportedComment[],
): Promise<number> {
  const readers = comments
    .filter((c) => c.type === '' || c.type === 'comment')
    .map((c) => ({ ...c, text: textOfCommentHtml(c.content).slice(0, COMMENT_MAX_LENGTH) }))
    .filter((c) => c.text);
  if (readers.length === 0) return 0;
  const byId = new Map(readers.map((c) => [c.id, c]));
  const now = deps.clock.now().toISOString();
  const stored = await deps.db.transaction().execute(async (tx) => {
    const made = new Map<number, Awaited<ReturnType<typeof insertComment>>>();
    const store = async (comment: (typeof readers)[number], seen: Set<number>): Promise<void> => {
      if (made.has(comment.id) || seen.has(comment.id)) return;
      seen.add(comment.id);
      const parentSource = comment.parentId ? byId.get(comment.parentId) : undefined;
      if (parentSource) await store(parentSource, seen);
      const parent = comment.parentId ? (made.get(comment.parentId) ?? null) : null;
      const date =
        comment.date && !Number.isNaN(Date.parse(comment.date)) ? new Date(comment.date).toISOString() : now;
      const row = await insertComment(
        tx,
        {
          article_id: articleId,
          parent_id: parent?.id ?? null,
          status: isCommentStatus(comment.status) ? comment.status : 'pending',
          status_before: null,
          held_reason: null,
          author_name: comment.author.trim().slice(0, NAME_MAX_LENGTH) || 'Anonymous',
          author_email: (comment.email ?? '').trim().toLowerCase().slice(0, 254),
          author_url: comment.url && /^https?:\/\//i.test(comment.url) ? comment.url.slice(0, 300) : null,
          author_ip: comment.ip,
          author_token_hash: null,
          user_id: null,
          body: comment.text,
          fingerprint: fingerprintOf(comment.text),
          created_at: date,
          updated_at: now,
        },
        parent,
      );
      made.set(comment.id, row);
    };
    // Oldest first, so ids (and so thread order) follow the original dates.
    const ordered = [...readers].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.id - b.id);
    for (const comment of ordered) await store(comment, new Set());
    await recountApproved(tx, articleId);
    return made.size;
  });
  await deps.events.emit('comment.changed', { commentId: 0, articleId });
  return stored;
}
