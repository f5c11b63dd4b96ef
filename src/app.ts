import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createAuthService } from './auth/auth.service.ts';
import { createCommentService } from './comments/comment.service.ts';
import { createUserAdmin } from './auth/user-admin.ts';
import type { Config } from './config.ts';
import { createArticleService } from './content/article.service.ts';
import { isDemoLoaded, loadDemoContent } from './content/demo/load-demo.ts';
import { createSectionCache } from './content/section-cache.ts';
import { createTaxonomyService } from './content/taxonomy.service.ts';
import { createSiteUrls, type SiteUrls } from './content/urls.ts';
import { type DatabaseHandle, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createRelatedService } from './related/related.service.ts';
import { createSearchService } from './search/search.service.ts';
import { createFeedService } from './feeds/feed.service.ts';
import { createSitemapService } from './feeds/sitemap.service.ts';
import { buildAssetManifest } from './http/assets.ts';
import type { AssetManifest, HttpDeps } from './http/context.ts';
import { buildHttpApp } from './http/server.ts';
import { createTranslators, type Translator } from './i18n/i18n.ts';
import { createEditorialService } from './editorial/editorial.service.ts';
import { createDuplicateFinder } from './ingest/duplicates/duplicate-finder.ts';
import { createFeedPoller } from './ingest/feeds/feed-poller.ts';
import { createSafeFetcher } from './ingest/fetch/safe-fetch.ts';
import { createIngestService } from './ingest/ingest.service.ts';
import { createImportStaging } from './ingest/staging.ts';
import { createJobRunner } from './jobs/job-runner.ts';
import { createMediaService } from './media/media.service.ts';
import { createLocalStorage } from './media/storage.ts';
import { createS3Storage } from './media/s3-storage.ts';
import { createPageCache } from './cache/page-cache.ts';
import { createPurgeHook } from './cache/purge-hook.ts';
import { createPurgePlanner } from './cache/purge-planner.ts';
import { createPurger } from './cache/purger.ts';
import { createReaderCache } from './cache/reader-cache.ts';
import { openSharedState, type SharedState } from './scale/shared-state.ts';
import { type Clock, systemClock } from './shared/clock.ts';
import { createEventBus } from './shared/events.ts';
import { createLogger, type Logger } from './shared/logger.ts';
import { createWebhookService } from './webhooks/webhook.service.ts';
import { createReadership } from './readership/readership.service.ts';
import { createViewCounter } from './readership/view-counter.ts';
import { surrogateKeys } from './cache/surrogate-keys.ts';

export interface AppOptions {
  config: Config;
  logger?: Logger;
  clock?: Clock;
  /** An already-open database (tests pass one on their own PostgreSQL schema). */
  database?: DatabaseHandle;
  /** Told of every message a language's catalogues lack (default: a warning in the log, once per key). */
  onMissingMessage?: (lang: string, key: string, fellBack: boolean) => void;
}

export interface App {
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly services: ReturnType<typeof createServices>;
  readonly http: FastifyInstance;
  readonly logger: Logger;
  /** Loads the demo content if the site is empty and demo content is wanted; returns whether it did. */
  loadDemoIfEmpty(options?: { reutersCount?: number }): Promise<boolean>;
  close(): Promise<void>;
}

/** What services share with the HTTP layer: the address scheme, translators and fingerprinted assets. */
interface SiteParts {
  urls: SiteUrls;
  translators: Map<string, Translator>;
  assets: AssetManifest;
}

