import { sectionSubtreeIds } from '../content/taxonomy.service.ts';
import type { ArticleSummary, Author, Section } from '../content/types.ts';
import type { SearchHit, SearchParams } from '../search/search.service.ts';
import type { SearchSort } from '../search/engine.ts';
import { BadRequestError, type MessageRef, type MessageValues } from '../shared/errors.ts';
import { isSlug } from '../shared/slug.ts';
import type { HttpDeps } from './context.ts';
import { MAX_PAGE } from './query.ts';

/** The search form as the reader filled it in: raw strings, shown back to them whatever happens. */
export interface SearchForm {
  q: string;
  section: string;
  author: string;
  from: string;
  to: string;
  sort: SearchSort;
  page: string;
  /** '1' when the reader asked for exactly what they typed, without typo correction. */
  exact: string;
}

const FIELDS = ['q', 'section', 'author', 'from', 'to', 'sort', 'page', 'exact'] as const;

/** Reads the query string without failing: repeated or odd values become the first string or ''. */
export function readSearchForm(query: unknown): SearchForm {
  const raw = (query ?? {}) as Record<string, unknown>;
  const form = {} as Record<(typeof FIELDS)[number], string>;
  for (const field of FIELDS) {
    const value = Array.isArray(raw[field]) ? (raw[field] as unknown[])[0] : raw[field];
    form[field] = typeof value === 'string' ? value : '';
  }
  return { ...form, sort: form.sort === 'newest' ? 'newest' : 'relevance' };
}

export interface ResolvedSearch {
  params: SearchParams & { page: number; pageSize: number };
  section: Section | undefined;
  author: Author | undefined;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Turns the form into search parameters, or a BadRequestError naming each field that is wrong (an
 * unknown section, a date that is not a date, a page that is not a number).
 */
export async function resolveSearch(
  deps: HttpDeps,
  lang: string,
  form: SearchForm,
  pageSize: number,
): Promise<ResolvedSearch> {
  // Each problem in English (the API's and the log's) and as a catalogue message (the page's language).
  const fields: Record<string, string> = {};
  const texts: Record<string, MessageRef> = {};
  const problem = (field: string, english: string, key: string, values?: MessageValues) => {
    fields[field] = english;
    texts[field] = { key, values };
  };
  const sections = await deps.taxonomy.listSections(lang);
  const section = form.section ? sections.find((s) => s.slug === form.section) : undefined;
  if (form.section && !section)
    problem('section', `There is no section “${form.section.slice(0, 60)}”.`, 'search.error.noSection', {
      section: form.section.slice(0, 60),
    });
  const author =
    form.author && isSlug(form.author) ? await deps.taxonomy.findAuthorBySlug(form.author, lang) : undefined;
  if (form.author && !author)
    problem('author', `There is no author “${form.author.slice(0, 60)}”.`, 'search.error.noAuthor', {
      author: form.author.slice(0, 60),
    });
  const from = form.from ? dayStart(form.from) : undefined;
  const to = form.to ? dayStart(form.to, 1) : undefined;
  if (form.from && !from)
    problem('from', 'Write the first day as a date, such as 2024-06-20.', 'search.error.from');
  if (form.to && !to) problem('to', 'Write the last day as a date, such as 2024-06-30.', 'search.error.to');
  if (from && to && from >= to)
    problem('to', 'The last day must not come before the first day.', 'search.error.order');
  const page = form.page === '' ? 1 : Number(form.page);
  if (!/^\d{1,6}$/.test(form.page || '1') || page < 1 || page > MAX_PAGE)
    problem(
      'page',
      `The page number must be a whole number from 1 to ${MAX_PAGE.toLocaleString('en')}.`,
      'error.pageNumber',
      { max: MAX_PAGE },
    );
  const problems = Object.values(fields);
  if (problems.length > 0) {
    // The sentence shown on the page is every field's reason, in the reader's language.
    const error = new BadRequestError(problems.join(' '), fields);
    error.fieldTexts = texts;
    throw error;
  }
  return {
    section,
    author,
    params: {
      text: form.q,
      language: lang,
      sectionIds: section ? sectionSubtreeIds(sections, section.id) : undefined,
      authorId: author?.id,
      from,
      to,
      sort: form.sort,
      correct: form.exact !== '1',
      page,
      pageSize,
    },
  };
}

/** "2024-06-20" → the instant that day starts (UTC), `plusDays` later; undefined for anything else. */
function dayStart(value: string, plusDays = 0): string | undefined {
  const m = DAY.exec(value.trim());
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const date = new Date(Date.UTC(year, month, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month || date.getUTCDate() !== day)
    return undefined;
  return new Date(date.getTime() + plusDays * 86_400_000).toISOString();
}

/** The query string of a search page, leaving out what is empty or default. */
export function searchQueryString(form: SearchForm, overrides: Partial<SearchForm> = {}): string {
  const values = { ...form, ...overrides };
  const params = new URLSearchParams();
  for (const field of FIELDS) {
    const value = values[field];
    if (!value || (field === 'sort' && value === 'relevance') || (field === 'page' && value === '1'))
      continue;
    params.set(field, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The published stories behind search hits, in the hits' order (a story unpublished meanwhile drops out). */
export async function hydrateHits(
  deps: HttpDeps,
  lang: string,
  hits: readonly SearchHit[],
): Promise<Array<{ hit: SearchHit; article: ArticleSummary }>> {
  if (hits.length === 0) return [];
  const ids = hits.map((h) => h.articleId);
  const summaries = await deps.articles.listPublished({ language: lang, ids }, { limit: ids.length });
  const byId = new Map(summaries.map((s) => [s.id, s]));
  return hits.flatMap((hit) => {
    const article = byId.get(hit.articleId);
    return article ? [{ hit, article }] : [];
  });
}
