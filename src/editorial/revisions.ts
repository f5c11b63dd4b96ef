import type { Db } from '../db/database.ts';
import { blocksToPlainText, readStoredBody } from '../richtext/index.ts';
import type { RevisionKind } from './editorial.tables.ts';
import { type ArticleForm, formFromBody } from './article-form.ts';

export interface RevisionSummary {
  id: number;
  kind: RevisionKind;
  userName: string | null;
  createdAt: string;
  baseVersion: number;
}

/** Autosaves by one person within this long of their last one update it instead of adding a row. */
const AUTOSAVE_COALESCE_MS = 60_000;

export async function recordRevision(
  db: Db,
  values: {
    articleId: number;
    userId: number | null;
    kind: RevisionKind;
    form: ArticleForm;
    baseVersion: number;
    at: Date;
  },
): Promise<{ id: number; createdAt: string }> {
  const createdAt = values.at.toISOString();
  const snapshot = JSON.stringify(values.form);
  if (values.kind === 'autosave') {
    const last = await db
      .selectFrom('article_revisions')
      .select(['id', 'kind', 'user_id', 'created_at'])
      .where('article_id', '=', values.articleId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (
      last &&
      last.kind === 'autosave' &&
      last.user_id === values.userId &&
      values.at.getTime() - Date.parse(last.created_at) < AUTOSAVE_COALESCE_MS
    ) {
      await db
        .updateTable('article_revisions')
        .set({ snapshot, base_version: values.baseVersion })
        .where('id', '=', last.id)
        .execute();
      return { id: last.id, createdAt: last.created_at };
    }
  }
  const row = await db
    .insertInto('article_revisions')
    .values({
      article_id: values.articleId,
      user_id: values.userId,
      kind: values.kind,
      snapshot,
      base_version: values.baseVersion,
      created_at: createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, createdAt };
}

export async function listRevisions(db: Db, articleId: number): Promise<RevisionSummary[]> {
  const rows = await db
    .selectFrom('article_revisions')
    .leftJoin('users', 'users.id', 'article_revisions.user_id')
    .select([
      'article_revisions.id',
      'article_revisions.kind',
      'article_revisions.created_at',
      'article_revisions.base_version',
      'users.name as userName',
    ])
    .where('article_revisions.article_id', '=', articleId)
    .orderBy('article_revisions.id', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    userName: r.userName ?? null,
    createdAt: r.created_at,
    baseVersion: r.base_version,
  }));
}

export async function findRevision(
  db: Db,
  articleId: number,
  revisionId: number,
): Promise<(RevisionSummary & { form: ArticleForm }) | undefined> {
  const row = await db
    .selectFrom('article_revisions')
    .leftJoin('users', 'users.id', 'article_revisions.user_id')
    .select([
      'article_revisions.id',
      'article_revisions.kind',
      'article_revisions.created_at',
      'article_revisions.base_version',
      'article_revisions.snapshot',
      'users.name as userName',
    ])
    .where('article_revisions.article_id', '=', articleId)
    .where('article_revisions.id', '=', revisionId)
    .executeTakeFirst();
  if (!row) return undefined;
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(row.snapshot) as Record<string, unknown>;
  } catch {
    parsed = {};
  }
  return {
    id: row.id,
    kind: row.kind,
    userName: row.userName ?? null,
    createdAt: row.created_at,
    baseVersion: row.base_version,
    form: formFromBody(parsed),
  };
}

/** One line of a diff: kept, removed (only in the older text) or added (only in the newer). */
export interface DiffLine {
  op: 'same' | 'removed' | 'added';
  text: string;
}

/** A form as lines a person can compare: the headline, standfirst, then each paragraph of the body. */
export function formLines(form: ArticleForm): string[] {
  let body: string[] = [];
  try {
    body = blocksToPlainText(readStoredBody(form.body)).split(/\n+/);
  } catch {
    body = [form.body];
  }
  return [`# ${form.title}`, ...(form.dek ? [`» ${form.dek}`] : []), ...body].filter((l) => l.trim() !== '');
}

/**
 * A readable line diff (longest common subsequence), older → newer. Texts are at most a few thousand
 * lines, so the quadratic table is fine; longer inputs fall back to "all removed, all added".
 */
export function diffLines(older: readonly string[], newer: readonly string[]): DiffLine[] {
  const n = older.length;
  const m = newer.length;
  if (n * m > 4_000_000) {
    return [
      ...older.map((text) => ({ op: 'removed' as const, text })),
      ...newer.map((text) => ({ op: 'added' as const, text })),
    ];
  }
  const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i]![j] =
        older[i] === newer[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (older[i] === newer[j]) {
      out.push({ op: 'same', text: older[i]! });
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) {
      out.push({ op: 'removed', text: older[i++]! });
    } else {
      out.push({ op: 'added', text: newer[j++]! });
    }
  }
  while (i < n) out.push({ op: 'removed', text: older[i++]! });
  while (j < m) out.push({ op: 'added', text: newer[j++]! });
  return out;
}
