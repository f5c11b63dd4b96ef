import { cardKeys, surrogateKeys as sk } from '../../cache/surrogate-keys.ts';
import { highlightHtml } from '../../search/highlight.ts';
import { BadRequestError } from '../../shared/errors.ts';
import type { HttpDeps } from '../context.ts';
import { hydrateHits, readSearchForm, resolveSearch } from '../search-request.ts';
import { defineApiRoute } from './api-route.ts';
import { z } from 'zod';
import { languageParam, searchResultsSchema } from './api-schemas.ts';

const API_PAGE_SIZE = 10;

/**
 * `GET /api/v1/search?q=…[&lang=uk&section=&author=&from=&to=&sort=newest&page=2]`: the same search as
 * the page, as JSON. Titles and snippets come as plain text and as escaped HTML with `<mark>` only.
 */
export function searchApiRoute(deps: HttpDeps) {
  return defineApiRoute({
    path: '/search',
    operationId: 'search',
    group: 'search',
    summary: 'api.search.summary',
    description: 'api.search.description',
    query: {
      // Its length is checked by the search itself (“too long: use at most 300 characters”).
      q: z.string().optional(),
      lang: languageParam(deps.config.languages).optional(),
      // Checked by the search itself, with the same sentences as the search page.
      section: z.string().max(200).optional(),
      author: z.string().max(200).optional(),
      from: z.string().max(40).optional(),
      to: z.string().max(40).optional(),
      sort: z.enum(['relevance', 'newest'], { message: 'must be relevance or newest' }).optional(),
      page: z.string().max(500).optional(),
      exact: z.string().max(500).optional(),
    },
    params: {},
    describe: {
      q: 'api.param.q',
      lang: 'api.param.lang',
      section: 'api.param.section',
      author: 'api.param.author',
      from: 'api.param.from',
      to: 'api.param.to',
      sort: 'api.param.sort',
      page: 'api.param.page',
      exact: 'api.param.exact',
    },
    response: searchResultsSchema,
    examples: ['/api/v1/search?q=oil+prices'],
    async handle({ query }) {
      const lang = query.lang ?? deps.config.defaultLanguage;
      const form = readSearchForm(query);
      if (!form.q.trim())
        throw new BadRequestError('Say what to search for with ?q=, for example ?q=oil+prices.', {
          q: 'Type something to search for.',
        });
      const { params } = await resolveSearch(deps, lang, form, API_PAGE_SIZE);
      const outcome = await deps.search.search(params);
      const found = await hydrateHits(deps, lang, outcome.hits);
      const { urls } = deps;
      return {
        surrogateKeys: ['search', sk.home(lang), ...found.flatMap(({ article }) => cardKeys(article))],
        body: {
          query: outcome.query,
          correctedFrom: outcome.correctedFrom,
          language: lang,
          total: outcome.total,
          page: params.page,
          pages: Math.max(1, Math.ceil(outcome.total / API_PAGE_SIZE)),
          pageSize: API_PAGE_SIZE,
          results: found.map(({ hit, article }) => ({
            id: article.id,
            title: article.title,
            titleHtml: highlightHtml(hit.title.length ? hit.title : [{ text: article.title, match: false }]),
            url: urls.absolute(urls.article(lang, article.section?.slug, article.slug)),
            section: article.section
              ? { name: article.section.name, url: urls.absolute(urls.section(lang, article.section.slug)) }
              : null,
            authors: article.authors.map((a) => ({
              name: a.name,
              url: urls.absolute(urls.author(lang, a.slug)),
            })),
            publishedAt: article.publishedAt,
            snippet: hit.snippet.map((s) => s.text).join(''),
            snippetHtml: highlightHtml(hit.snippet),
            score: hit.score,
          })),
        },
      };
    },
  });
}
