import type { Insertable, Selectable } from 'kysely';
import type { Db, Tx } from '../db/database.ts';
import type { CommentTable } from './comments.tables.ts';

export type CommentRow = Selectable<CommentTable>;

/** Ids in a path are zero-padded so that text order is number order. */
export function pathSegment(id: number): string {
  return String(id).padStart(10, '0');
}

/** Inserts a comment and gives it its place in the thread (`path` needs the new id). */
export async function insertComment(
  tx: Tx,
  values: Omit<Insertable<CommentTable>, 'path' | 'root_id' | 'depth'>,
  parent: Pick<CommentRow, 'path' | 'root_id' | 'depth' | 'id'> | null,
): Promise<CommentRow> {
  const inserted = await tx
    .insertInto('comments')
    .values({ ...values, path: '', depth: parent ? parent.depth + 1 : 0, root_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(inserted.id);
  const path = parent ? `${parent.path}/${pathSegment(id)}` : pathSegment(id);
  return tx
    .updateTable('comments')
    .set({ path, root_id: parent ? (parent.root_id ?? parent.id) : id })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findComment(db: Db, id: number): Promise<CommentRow | undefined> {
  return db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Keeps the article's approved count (shown on its page and every card) equal to the truth. */
export async function recountApproved(tx: Tx, articleId: number): Promise<void> {
  await tx
    .updateTable('articles')
    .set((eb) => ({
      comment_count: eb
        .selectFrom('comments')
        .select(eb.fn.countAll<number>().as('n'))
        .where('comments.article_id', '=', articleId)
        .where('comments.status', '=', 'approved'),
    }))
    .where('id', '=', articleId)
    .execute();
}

/** Whether this email address has a comment an editor approved (WordPress's first-time rule). */
export async function hasApprovedComment(db: Db, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('comments')
    .select('id')
    .where('author_email', '=', email)
    .where('status', '=', 'approved')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether the same text was posted before (anywhere) since `since`. */
export async function textSeenSince(db: Db, fingerprint: string, since: string): Promise<boolean> {
  const row = await db
    .selectFrom('comments')
    .select('id')
    .where('fingerprint', '=', fingerprint)
    .where('created_at', '>=', since)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** What a reader may see of a story's comments: the approved ones, and their own pending ones. */
function visibleTo(db: Db, articleId: number, viewerTokenHash: string | null) {
  return db
    .selectFrom('comments')
    .where('comments.article_id', '=', articleId)
    .where((eb) =>
      viewerTokenHash
        ? eb.or([
            eb('comments.status', '=', 'approved'),
            eb.and([
              eb('comments.status', '=', 'pending'),
              eb('comments.author_token_hash', '=', viewerTokenHash),
            ]),
          ])
        : eb('comments.status', '=', 'approved'),
    );
}

export type CommentOrder = 'oldest' | 'newest';

/** The columns a reader may see: never the email, the address or the commenter token. */
export const PUBLIC_COLUMNS = [
  'comments.id',
  'comments.article_id',
  'comments.parent_id',
  'comments.depth',
  'comments.path',
  'comments.status',
  'comments.author_name',
  'comments.author_url',
  'comments.user_id',
  'comments.body',
  'comments.created_at',
] as const;

export type PublicCommentRow = Pick<
  CommentRow,
  | 'id'
  | 'article_id'
  | 'parent_id'
  | 'depth'
  | 'path'
  | 'status'
  | 'author_name'
  | 'author_url'
  | 'user_id'
  | 'body'
  | 'created_at'
> & { parent_name: string | null };

/**
 * One page of a story's conversation in thread order: threads oldest or newest first, each thread
 * depth-first and oldest first inside. One range read of the (article, status, path) index.
 */
export async function listVisible(
  db: Db,
  articleId: number,
  options: { viewerTokenHash: string | null; order: CommentOrder; limit: number; offset: number },
): Promise<PublicCommentRow[]> {
  let query = visibleTo(db, articleId, options.viewerTokenHash)
    .leftJoin('comments as parent', (join) =>
      join.onRef('parent.id', '=', 'comments.parent_id').on('parent.status', '=', 'approved'),
    )
    .select([...PUBLIC_COLUMNS, 'parent.author_name as parent_name']);
  query =
    options.order === 'newest'
      ? query.orderBy('comments.root_id', 'desc').orderBy('comments.path', 'asc')
      : query.orderBy('comments.path', 'asc');
  return query.limit(options.limit).offset(options.offset).execute();
}

export async function countVisible(
  db: Db,
  articleId: number,
  viewerTokenHash: string | null,
  beforePath?: string,
): Promise<number> {
  let query = visibleTo(db, articleId, viewerTokenHash);
  if (beforePath !== undefined) query = query.where('comments.path', '<', beforePath);
  const row = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The newest approved comments of a story (its comment feed). */
export async function latestApproved(db: Db, articleId: number, limit: number): Promise<PublicCommentRow[]> {
  return db
    .selectFrom('comments')
    .leftJoin('comments as parent', (join) =>
      join.onRef('parent.id', '=', 'comments.parent_id').on('parent.status', '=', 'approved'),
    )
    .select([...PUBLIC_COLUMNS, 'parent.author_name as parent_name'])
    .where('comments.article_id', '=', articleId)
    .where('comments.status', '=', 'approved')
    .orderBy('comments.id', 'desc')
    .limit(limit)
    .execute();
}

/** One approved comment of a story, as readers see it. */
export async function findApproved(
  db: Db,
  articleId: number,
  id: number,
): Promise<PublicCommentRow | undefined> {
  return db
    .selectFrom('comments')
    .leftJoin('comments as parent', (join) =>
      join.onRef('parent.id', '=', 'comments.parent_id').on('parent.status', '=', 'approved'),
    )
    .select([...PUBLIC_COLUMNS, 'parent.author_name as parent_name'])
    .where('comments.article_id', '=', articleId)
    .where('comments.id', '=', id)
    .where('comments.status', '=', 'approved')
    .executeTakeFirst();
}
