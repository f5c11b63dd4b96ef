import type { Block } from '../richtext/index.ts';
import type { ArticleStatus } from './content.tables.ts';

export type { ArticleStatus };
export const ARTICLE_STATUSES = [
  'draft',
  'review',
  'scheduled',
  'published',
  'unpublished',
] as const satisfies readonly ArticleStatus[];

export interface Section {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  parentId: number | null;
  position: number;
}

export interface Author {
  id: number;
  slug: string;
  name: string;
  bio: string | null;
  avatarUrl: string | null;
  jobTitle: string | null;
  websiteUrl: string | null;
}

export interface Tag {
  id: number;
  slug: string;
  name: string;
}

export interface LeadImage {
  mediaId: number | null;
  url: string;
  alt: string;
  caption: string | null;
  credit: string | null;
  width: number | null;
  height: number | null;
}

/** The chain of credit for a story that began elsewhere. */
export interface Provenance {
  outlet: string | null;
  outletUrl: string | null;
  originalUrl: string | null;
  originalTitle: string | null;
  originalAuthor: string | null;
  originalLanguage: string | null;
  originalPublishedAt: string | null;
  basedOn: string | null;
  basedOnUrl: string | null;
  translator: string | null;
  retrievedAt: string | null;
  contentHash: string | null;
}

/** What a card or a list needs: everything but the body. */
export interface ArticleSummary {
  id: number;
  slug: string;
  language: string;
  title: string;
  dek: string | null;
  excerpt: string;
  status: ArticleStatus;
  publishedAt: string | null;
  revisedAt: string | null;
  section: Section | null;
  authors: Author[];
  leadImage: LeadImage | null;
  /** Approved reader comments. */
  commentCount?: number;
  /** An editor closed the story to new comments (see comments/ for the automatic closing). */
  commentsClosed?: boolean;
}

export interface TranslationLink {
  id: number;
  language: string;
  slug: string;
  title: string;
  sectionSlug: string | null;
  status: ArticleStatus;
  /** The article this one translates, when the original is on this site. */
  translationOfId: number | null;
}

/**
 * A dated note on a published story: "Correction: …" or "Update: …". Shown on the article and, for
 * corrections, in its JSON-LD (`correction`). The editor's workflow writes them.
 */
export interface ArticleCorrection {
  kind: 'correction' | 'update';
  text: string;
  publishedAt: string;
}

export interface Article extends ArticleSummary {
  body: Block[];
  tags: Tag[];
  source: Provenance | null;
  seoTitle: string | null;
  seoDescription: string | null;
  scheduledAt: string | null;
  translationGroupId: number | null;
  translationOfId: number | null;
  /** Corrections and updates, oldest first, when the article has any. */
  corrections?: ArticleCorrection[];
  version: number;
  createdAt: string;
  updatedAt: string;
}
