import { cardKeys, surrogateKeyHeader, surrogateKeys as sk } from '../../cache/surrogate-keys.ts';
import type { FastifyInstance } from 'fastify';
import { highlightHtml } from '../../search/highlight.ts';
import { BadRequestError } from '../../shared/errors.ts';
import type { HttpDeps } from '../context.ts';
import { hydrateHits, readSearchForm, resolveSearch } from '../search-request.ts';

const API_PAGE_SIZE = 10;

/**
 * `GET /api/v1/search?q=…[&lang=uk&section=&author=&from=&to=&sort=newest&page=2]`: the same search as
 * the page, as JSON. Titles and snippets come as plain text and as escaped HTML with `<mark>` only.
 */
export async function searchApiRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }) {
  app.get('/search', async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const lang = typeof query.lang === 'string' && query.lang ? query.lang : deps.config.defaultLanguage;
    if (!deps.config.languages.includes(lang)) {
      throw new BadRequestError(
        `The language “${lang.slice(0, 20)}” is not published here; use one of ${deps.config.languages.join(', ')}.`,
        { lang: 'Use a published language.' },
      );
    }
    const form = readSearchForm(query);
    if (!form.q.trim())
      throw new BadRequestError('Say what to search for with ?q=, for example ?q=oil+prices.', {
        q: 'Type something to search for.',
      });
    const { params } = await resolveSearch(deps, lang, form, API_PAGE_SIZE);
    const outcome = await deps.search.search(params);
    const found = await hydrateHits(deps, lang, outcome.hits);
    const { urls } = deps;
    reply.header('Cache-Control', 'public, max-age=60');
    reply.header(
      'Surrogate-Key',
      surrogateKeyHeader(['search', sk.home(lang), ...found.flatMap(({ article }) => cardKeys(article))]),
    );
    return {
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
    };
  });
}
