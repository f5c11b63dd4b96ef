import type { Generated } from 'kysely';

/**
 * Tables of the newsroom's workflow (migration 0010): who started each story, every autosave and save
 * as a revision, review notes, and the dated corrections and updates shown on published stories.
 */
export interface ArticleOwnerTable {
  article_id: number;
  /** The user who created the story: "own articles" for authors and contributors. */
  user_id: number;
}

export type RevisionKind = 'autosave' | 'save' | 'restore';

export interface ArticleRevisionTable {
  id: Generated<number>;
  article_id: number;
  user_id: number | null;
  kind: RevisionKind;
  /** The editor's form as JSON (see editorial/article-form.ts): everything needed to restore it. */
  snapshot: string;
  /** The article version the writer started from. */
  base_version: number;
  created_at: string;
}

export type ReviewAction = 'submitted' | 'returned' | 'approved';

export interface ArticleReviewNoteTable {
  id: Generated<number>;
  article_id: number;
  user_id: number | null;
  action: ReviewAction;
  note: string | null;
  created_at: string;
}

export interface ArticleCorrectionTable {
  id: Generated<number>;
  article_id: number;
  kind: 'correction' | 'update';
  text: string;
  published_at: string;
  user_id: number | null;
}
