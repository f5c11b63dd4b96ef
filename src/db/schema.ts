import type {
  ArticleAuthorTable,
  ArticleSourceTable,
  ArticleTable,
  ArticleTagTable,
  AuthorTable,
  MediaTable,
  SectionTable,
  SettingTable,
  TagTable,
  TranslationGroupTable,
} from '../content/content.tables.ts';
import type { LoginThrottleTable, SessionTable, UserTable } from '../auth/auth.tables.ts';
import type { JobTable, LeaseTable } from '../jobs/jobs.tables.ts';
import type {
  AuthorTranslationTable,
  SectionTranslationTable,
  TagTranslationTable,
} from '../content/translation.tables.ts';
import type { SearchDocumentTable, SearchWordTable } from '../search/search.tables.ts';
import type {
  ArticleFingerprintTable,
  ArticleFingerprintTermTable,
  IngestFeedTable,
  IngestItemTable,
} from '../ingest/ingest.tables.ts';
import type { CacheArticleFactsTable } from '../cache/cache.tables.ts';
import type {
  ArticleCorrectionTable,
  ArticleOwnerTable,
  ArticleReviewNoteTable,
  ArticleRevisionTable,
} from '../editorial/editorial.tables.ts';
import type {
  RelatedCountTable,
  RelatedDocumentTable,
  RelatedPickTable,
  RelatedPostingTable,
  RelatedTermTable,
} from '../related/related.tables.ts';
import type { CommentTable } from '../comments/comments.tables.ts';
import type { WebhookDeliveryTable, WebhookTable } from '../webhooks/webhooks.tables.ts';
import type { ArticleViewsTable } from '../readership/readership.tables.ts';

/** Every table Kysely knows, one line per table; each feature folder owns its table types. */
export interface Database {
  sections: SectionTable;
  authors: AuthorTable;
  tags: TagTable;
  media: MediaTable;
  translation_groups: TranslationGroupTable;
  articles: ArticleTable;
  article_authors: ArticleAuthorTable;
  article_tags: ArticleTagTable;
  article_sources: ArticleSourceTable;
  settings: SettingTable;
  jobs: JobTable;
  leases: LeaseTable;
  users: UserTable;
  sessions: SessionTable;
  login_throttle: LoginThrottleTable;
  search_documents: SearchDocumentTable;
  search_words: SearchWordTable;
  ingest_feeds: IngestFeedTable;
  ingest_items: IngestItemTable;
  article_fingerprints: ArticleFingerprintTable;
  article_fingerprint_terms: ArticleFingerprintTermTable;
  section_translations: SectionTranslationTable;
  tag_translations: TagTranslationTable;
  author_translations: AuthorTranslationTable;
  cache_article_facts: CacheArticleFactsTable;
  article_owners: ArticleOwnerTable;
  article_revisions: ArticleRevisionTable;
  article_review_notes: ArticleReviewNoteTable;
  article_corrections: ArticleCorrectionTable;
  related_terms: RelatedTermTable;
  related_documents: RelatedDocumentTable;
  related_counts: RelatedCountTable;
  related_postings: RelatedPostingTable;
  related_picks: RelatedPickTable;
  comments: CommentTable;
  webhooks: WebhookTable;
  webhook_deliveries: WebhookDeliveryTable;
  article_views: ArticleViewsTable;
}
