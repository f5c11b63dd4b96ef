import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderAtom } from '../../feeds/atom.ts';
import type { FeedScope } from '../../feeds/feed.service.ts';
import { FEED_CONTENT_TYPES, type FeedChannel } from '../../feeds/feed-model.ts';
import { renderJsonFeed } from '../../feeds/json-feed.ts';
import { renderRss } from '../../feeds/rss.ts';
import { FEED_FILE_NAMES, type FeedFormat } from '../../content/urls.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { sendCacheable } from '../cacheable.ts';
import type { LanguageScope } from '../context.ts';
import { feedsPageRoutes } from './feeds-page.route.tsx';

const RENDERERS: Record<FeedFormat, (feed: FeedChannel) => string> = {
  rss: renderRss,
  atom: renderAtom,
  json: renderJsonFeed,
};

/** Feed readers poll often; five minutes keeps them current without rebuilding a feed per poll. */
const FEED_CACHE = 'public, max-age=300';
const SITEMAP_CACHE = 'public, max-age=900';
const XML = 'application/xml; charset=utf-8';

/**
 * Feeds (site, section, author, tag — RSS, Atom, JSON Feed), sitemaps and robots.txt, registered once
 * per language under its prefix: `/feed.xml`, `/uk/world/feed.atom`, `/uk/sitemap.xml`, …
 */
export async function feedRoutes(app: FastifyInstance, { lang, deps }: LanguageScope) {
  await feedsPageRoutes(app, { lang, deps });

  async function serveFeed(
    request: FastifyRequest,
    reply: FastifyReply,
    scope: FeedScope,
    format: FeedFormat,
  ): Promise<FastifyReply> {
    const built = await deps.feeds.build(lang, scope);
    if (!built)
      throw new NotFoundError(`There is no ${scope.kind} at this address, so it has no feed.`).say(
        'feeds.error.noListing',
      );
    return sendCacheable(request, reply, {
      body: RENDERERS[format](built.channel),
      contentType: FEED_CONTENT_TYPES[format],
      cacheControl: FEED_CACHE,
      surrogateKeys: built.surrogateKeys,
    });
  }

  for (const [format, file] of Object.entries(FEED_FILE_NAMES) as Array<[FeedFormat, string]>) {
    app.get(`/${file}`, (request, reply) => serveFeed(request, reply, { kind: 'site' }, format));
    app.get<{ Params: { section: string } }>(`/:section/${file}`, (request, reply) =>
      serveFeed(request, reply, { kind: 'section', slug: request.params.section }, format),
    );
    app.get<{ Params: { slug: string } }>(`/author/:slug/${file}`, (request, reply) =>
      serveFeed(request, reply, { kind: 'author', slug: request.params.slug }, format),
    );
    app.get<{ Params: { slug: string } }>(`/tag/:slug/${file}`, (request, reply) =>
      serveFeed(request, reply, { kind: 'tag', slug: request.params.slug }, format),
    );
  }

  const sitemapKeys = ['sitemap', 'home', `home:${lang}`];

  app.get('/sitemap.xml', async (request, reply) =>
    sendCacheable(request, reply, {
      body: await deps.sitemaps.index(lang),
      contentType: XML,
      cacheControl: SITEMAP_CACHE,
      surrogateKeys: sitemapKeys,
    }),
  );

  app.get<{ Params: { file: string } }>('/sitemaps/:file', async (request, reply) => {
    const match = /^(pages|articles)-(\d{1,6})\.xml$/.exec(request.params.file);
    const body = match
      ? await deps.sitemaps.sitemap(lang, match[1] as 'pages' | 'articles', Number(match[2]))
      : undefined;
    if (body === undefined)
      throw new NotFoundError('There is no sitemap at this address.').say('feeds.error.noSitemap');
    return sendCacheable(request, reply, {
      body,
      contentType: XML,
      cacheControl: SITEMAP_CACHE,
      surrogateKeys: sitemapKeys,
    });
  });

  app.get('/news-sitemap.xml', async (request, reply) =>
    sendCacheable(request, reply, {
      body: await deps.sitemaps.news(lang),
      contentType: XML,
      // Google News reads it every few minutes; the 48-hour window moves with the clock.
      cacheControl: 'public, max-age=300',
      surrogateKeys: sitemapKeys,
    }),
  );

  if (lang === deps.config.defaultLanguage) {
    app.get('/robots.txt', async (request, reply) =>
      sendCacheable(request, reply, {
        body: deps.sitemaps.robots(),
        contentType: 'text/plain; charset=utf-8',
        cacheControl: 'public, max-age=3600',
      }),
    );
  }
}
