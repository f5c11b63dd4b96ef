import { usePage } from '../page-context.ts';

export function SearchForm({ id = 'site-search', large = false }: { id?: string; large?: boolean }) {
  const { i18n, chrome } = usePage();
  return (
    <form
      class={large ? 'search-form search-form--large' : 'search-form'}
      role="search"
      action={chrome.searchHref}
      method="get"
    >
      <label class="visually-hidden" for={id}>
        {i18n.t('site.search')}
      </label>
      <input
        id={id}
        type="search"
        name="q"
        value={chrome.searchQuery ?? ''}
        placeholder={i18n.t('site.searchPlaceholder')}
        maxLength={200}
        autocomplete="off"
      />
      <button type="submit">{i18n.t('site.searchButton')}</button>
    </form>
  );
}
