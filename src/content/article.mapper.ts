import type { Block } from '../richtext/index.ts';
import { readStoredBody } from '../richtext/index.ts';
import type { ArticleRow, ArticleSummaryRow } from './article.repository.ts';
import type {
  Article,
  ArticleCorrection,
  ArticleSummary,
  Author,
  LeadImage,
  Provenance,
  Section,
  Tag,
} from './types.ts';

export function toLeadImage(row: ArticleSummaryRow): LeadImage | null {
  if (!row.lead_image_url) return null;
  return {
    mediaId: row.lead_image_media_id,
    url: row.lead_image_url,
    alt: row.lead_image_alt ?? '',
    caption: row.lead_image_caption,
    credit: row.lead_image_credit,
    width: row.lead_image_width,
    height: row.lead_image_height,
  };
}

export function toSummary(
  row: ArticleSummaryRow,
  section: Section | null,
  authors: Author[],
): ArticleSummary {
  return {
    id: row.id,
    slug: row.slug,
    language: row.language,
    title: row.title,
    dek: row.dek,
    excerpt: row.excerpt,
    status: row.status,
    publishedAt: row.published_at,
    revisedAt: row.revised_at,
    section,
    authors,
    leadImage: toLeadImage(row),
    commentCount: row.comment_count,
    commentsClosed: row.comments_closed === 1,
  };
}

export function toArticle(
  row: ArticleRow,
  parts: {
    section: Section | null;
    authors: Author[];
    tags: Tag[];
    source: Provenance | null;
    body?: Block[];
    corrections?: ArticleCorrection[];
  },
): Article {
  return {
    ...toSummary(row, parts.section, parts.authors),
    body: parts.body ?? readStoredBody(row.body),
    tags: parts.tags,
    source: parts.source,
    seoTitle: row.seo_title,
    seoDescription: row.seo_description,
    scheduledAt: row.scheduled_at,
    translationGroupId: row.translation_group_id,
    translationOfId: row.translation_of_id,
    ...(parts.corrections?.length ? { corrections: parts.corrections } : {}),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
