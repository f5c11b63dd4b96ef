import type { FastifyInstance } from 'fastify';
import type { AuthService } from '../auth/auth.service.ts';
import type { CommentService } from '../comments/comment.service.ts';
import type { UserAdmin } from '../auth/user-admin.ts';
import type { Config } from '../config.ts';
import type { ArticleService } from '../content/article.service.ts';
import type { TaxonomyService } from '../content/taxonomy.service.ts';
import type { SiteUrls } from '../content/urls.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { FeedService } from '../feeds/feed.service.ts';
import type { SitemapService } from '../feeds/sitemap.service.ts';
import type { RelatedService } from '../related/related.service.ts';
import type { SearchService } from '../search/search.service.ts';
import type { EditorialService } from '../editorial/editorial.service.ts';
import type { DuplicateFinder } from '../ingest/duplicates/duplicate-finder.ts';
import type { FeedPoller } from '../ingest/feeds/feed-poller.ts';
import type { IngestService } from '../ingest/ingest.service.ts';
import type { ImportStaging } from '../ingest/staging.ts';
import type { Translator } from '../i18n/i18n.ts';
import type { MediaService } from '../media/media.service.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import type { PageCache } from '../cache/page-cache.ts';
import type { MediaStorage } from '../media/storage.ts';
import type { Purger } from '../cache/purger.ts';
import type { ReaderCache } from '../cache/reader-cache.ts';
import type { SharedState } from '../scale/shared-state.ts';
import type { Clock } from '../shared/clock.ts';
import type { Logger } from '../shared/logger.ts';
import type { WebhookService } from '../webhooks/webhook.service.ts';
import type { Readership } from '../readership/readership.service.ts';
import type { ViewCounter } from '../readership/view-counter.ts';

/** The services and settings every route may use, built once in app.ts and handed to the HTTP layer. */
export interface HttpDeps {
  config: Config;
  logger: Logger;
  clock: Clock;
  database: DatabaseHandle;
  urls: SiteUrls;
  translators: Map<string, Translator>;
  articles: ArticleService;
  taxonomy: TaxonomyService;
  auth: AuthService;
  /** Admins' changes to other accounts (roles, deactivation), with the rules against lock-out. */
  users: UserAdmin;
  /** The media library: uploads, variants, search (src/media). */
  media: MediaService;
  jobs: JobRunner;
  search: SearchService;
  related: RelatedService;
  assets: AssetManifest;
  feeds: FeedService;
  sitemaps: SitemapService;
  /** Imports (the Import page) and same-story warnings (for the editor, before publishing). */
  ingest: IngestService;
  importStaging: ImportStaging;
  followedFeeds: FeedPoller;
  duplicates: DuplicateFinder;
  /** The newsroom's workflow: article list, editor saves, revisions, review, scheduling, corrections. */
  editorial: EditorialService;
  /** Reader comments and their moderation. */
  comments: CommentService;
  /** Receivers admins registered, and their delivery logs (/admin/webhooks). */
  webhooks: WebhookService;
  /** Counts story views (the beacon) without cookies or addresses kept. */
  viewCounter: ViewCounter;
  /** Most read stories and views per day. */
  readership: Readership;
  /** Redis (when configured), the cluster bus and the rate limiter that every instance shares. */
  shared: SharedState;
  /** This instance's full-page cache; undefined when `PAGE_CACHE_MB=0`. */
  pageCache: PageCache | undefined;
  /** Where media files live (local directory or S3-compatible store); `/media/` is served from it. */
  storage: MediaStorage;
  /** What reader pages are built from, between renders (cache/reader-cache.ts). */
  readerCache: ReaderCache;
  purger: Purger;
}

/** Fingerprinted static asset paths (`/assets/site.css?v=<hash>`), computed once at start-up. */
export interface AssetManifest {
  stylesheet: string;
  script: string | undefined;
  adminStylesheet: string;
  adminScript: string | undefined;
  /** The article list's and editor's styles, beside admin.css. */
  editorStylesheet: string;
  /** Posting comments in place (progressive enhancement of the comment form). */
  commentsScript: string;
  /** The article page's view beacon (counts a view once the page is shown; no cookie). */
  viewBeacon: string;
  icon: string;
  logo: string;
  /** The logo's size in pixels, for the publisher's logo in structured data. */
  logoSize: { width: number; height: number } | null;
}

/** Options a language-scoped route plugin is registered with: `/` for the default language, `/uk` for Ukrainian. */
export interface LanguageScope {
  lang: string;
  deps: HttpDeps;
}

export type RoutePlugin = (app: FastifyInstance, scope: LanguageScope) => Promise<void>;
