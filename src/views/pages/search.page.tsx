import { AuthorLinks } from '../components/byline.tsx';
import { Highlighted } from '../components/highlighted.tsx';
import { Pagination } from '../components/pagination.tsx';
import { Time } from '../components/time.tsx';
import { Layout } from '../layout.tsx';
import type { CardModel, HighlightedText, Link, PageMeta, PaginationModel } from '../models.ts';
import { usePage } from '../page-context.ts';

export interface SearchResultModel {
  card: CardModel;
  title: HighlightedText;
  snippet: HighlightedText;
}

export interface SearchPageModel {
  meta: PageMeta;
  action: string;
  form: {
    q: string;
    section: string;
    from: string;
    to: string;
    sort: 'relevance' | 'newest';
    author: string;
  };
  sections: ReadonlyArray<{ value: string; label: string; depth: number }>;
  authorFilter: { label: string; removeHref: string } | null;
  clearHref: string | null;
  /** A sentence saying why the search could not run (the page is then a 400), with the form as typed. */
  error: string | null;
  fieldErrors: Readonly<Record<string, string>>;
  /** "52 stories match …", "No stories match …", the prompt, or the no-words message. */
  summary: string;
  correction: { text: string; original: Link } | null;
  results: SearchResultModel[];
  pagination: PaginationModel;
}

/** The search page: the query and its filters, what was found (matches marked), page by page. */
export function SearchPage({ model }: { model: SearchPageModel }) {
  const { i18n } = usePage();
  const { t } = i18n;
  const { form } = model;
  const filtered = Boolean(form.section || form.from || form.to || form.sort !== 'relevance');
  const invalid = (field: string) => (model.fieldErrors[field] ? true : undefined);
  return (
    <Layout meta={model.meta} bodyClass="page-search">
      <header class="listing-header search-header">
        <div>
          <h1>{t('search.title')}</h1>
        </div>
      </header>
      <form class="search-page-form" role="search" action={model.action} method="get">
        <div class="search-form search-form--large">
          <label class="visually-hidden" for="search-q">
            {t('search.label')}
          </label>
          <input
            id="search-q"
            type="search"
            name="q"
            value={form.q}
            aria-invalid={invalid('q')}
            aria-describedby="search-summary"
            autocomplete="off"
          />
          <button type="submit">{t('site.searchButton')}</button>
        </div>
        {form.author && <input type="hidden" name="author" value={form.author} />}
        <details class="search-filters" open={filtered || Object.keys(model.fieldErrors).length > 0}>
          <summary>{t('search.filters')}</summary>
          <div class="search-filter-grid">
            <p class="field">
              <label for="search-section">{t('search.section')}</label>
              <select id="search-section" name="section" aria-invalid={invalid('section')}>
                <option value="">{t('search.anySection')}</option>
                {model.sections.map((s) => (
                  <option key={s.value} value={s.value} selected={s.value === form.section}>
                    {`${'\u2003'.repeat(s.depth)}${s.label}`}
                  </option>
                ))}
              </select>
            </p>
            <p class="field">
              <label for="search-from">{t('search.from')}</label>
              <input
                id="search-from"
                type="date"
                name="from"
                value={form.from}
                aria-invalid={invalid('from')}
              />
            </p>
            <p class="field">
              <label for="search-to">{t('search.to')}</label>
              <input id="search-to" type="date" name="to" value={form.to} aria-invalid={invalid('to')} />
            </p>
            <p class="field">
              <label for="search-sort">{t('search.sort')}</label>
              <select id="search-sort" name="sort">
                <option value="relevance" selected={form.sort === 'relevance'}>
                  {t('search.sortRelevance')}
                </option>
                <option value="newest" selected={form.sort === 'newest'}>
                  {t('search.sortNewest')}
                </option>
              </select>
            </p>
          </div>
          <p class="search-filter-actions">
            <button type="submit" class="button">
              {t('search.apply')}
            </button>
            {model.clearHref && <a href={model.clearHref}>{t('search.clearFilters')}</a>}
          </p>
        </details>
      </form>
      {model.authorFilter && (
        <p class="search-chip">
          {model.authorFilter.label}{' '}
          <a href={model.authorFilter.removeHref} aria-label={t('search.removeAuthor')}>
            ×
          </a>
        </p>
      )}
      {model.error && (
        <div class="form-error" role="alert">
          <h2>{t('search.errorTitle')}</h2>
          <p>{model.error}</p>
        </div>
      )}
      {model.correction && (
        <p class="search-correction">
          {model.correction.text}{' '}
          <a href={model.correction.original.href}>{model.correction.original.label}</a>
        </p>
      )}
      <p class="listing-count search-summary" id="search-summary" role="status">
        {model.summary}
      </p>
      {model.results.length > 0 && (
        <section aria-labelledby="search-results-heading">
          <h2 class="visually-hidden" id="search-results-heading">
            {t('search.results')}
          </h2>
          <ol class="search-results" role="list">
            {model.results.map((result) => (
              <li key={result.card.href}>
                <article class="card search-result">
                  <div class="card-body">
                    {result.card.section && (
                      <p class="kicker">
                        <a href={result.card.section.href}>{result.card.section.label}</a>
                      </p>
                    )}
                    <h3 class="card-title">
                      <a href={result.card.href}>
                        <Highlighted text={result.title} />
                      </a>
                    </h3>
                    {result.snippet.length > 0 && (
                      <p class="card-dek search-snippet">
                        <Highlighted text={result.snippet} />
                      </p>
                    )}
                    <p class="card-meta">
                      {result.card.authors.length > 0 && (
                        <span class="card-byline">
                          {t('article.by')} <AuthorLinks authors={result.card.authors} />
                        </span>
                      )}
                      {result.card.authors.length > 0 && result.card.publishedAt && (
                        <span aria-hidden="true"> · </span>
                      )}
                      {result.card.publishedAt && <Time iso={result.card.publishedAt} />}
                    </p>
                  </div>
                </article>
              </li>
            ))}
          </ol>
        </section>
      )}
      <Pagination pagination={model.pagination} />
    </Layout>
  );
}