function createServices(
  config: Config,
  database: DatabaseHandle,
  clock: Clock,
  logger: Logger,
  site: SiteParts,
  shared: SharedState,
) {
  const db = database.db;
  const events = createEventBus((error, event) =>
    logger.error({ err: error, event }, 'event listener failed'),
  );
  const storage = config.media.s3 ? createS3Storage(config.media.s3) : createLocalStorage(config.media.dir);
  const sectionCache = createSectionCache(db, events);
  const articles = createArticleService({ db, clock, events, sectionCache });
  const taxonomy = createTaxonomyService({
    db,
    clock,
    events,
    defaultLanguage: config.defaultLanguage,
    sectionCache,
  });
  const auth = createAuthService({ db, clock });
  const users = createUserAdmin({ db, auth, clock });
  const media = createMediaService({ db, storage, clock, logger, maxPixels: config.media.maxPixels });
  const jobs = createJobRunner({ db, clock, logger });
  const feeds = createFeedService({
    articles,
    taxonomy,
    urls: site.urls,
    translators: site.translators,
    clock,
    site: {
      name: config.siteName,
      descriptions: config.siteDescriptions,
      logoPath: site.assets.logo,
      iconPath: site.assets.icon,
    },
  });
  const sitemaps = createSitemapService({
    db,
    taxonomy,
    urls: site.urls,
    languages: config.languages,
    defaultLanguage: config.defaultLanguage,
    siteName: config.siteName,
    clock,
  });
  const search = createSearchService({ db, dialect: database.dialect, events, logger });
  const related = createRelatedService({ db, events, jobs, clock, logger });
  // Every fetch of a URL someone else chose goes through this one SSRF-safe fetcher.
  const fetcher = createSafeFetcher({ allowLoopback: config.fetchAllowLoopback });
  const duplicates = createDuplicateFinder({ db });
  const comments = createCommentService({
    db,
    clock,
    events,
    limiter: shared.limiter,
    logger,
    policy: config.comments,
  });
  const ingest = createIngestService({
    db,
    clock,
    logger,
    articles,
    taxonomy,
    fetch: fetcher,
    duplicates,
    languages: config.languages,
    defaultLanguage: config.defaultLanguage,
    // A WordPress export's comments are stored with their stories, threads and statuses kept.
    storeComments: (articleId, found) => comments.importComments(articleId, found),
  });
  const editorial = createEditorialService({
    db,
    clock,
    events,
    logger,
    articles,
    jobs,
    duplicates,
    timeZone: config.timeZone,
    languages: config.languages,
  });
  // Each scheduled story has its own job; this sweep also catches stories scheduled by other means.
  jobs.every('editorial.publish-due', 60_000, async () => {
    await editorial.publishDue();
  });
  const followedFeeds = createFeedPoller({ db, clock, logger, ingest });
  const importStaging = createImportStaging({ dir: path.join(config.dataDir, 'import-staging'), clock });
  jobs.every('ingest.poll-feeds', 60_000, async () => {
    await followedFeeds.pollDue();
  });
  // Client addresses are for moderation only: forgotten after COMMENTS_IP_RETENTION_DAYS.
  jobs.every('comments.forget-addresses', 3_600_000, async () => {
    await comments.forgetOldAddresses();
  });
  const webhooks = createWebhookService({
    db,
    clock,
    events,
    jobs,
    fetch: fetcher,
    articles,
    urls: site.urls,
    logger,
  });
  // Views are counted in memory and written in batches; the ranking is refreshed every few minutes by
  // one instance, which purges the pages that show it when it changed (never on each view).
  const viewCounter = createViewCounter({ db, clock, logger });
  viewCounter.start();
  const readership = createReadership({ db, clock, articles, counter: viewCounter });
  jobs.every('readership.refresh', 5 * 60_000, async () => {
    await readership.refresh(config.languages);
  });
  // The page cache is per instance; the purger keeps it (and the CDN, and the other instances) honest.
  // Built last, so its listeners run after those that update what pages are rendered from (search,
  // related stories).
  const pageCache = createPageCache(config.pageCache, logger);
  const purger = createPurger({
    events,
    planner: createPurgePlanner({ db, languages: config.languages, now: () => clock.now() }),
    bus: shared.bus,
    hook: config.purgeHook && createPurgeHook(config.purgeHook),
    jobs,
    logger,
  });
  if (pageCache) purger.onPurge((request) => pageCache.store.purge(request));
  // What uncached pages are built from: dropped by the same events (here, at once) and purges (everywhere).
  const readerCache = createReaderCache({ maxBytes: config.readerCacheBytes });
  readerCache.listenTo(events);
  purger.onPurge((request) => readerCache.purge(request));
  // Another instance changed a section: it purges `site` everywhere (and `all` after a lost link).
  purger.onPurge((request) => {
    if (request.keys === 'all' || request.keys.includes(surrogateKeys.site)) sectionCache.forget();
  });
  readership.onRankingChange((lang) => void purger.purge([{ keys: [surrogateKeys.mostRead(lang)] }]));
  // Every instance drops its copy of a ranking another instance announced as changed.
  purger.onPurge((request) => {
    for (const lang of config.languages)
      if (request.keys === 'all' || request.keys.includes(surrogateKeys.mostRead(lang)))
        readership.forget(lang);
  });
  return {
    events,
    storage,
    media,
    articles,
    taxonomy,
    auth,
    users,
    jobs,
    feeds,
    sitemaps,
    search,
    related,
    fetcher,
    duplicates,
    editorial,
    ingest,
    followedFeeds,
    importStaging,
    comments,
    webhooks,
    viewCounter,
    readership,
    pageCache,
    readerCache,
    purger,
    limits: shared.limiter,
  };
}

