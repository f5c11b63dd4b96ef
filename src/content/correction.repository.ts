import type { Db, Tx } from '../db/database.ts';
import type { ArticleCorrection } from './types.ts';

/** Corrections and updates of a batch of articles, oldest first, in one query. */
export async function correctionsByArticle(
  db: Db | Tx,
  articleIds: readonly number[],
): Promise<Map<number, ArticleCorrection[]>> {
  const result = new Map<number, ArticleCorrection[]>();
  if (articleIds.length === 0) return result;
  const rows = await db
    .selectFrom('article_corrections')
    .select(['article_id', 'kind', 'text', 'published_at'])
    .where('article_id', 'in', [...new Set(articleIds)])
    .orderBy('published_at')
    .orderBy('id')
    .execute();
  for (const row of rows) {
    const list = result.get(row.article_id) ?? [];
    list.push({ kind: row.kind, text: row.text, publishedAt: row.published_at });
    result.set(row.article_id, list);
  }
  return result;
}
