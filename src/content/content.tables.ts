import type { Generated } from 'kysely';

/**
 * Tables of the content model. Times are ISO-8601 UTC strings (see shared/clock.ts); booleans are
 * 0/1 integers; the article body is block-model JSON (see richtext/blocks.ts). Same shape on SQLite
 * and PostgreSQL.
 */
export interface SectionTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string | null;
  parent_id: number | null;
  position: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface AuthorTable {
  id: Generated<number>;
  slug: string;
  name: string;
  bio: string | null;
  avatar_url: string | null;
  job_title: string | null;
  website_url: string | null;
  created_at: string;
  updated_at: string;
}

export interface TagTable {
  id: Generated<number>;
  slug: string;
  name: string;
  created_at: string;
}

export interface MediaTable {
  id: Generated<number>;
  kind: string;
  storage_key: string;
  original_name: string | null;
  mime: string;
  width: number | null;
  height: number | null;
  bytes: number | null;
  alt: string | null;
  caption: string | null;
  credit: string | null;
  /** Alt, caption, credit and file name, lower-cased in JavaScript: what the library's search matches. */
  search_text: string | null;
  /** The user who uploaded it (null for demo and imported files). */
  uploaded_by: number | null;
  created_at: string;
  updated_at: string | null;
}

export interface TranslationGroupTable {
  id: Generated<number>;
  created_at: string;
}

export type ArticleStatus = 'draft' | 'review' | 'scheduled' | 'published' | 'unpublished';

export interface ArticleTable {
  id: Generated<number>;
  language: string;
  slug: string;
  title: string;
  dek: string | null;
  /** Block-model JSON, validated by richtext/blocks.ts before it is written. */
  body: string;
  /** Plain-text opening of the body, derived on save; used for cards, meta descriptions and feeds. */
  excerpt: string;
  status: ArticleStatus;
  section_id: number | null;
  /** First publication time; kept when an article is unpublished and published again. */
  published_at: string | null;
  /** When the published story was last revised for readers ("Updated …"); null if never. */
  revised_at: string | null;
  /** When a scheduled article goes live. */
  scheduled_at: string | null;
  lead_image_media_id: number | null;
  lead_image_url: string | null;
  lead_image_alt: string | null;
  lead_image_caption: string | null;
  lead_image_credit: string | null;
  lead_image_width: number | null;
  lead_image_height: number | null;
  seo_title: string | null;
  seo_description: string | null;
  translation_group_id: number | null;
  /** The article this one translates, when the original is on this site. */
  translation_of_id: number | null;
  /** Optimistic-locking counter: every save must name the version it started from. */
  version: Generated<number>;
  /** Approved reader comments, kept by the comments service in the same transaction as the change. */
  comment_count: Generated<number>;
  /** 1 when an editor closed the story to new comments. */
  comments_closed: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface ArticleAuthorTable {
  article_id: number;
  author_id: number;
  position: number;
}

export interface ArticleTagTable {
  article_id: number;
  tag_id: number;
  position: number;
}

/** Where a story came from: the chain of credit shown on the page and in JSON-LD. */
export interface ArticleSourceTable {
  article_id: number;
  outlet: string | null;
  outlet_url: string | null;
  original_url: string | null;
  original_title: string | null;
  original_author: string | null;
  original_language: string | null;
  original_published_at: string | null;
  based_on: string | null;
  based_on_url: string | null;
  translator: string | null;
  retrieved_at: string | null;
  content_hash: string | null;
}

export interface SettingTable {
  key: string;
  value: string;
}
