import type { RouteEntry } from '../../src/http/route-table.ts';
import type { TestApp } from './test-app.ts';

/** Real values for route parameters: a published story, its section, one of its authors and tags. */
export interface RouteSamples {
  section: string;
  slug: string;
  author: string;
  tag: string;
}

/** Reads parameter values from the site's content so that parameterised routes answer with real pages. */
export async function routeSamples(app: TestApp): Promise<RouteSamples> {
  const db = app.database.db;
  const article = await db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.slug', 'sections.slug as section', 'articles.id'])
    .where('articles.status', '=', 'published')
    .where('articles.language', '=', app.config.defaultLanguage)
    .orderBy('articles.id')
    .executeTakeFirstOrThrow();
  const author = await db
    .selectFrom('authors')
    .innerJoin('article_authors', 'article_authors.author_id', 'authors.id')
    .select('authors.slug')
    .where('article_authors.article_id', '=', article.id)
    .executeTakeFirst();
  const tag = await db
    .selectFrom('tags')
    .innerJoin('article_tags', 'article_tags.tag_id', 'tags.id')
    .select('tags.slug')
    .where('article_tags.article_id', '=', article.id)
    .executeTakeFirst();
  return {
    section: article.section,
    slug: article.slug,
    author: author?.slug ?? 'nobody',
    tag: tag?.slug ?? 'nothing',
  };
}

/**
 * A concrete URL for a route pattern: known parameters take real values (so the route renders its
 * page), unknown ones a harmless word (so it renders its 404), wildcards a real static file.
 */
export function concreteUrl(route: RouteEntry, samples: RouteSamples): string {
  return route.url
    .replace(/\/author\/:slug/, `/author/${samples.author}`)
    .replace(/\/tag\/:slug/, `/tag/${samples.tag}`)
    .replace(/:section/, samples.section)
    .replace(/:slug/, samples.slug)
    .replace(/:file/, 'sitemap-1.xml')
    .replace(/:[A-Za-z_]+/g, 'nothing-here')
    .replace(/\/assets\/\*$/, '/assets/site.css')
    .replace(/\*$/, 'nothing-here.txt');
}

/** Every GET route of the app (from its route table), as concrete URLs, without duplicates. */
export function getUrls(app: TestApp, samples: RouteSamples): string[] {
  const urls = app.http.routeTable
    .filter((route) => route.method === 'GET')
    .map((route) => concreteUrl(route, samples));
  return [...new Set(urls)];
}
