/**
 * Names and descriptions of sections, tags and authors in languages other than the one their own row
 * is written in (see migrations/0080_translations.ts). A missing row means "use the default wording".
 */
export interface SectionTranslationTable {
  section_id: number;
  language: string;
  name: string;
  description: string | null;
  updated_at: string;
}

export interface TagTranslationTable {
  tag_id: number;
  language: string;
  name: string;
  /** `name` folded for comparison (see `tagNameKey`). */
  name_key: string;
  updated_at: string;
}

export interface AuthorTranslationTable {
  author_id: number;
  language: string;
  job_title: string | null;
  bio: string | null;
  updated_at: string;
}
