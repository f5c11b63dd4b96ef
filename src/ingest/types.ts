import type { Block } from '../richtext/index.ts';

/** The lead image as the source presented it; `url` is null when only its caption survived (plain text). */
export interface ExtractedImage {
  url: string | null;
  alt: string;
  caption: string | null;
  credit: string | null;
}

/** Where the story came from, as far as the page itself says. */
export interface ExtractedSource {
  outlet: string | null;
  url: string | null;
  originalTitle: string | null;
  originalAuthor: string | null;
}

/**
 * One story as the importer read it, before anything is saved: what `newsdesk import --dry-run --json`
 * prints, what the Import page previews, and what becomes a draft.
 */
export interface ExtractedArticle {
  title: string;
  dek: string | null;
  authors: string[];
  publishedAt: string | null;
  language: string | null;
  leadImage: ExtractedImage | null;
  source: ExtractedSource;
  body: Block[];
  tags: string[];
  section: string | null;
}
