import { type RawBuilder, sql } from 'kysely';
import type { Db, Tx } from '../db/database.ts';
import type { SearchDocument } from './documents.ts';
import type { ParsedQuery } from './query.ts';

export type SearchSort = 'relevance' | 'newest';

/** Which published stories a search may return. Dates are ISO instants; `to` is exclusive. */
export interface SearchFilters {
  language: string;
  sectionIds?: readonly number[];
  authorId?: number;
  from?: string;
  to?: string;
}

export interface EngineRequest extends SearchFilters {
  query: ParsedQuery;
  sort: SearchSort;
  limit: number;
  offset: number;
}

/** A hit as the database found it: title and snippet carry the highlight markers of highlight.ts. */
export interface EngineHit {
  articleId: number;
  score: number;
  markedTitle: string;
  markedSnippet: string;
}

/**
 * The one search interface; `sqlite-engine.ts` (FTS5, bm25) and `postgres-engine.ts` (tsvector, GIN,
 * pg_trgm) implement it, and everything else in the product talks to this.
 */
export interface SearchEngine {
  search(request: EngineRequest): Promise<{ total: number; hits: EngineHit[] }>;
  /** Words of the vocabulary that look like `word` (shared trigrams), for typo correction. */
  similarWords(language: string, word: string): Promise<Array<{ word: string; df: number }>>;
  /**
   * The most used words of the vocabulary that begin with `prefix` and that matching the prefix
   * itself might miss (its stemmer cuts them differently), to be matched as words beside it.
   */
  wordsWithPrefix(language: string, prefix: string, limit: number): Promise<string[]>;
  /** Inserts or replaces a document (the dialect decides how its index follows). */
  writeDocument(db: Db | Tx, doc: SearchDocument): Promise<void>;
}

/** The filter conditions both dialects share, over `search_documents` aliased `d`. */
export function filterConditions(filters: SearchFilters): RawBuilder<unknown>[] {
  const conditions = [sql`d.language = ${filters.language}`];
  if (filters.sectionIds) conditions.push(sql`d.section_id IN (${sql.join([...filters.sectionIds, -1])})`);
  if (filters.authorId !== undefined)
    conditions.push(
      sql`EXISTS (SELECT 1 FROM article_authors aa WHERE aa.article_id = d.article_id AND aa.author_id = ${filters.authorId})`,
    );
  if (filters.from) conditions.push(sql`d.published_at >= ${filters.from}`);
  if (filters.to) conditions.push(sql`d.published_at < ${filters.to}`);
  return conditions;
}

export function documentColumns(doc: SearchDocument) {
  return {
    article_id: doc.articleId,
    language: doc.language,
    section_id: doc.sectionId,
    published_at: doc.publishedAt,
    version: doc.version,
    title: doc.title,
    dek: doc.dek,
    body: doc.body,
    tags: doc.tags,
  };
}

/** Trigrams of a word, as pg_trgm and FTS5's trigram tokenizer see it. */
export function trigrams(word: string): string[] {
  const chars = [...word];
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars.slice(i, i + 3).join(''));
  return [...grams];
}
