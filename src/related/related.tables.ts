import type { Generated } from 'kysely';

/** The related-stories vocabulary per language: word stems (`w:`), names (`n:`), tags (`t:`). */
export interface RelatedTermTable {
  id: Generated<number>;
  language: string;
  term: string;
  /** A form a person recognises (the first seen), for explanations. */
  label: string;
  /** How many published stories of the language hold the term. */
  df: number;
}

/** One published story as the related engine sees it (see vector.ts for the encoding). */
export interface RelatedDocumentTable {
  article_id: number;
  language: string;
  group_id: number | null;
  published_at: string;
  /** The article version this row was built from: a mismatch means it is behind. */
  version: number;
  /** Its unit TF-IDF vector over its strongest terms: "id:weight" pairs. */
  vector: string;
  /** Every term id it holds (space-separated), to give back their document frequencies when it goes. */
  terms: string;
  updated_at: string;
}

/** How many documents each language has (the N of inverse document frequencies), kept with them. */
export interface RelatedCountTable {
  language: string;
  documents: number;
}

/** The inverted index over each story's strongest terms; weight is the vector weight × 100,000. */
export interface RelatedPostingTable {
  term_id: number;
  article_id: number;
  weight: number;
}

/** A story's chosen related stories, best first, with what they share (JSON `PickReason[]`). */
export interface RelatedPickTable {
  article_id: number;
  rank: number;
  pick_id: number;
  score: number;
  similarity: number;
  reasons: string;
  computed_at: string;
}
