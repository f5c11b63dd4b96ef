import { SearchForm } from '../components/search-form.tsx';
import { Layout } from '../layout.tsx';
import type { PageMeta } from '../models.ts';
import { usePage } from '../page-context.ts';

export interface ErrorPageModel {
  meta: PageMeta;
  status: number;
  title: string;
  message: string;
}

/** 404, 400 and 500 pages, in the site's own clothes, with a way back. */
export function ErrorPage({ model }: { model: ErrorPageModel }) {
  const { i18n, chrome } = usePage();
  return (
    <Layout meta={model.meta} bodyClass="page-error">
      <section class="error-panel">
        <p class="error-status">{model.status}</p>
        <h1>{model.title}</h1>
        <p>{model.message}</p>
        <p>
          <a class="button" href={chrome.homeHref}>
            {i18n.t('error.goHome')}
          </a>
        </p>
        <p>{i18n.t('error.trySearch')}</p>
        <SearchForm id="error-search" large />
      </section>
    </Layout>
  );
}
