import type { Db } from '../db/database.ts';
import { authorsByArticle } from '../content/author.repository.ts';
import { tagsByArticle } from '../content/tag.repository.ts';
import { blocksToPlainText, readStoredBody } from '../richtext/index.ts';
import { squish } from '../shared/text.ts';
import { HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN } from './highlight.ts';

/** What the index holds of one published article. */
export interface SearchDocument {
  articleId: number;
  language: string;
  sectionId: number | null;
  publishedAt: string;
  version: number;
  title: string;
  dek: string;
  body: string;
  tags: string;
}

/**
 * Builds the search documents of the given articles, or of none that are not published (callers
 * remove those from the index). One road for a single article after it was saved and for a full reindex.
 */
export async function loadSearchDocuments(db: Db, ids: readonly number[]): Promise<SearchDocument[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'language', 'section_id', 'published_at', 'version', 'title', 'dek', 'body'])
    .where('id', 'in', [...ids])
    .where('status', '=', 'published')
    .execute();
  const live = rows.map((r) => r.id);
  const [tags, authors] = await Promise.all([tagsByArticle(db, live), authorsByArticle(db, live)]);
  return rows.map((row) => ({
    articleId: row.id,
    language: row.language,
    sectionId: row.section_id,
    publishedAt: row.published_at ?? '',
    version: row.version,
    title: clean(row.title),
    dek: clean(row.dek ?? ''),
    body: clean(blocksToPlainText(readStoredBody(row.body))),
    tags: clean(
      [
        ...(tags.get(row.id) ?? []).map((t) => t.name),
        ...(authors.get(row.id) ?? []).map((a) => a.name),
      ].join(' · '),
    ),
  }));
}

/** The highlight markers must never occur in stored text, or a snippet could mark what did not match. */
function clean(text: string): string {
  return squish(text.replaceAll(HIGHLIGHT_OPEN, '').replaceAll(HIGHLIGHT_CLOSE, ''));
}
