import type { Generated } from 'kysely';

/** What is searchable of one published article (see migrations/0030_search.ts). */
export interface SearchDocumentTable {
  article_id: number;
  language: string;
  section_id: number | null;
  published_at: string;
  /** The article version this row was built from: a mismatch means the index is behind. */
  version: number;
  title: string;
  dek: string;
  body: string;
  /** Tag and author names, searchable but weighted between title and body. */
  tags: string;
  /** PostgreSQL only: the text search configuration and the weighted vector built with it. */
  config?: string;
  tsv?: string;
}

/** The vocabulary of published text per language, with document frequencies, for typo correction. */
export interface SearchWordTable {
  id: Generated<number>;
  language: string;
  word: string;
  df: number;
}
