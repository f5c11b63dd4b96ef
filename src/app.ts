import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createAuthService } from './auth/auth.service.ts';
import type { Config } from './config.ts';
import { createArticleService } from './content/article.service.ts';
import { isDemoLoaded, loadDemoContent } from './content/demo/load-demo.ts';
import { createTaxonomyService } from './content/taxonomy.service.ts';
import { createSiteUrls } from './content/urls.ts';
import { type DatabaseHandle, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { buildAssetManifest } from './http/assets.ts';
import type { HttpDeps } from './http/context.ts';
import { buildHttpApp } from './http/server.ts';
import { createTranslators } from './i18n/i18n.ts';
import { createJobRunner } from './jobs/job-runner.ts';
import { createLocalStorage } from './media/storage.ts';
import { type Clock, systemClock } from './shared/clock.ts';
import { createEventBus } from './shared/events.ts';
import { createLogger, type Logger } from './shared/logger.ts';

export interface AppOptions {
  config: Config;
  logger?: Logger;
  clock?: Clock;
  /** An already-open database (tests pass one on their own PostgreSQL schema). */
  database?: DatabaseHandle;
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

function createServices(config: Config, database: DatabaseHandle, clock: Clock, logger: Logger) {
  const db = database.db;
  const events = createEventBus((error, event) =>
    logger.error({ err: error, event }, 'event listener failed'),
  );
  const storage = createLocalStorage(path.join(config.dataDir, 'media'));
  const articles = createArticleService({ db, clock, events });
  const taxonomy = createTaxonomyService({ db, clock, events });
  const auth = createAuthService({ db, clock });
  const jobs = createJobRunner({ db, clock, logger });
  return { events, storage, articles, taxonomy, auth, jobs };
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
  const services = createServices(config, database, clock, logger);
  const deps: HttpDeps = {
    config,
    logger,
    clock,
    database,
    urls: createSiteUrls(config.siteUrl, config.defaultLanguage),
    translators: createTranslators({
      languages: config.languages,
      defaultLanguage: config.defaultLanguage,
      timeZone: config.timeZone,
    }),
    articles: services.articles,
    taxonomy: services.taxonomy,
    auth: services.auth,
    jobs: services.jobs,
    assets: buildAssetManifest(),
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
      return true;
    },
    async close() {
      await services.jobs.stop();
      await http.close();
      await database.close();
    },
  };
}
