import type { Generated } from 'kysely';

/** A feed the newsroom follows: polled on a schedule with conditional GET. */
export interface IngestFeedTable {
  id: Generated<number>;
  url: string;
  title: string | null;
  site_url: string | null;
  language: string | null;
  /** Where drafts from this feed are filed, if anywhere. */
  section_id: number | null;
  etag: string | null;
  last_modified: string | null;
  interval_minutes: Generated<number>;
  next_poll_at: string;
  last_polled_at: string | null;
  last_error: string | null;
  error_count: Generated<number>;
  active: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** One thing taken in: a feed item, an exported post, a page. `item_key` is unique, so each is taken once. */
export interface IngestItemTable {
  id: Generated<number>;
  item_key: string;
  kind: string;
  feed_id: number | null;
  article_id: number | null;
  source_url: string | null;
  content_hash: string | null;
  /** JSON: the story as the importer read it (lead-image caption and credit of a text import live only here). */
  extracted: string | null;
  created_at: string;
}

/** The weighted terms of an article's text, for finding the same story told twice. */
export interface ArticleFingerprintTable {
  article_id: number;
  language: string;
  /** JSON: { terms: [term, weight][], anchors: string[] }. */
  vector: string;
  /** The article's updated_at when the fingerprint was taken; older means stale. */
  article_updated_at: string;
}

/** The most telling terms of each fingerprint, to find candidates without reading every article. */
export interface ArticleFingerprintTermTable {
  term: string;
  article_id: number;
}
