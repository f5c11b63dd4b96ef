import { cardKeys, surrogateKeys as sk } from '../../cache/surrogate-keys.ts';
import type { FastifyInstance } from 'fastify';
import { sectionChildren } from '../../content/taxonomy.service.ts';
import type { Section } from '../../content/types.ts';
import type { SearchOutcome } from '../../search/search.service.ts';
import { BadRequestError, NotFoundError } from '../../shared/errors.ts';
import { SearchPage, type SearchPageModel } from '../../views/pages/search.page.tsx';
import type { LanguageScope } from '../context.ts';
import {
  hydrateHits,
  readSearchForm,
  type ResolvedSearch,
  resolveSearch,
  searchQueryString,
} from '../search-request.ts';
import { Presenter } from './presenters.ts';
import { sendPage } from './reply.ts';

export const SEARCH_PAGE_SIZE = 10;

/** `/search?q=…` in each language: results with matches marked, filters, pages; bad input is a 400 page with the form as typed. */
export async function searchRoutes(app: FastifyInstance, { lang, deps }: LanguageScope) {
  app.get('/search', async (request, reply) => {
    const present = new Presenter(deps, lang);
    const { t } = present.i18n;
    const form = readSearchForm(request.query);
    const sections = await deps.taxonomy.listSections(lang);
    const base = deps.urls.search(lang);

    let error: BadRequestError | undefined;
    let resolved: ResolvedSearch | undefined;
    let outcome: SearchOutcome | undefined;
    try {
      resolved = await resolveSearch(deps, lang, form, SEARCH_PAGE_SIZE);
      if (form.q.trim()) outcome = await deps.search.search(resolved.params);
    } catch (caught) {
      if (!(caught instanceof BadRequestError)) throw caught;
      error = caught;
    }

    const page = resolved?.params.page ?? 1;
    const pages = Math.max(1, Math.ceil((outcome?.total ?? 0) / SEARCH_PAGE_SIZE));
    if (outcome && outcome.total > 0 && page > pages)
      throw new NotFoundError(
        `There is no page ${page} of these results; there ${pages === 1 ? 'is 1 page' : `are ${pages} pages`}.`,
      ).say('search.error.noSuchPage', { page, pages });
    const found = outcome ? await hydrateHits(deps, lang, outcome.hits) : [];
    const shownQuery = outcome?.query ?? form.q;
    const href = (overrides: Parameters<typeof searchQueryString>[1]) =>
      `${base}${searchQueryString(form, { ...overrides, q: outcome?.correctedFrom ? shownQuery : form.q, exact: '' })}`;
    const filtered = Boolean(form.section || form.from || form.to || form.sort !== 'relevance');

    const model: SearchPageModel = {
      meta: present.meta(`${base}${searchQueryString(form)}`, {
        title: `${form.q.trim() ? t('search.titleFor', { query: form.q.trim().slice(0, 80) }) : t('search.title')} — ${deps.config.siteName}`,
        description: t('search.description', { siteName: deps.config.siteName }),
        noindex: true,
      }),
      action: base,
      form: {
        q: form.q,
        section: form.section,
        from: form.from,
        to: form.to,
        sort: form.sort,
        author: form.author,
      },
      sections: sectionOptions(sections),
      authorFilter:
        resolved?.author && form.author
          ? {
              label: t('search.byAuthor', { author: resolved.author.name }),
              removeHref: href({ author: '', page: '' }),
            }
          : null,
      clearHref: filtered
        ? `${base}${searchQueryString({ ...form, section: '', from: '', to: '', sort: 'relevance', page: '' })}`
        : null,
      error: error ? present.errorMessage(error) : null,
      fieldErrors: error ? present.fieldMessages(error) : {},
      summary: summaryOf(outcome, form.q, t),
      correction: outcome?.correctedFrom
        ? {
            text: t('search.correctedTo', { corrected: outcome.query }),
            original: {
              label: t('search.searchInstead', { original: outcome.correctedFrom }),
              href: `${base}${searchQueryString(form, { q: outcome.correctedFrom, page: '', exact: '1' })}`,
            },
          }
        : null,
      results: found.map(({ hit, article }) => ({
        card: present.card(article),
        title: hit.title.length ? hit.title : [{ text: article.title, match: false }],
        snippet: hit.snippet,
      })),
      pagination: {
        page,
        pages,
        prevHref: page > 1 ? href({ page: String(page - 1) }) : null,
        nextHref: page < pages ? href({ page: String(page + 1) }) : null,
      },
    };
    const context = present.context({
      sections,
      searchQuery: form.q,
      languageHrefs: new Map(
        deps.config.languages.map((code) => [
          code,
          `${deps.urls.search(code)}${searchQueryString({ ...readSearchForm({}), q: form.q })}`,
        ]),
      ),
    });
    if (error) reply.header('Cache-Control', 'no-store');
    return sendPage(reply, context, <SearchPage model={model} />, {
      status: error ? 400 : 200,
      // Results change whenever any story of the language is published or withdrawn.
      surrogateKeys: ['search', sk.home(lang), ...found.flatMap(({ article }) => cardKeys(article))],
    });
  });
}

function summaryOf(outcome: SearchOutcome | undefined, typed: string, t: Presenter['i18n']['t']): string {
  if (!outcome) return typed.trim() ? '' : t('search.prompt');
  if (!outcome.searchable) return t('search.noWords');
  if (outcome.total === 0) return t('search.noResults', { query: outcome.query });
  return t('search.resultCount', { count: outcome.total, query: outcome.query });
}

/** Top-level sections in their order, each followed by its subsections (indented). */
function sectionOptions(sections: readonly Section[]) {
  const byPosition = (a: Section, b: Section) => a.position - b.position || a.name.localeCompare(b.name);
  const children = sectionChildren(sections);
  const options: Array<{ value: string; label: string; depth: number }> = [];
  const visit = (parentId: number | null, depth: number) => {
    for (const section of (children.get(parentId) ?? []).sort(byPosition)) {
      options.push({ value: section.slug, label: section.name, depth });
      if (depth < 3) visit(section.id, depth + 1);
    }
  };
  visit(null, 0);
  return options;
}
