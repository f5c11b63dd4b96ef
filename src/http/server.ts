import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import { adminRoutes } from './admin/index.ts';
import { registerSessions } from './admin/session.ts';
import { registerApiCors } from './api/cors.ts';
import { commentApiRoutes } from './api/comments.route.tsx';
import { apiDocsPage, contentApi } from './api/index.tsx';
import type { HttpDeps, LanguageScope } from './context.ts';
import { frameworkErrorHandler, registerErrorHandling } from './errors.tsx';
import { feedRoutes } from './feeds/feeds.route.ts';
import { PUBLIC_DIR } from './assets.ts';
import { articleRoutes } from './public/article.route.tsx';
import { commentRoutes } from './public/comment.routes.tsx';
import { homeRoutes } from './public/home.route.tsx';
import { listingRoutes } from './public/listing.route.tsx';
import { searchRoutes } from './public/search.route.tsx';
import { viewBeaconRoutes } from './public/view-beacon.route.ts';
import { registerStoredMedia } from './media-files.ts';
import { createCacheFront } from './page-cache-front.ts';
import { registerCacheHeaders } from './cache-headers.ts';
import { registerRateLimits } from './rate-limit.ts';
import { recordRoutes } from './route-table.ts';
import { addSecurityHeaders, registerSecurityHeaders } from './security-headers.ts';
import { testSupportRoutes } from './test-support.route.ts';

/** Reader-facing routes, registered once per language under its prefix. Later features add theirs here. */
export const LANGUAGE_ROUTES = [
  homeRoutes,
  searchRoutes,
  listingRoutes,
  articleRoutes,
  commentRoutes,
  feedRoutes,
];

/**
 * One log line per request, when it is answered (method, scrubbed URL, client address, status, time),
 * instead of Fastify's two: half the logging work on every uncached page.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

/**
 * Builds the HTTP application without listening (tests call `inject`; main.ts listens). Order matters:
 * security headers and body parsers first, then static files, then routes, then the error mapping.
 */
export async function buildHttpApp(deps: HttpDeps): Promise<FastifyInstance> {
  // The page cache answers hits in a plain `http` handler before Fastify (see page-cache-front.ts).
  const front = deps.pageCache && createCacheFront(deps.pageCache, deps.logger);
  const app = Fastify({
    ...(front ? { serverFactory: front.serverFactory } : {}),
    loggerInstance: deps.logger as FastifyBaseLogger,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    logController: new OneLinePerRequest(),
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 300 },
    frameworkErrors: frameworkErrorHandler(deps, addSecurityHeaders(deps.config)),
  });

  recordRoutes(app);
  registerSecurityHeaders(app, deps.config);
  registerCacheHeaders(app, deps.config);
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  const https = deps.config.siteUrl.startsWith('https://');
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: https ? '__Host-nd_csrf' : 'nd_csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: https, signed: false },
  });
  registerSessions(app, deps);
  await registerRateLimits(app, deps);

  await app.register(fastifyStatic, {
    root: path.join(PUBLIC_DIR, 'assets'),
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
    index: false,
  });
  if (deps.config.media.s3) registerStoredMedia(app, deps.storage);
  else {
    const mediaRoot = deps.config.media.dir;
    fs.mkdirSync(mediaRoot, { recursive: true });
    // A stored file never changes: library files live under a random folder made per upload.
    await app.register(fastifyStatic, {
      root: mediaRoot,
      prefix: '/media/',
      decorateReply: false,
      immutable: true,
      maxAge: '365d',
      index: false,
    });
  }

  // Before any route plugin: Fastify hands each plugin the error handler in force when it registers.
  registerErrorHandling(app, deps);

  app.get('/healthz', async (_request, reply) => {
    await deps.database.db.selectFrom('settings').select('key').limit(1).execute();
    reply.header('Cache-Control', 'no-store');
    // The reader cache's counters tell an operator (and bench:http) whether pages are built from memory
    // or from the database.
    const { hits, misses, entries, bytes } = deps.readerCache.stats;
    return { status: 'ok', database: deps.database.dialect, readerCache: { hits, misses, entries, bytes } };
  });

  registerApiCors(app, deps.config);
  await app.register(contentApi, { prefix: '/api/v1', deps });
  await app.register(commentApiRoutes, { prefix: '/api/v1', deps });
  await app.register(apiDocsPage, { deps });
  await app.register(viewBeaconRoutes, { deps });
  await app.register(adminRoutes, { prefix: '/admin', deps });
  if (deps.config.testRoutes) await app.register(testSupportRoutes, { prefix: '/__test', deps });

  for (const lang of deps.config.languages) {
    const prefix = lang === deps.config.defaultLanguage ? '' : `/${lang}`;
    for (const routes of LANGUAGE_ROUTES) {
      await app.register(routes, { prefix, lang, deps } satisfies LanguageScope & { prefix: string });
    }
  }

  front?.attach(app);
  return app;
}