/**
 * The one composition root: opens the database, brings its schema up to date, builds every service
 * once with its collaborators, and the HTTP app on top. Nothing listens yet (main.ts does that).
 */
export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const database = options.database ?? openDatabase(config.database);
  await migrateToLatest(database.db);
  const site: SiteParts = {
    urls: createSiteUrls(config.siteUrl, config.defaultLanguage),
    translators: createTranslators({
      languages: config.languages,
      defaultLanguage: config.defaultLanguage,
      timeZone: config.timeZone,
      onMissing:
        options.onMissingMessage ??
        ((lang, key, fellBack) =>
          logger.warn(
            { lang, key },
            fellBack
              ? 'A message is missing from this language’s catalogues; the default language’s is shown.'
              : 'A message is missing from every catalogue.',
          )),
    }),
    assets: buildAssetManifest(),
  };
  const shared = await openSharedState(config, logger);
  const services = createServices(config, database, clock, logger, site, shared);
  await services.search.catchUp();
  await services.related.catchUp();
  await services.purger.start();
  const deps: HttpDeps = {
    config,
    logger,
    clock,
    database,
    ...site,
    articles: services.articles,
    taxonomy: services.taxonomy,
    auth: services.auth,
    media: services.media,
    users: services.users,
    jobs: services.jobs,
    feeds: services.feeds,
    sitemaps: services.sitemaps,
    search: services.search,
    related: services.related,
    ingest: services.ingest,
    importStaging: services.importStaging,
    followedFeeds: services.followedFeeds,
    duplicates: services.duplicates,
    editorial: services.editorial,
    comments: services.comments,
    webhooks: services.webhooks,
    viewCounter: services.viewCounter,
    readership: services.readership,
    shared,
    pageCache: services.pageCache,
    storage: services.storage,
    readerCache: services.readerCache,
    purger: services.purger,
  };
  const http = await buildHttpApp(deps);

  return {
    config,
    database,
    services,
    http,
    logger,
    async loadDemoIfEmpty(demoOptions = {}) {
      if (!config.demo || (await isDemoLoaded(database.db))) return false;
      const existing = await database.db.selectFrom('articles').select('id').limit(1).executeTakeFirst();
      if (existing) return false;
      logger.info('Empty site: loading demo content (set NEWSDESK_DEMO=0 to start empty).');
      await loadDemoContent({ db: database.db, ...services, clock, logger }, demoOptions);
      // One rebuild chooses every demo story's related stories at once (the queued refreshes then skip).
      await services.related.rebuild();
      return true;
    },
    async close() {
      await services.jobs.stop();
      await http.close();
      await services.viewCounter.stop();
      await services.purger.idle();
      await shared.close();
      await database.close();
    },
  };
}
