import { Pagination } from '../../components/pagination.tsx';
import { Time } from '../../components/time.tsx';
import type { PaginationModel } from '../../models.ts';
import { usePage } from '../../page-context.ts';
import { AdminLayout } from '../admin-layout.tsx';
import type { AdminChromeModel } from '../models.ts';
import { TableScroll } from '../../components/table-scroll.tsx';

interface Option {
  value: string;
  label: string;
}

export interface LanguageChip {
  code: string;
  label: string;
  href?: string;
  outOfDate: boolean;
}

export interface ArticleListModel {
  chrome: AdminChromeModel;
  canCreate: boolean;
  total: number;
  filters: {
    q: string;
    status: string;
    lang: string;
    section: string;
    author: string;
    statuses: Option[];
    languages: Option[];
    sections: Option[];
    authors: Option[];
  };
  rows: ReadonlyArray<{
    id: number;
    title: string;
    editHref: string;
    publicHref: string | null;
    status: string;
    statusLabel: string;
    section: string | null;
    authors: string;
    updatedAt: string;
    scheduledAt: string | null;
    language: LanguageChip;
    translations: LanguageChip[];
  }>;
  pagination: PaginationModel;
}

function Select({
  name,
  label,
  value,
  options,
  all,
}: {
  name: string;
  label: string;
  value: string;
  options: Option[];
  all: string;
}) {
  return (
    <div class="field">
      <label for={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Chip({ chip }: { chip: LanguageChip }) {
  const { t } = usePage().i18n;
  const body = (
    <>
      <abbr title={chip.label}>{chip.code}</abbr>
      {chip.outOfDate && <span class="chip-flag"> · {t('editor.list.outOfDate')}</span>}
    </>
  );
  const cls = chip.outOfDate ? 'lang-chip lang-chip--stale' : 'lang-chip';
  return chip.href ? (
    <a class={cls} href={chip.href} hreflang={chip.code}>
      {body}
    </a>
  ) : (
    <span class={cls}>{body}</span>
  );
}

/** Every story the person may work on, newest change first, with filters and each story's languages. */
export function ArticleListPage({ model }: { model: ArticleListModel }) {
  const { t } = usePage().i18n;
  const f = model.filters;
  return (
    <AdminLayout chrome={model.chrome} title={t('editor.list.title')} wide>
      <div class="page-head">
        <h1>{t('editor.list.title')}</h1>
        {model.canCreate && (
          <a class="button button--primary" href="/admin/articles/new">
            {t('editor.list.new')}
          </a>
        )}
      </div>
      <form
        class="filters"
        method="get"
        action="/admin/articles"
        role="search"
        aria-label={t('editor.list.filters')}
      >
        <div class="field">
          <label for="filter-q">{t('editor.list.search')}</label>
          <input id="filter-q" type="search" name="q" value={f.q} />
        </div>
        <Select
          name="status"
          label={t('editor.list.status')}
          value={f.status}
          options={f.statuses}
          all={t('editor.list.any')}
        />
        <Select
          name="section"
          label={t('editor.list.section')}
          value={f.section}
          options={f.sections}
          all={t('editor.list.any')}
        />
        <Select
          name="author"
          label={t('editor.list.author')}
          value={f.author}
          options={f.authors}
          all={t('editor.list.any')}
        />
        <Select
          name="lang"
          label={t('editor.list.language')}
          value={f.lang}
          options={f.languages}
          all={t('editor.list.any')}
        />
        <button type="submit" class="button">
          {t('editor.list.filter')}
        </button>
      </form>
      <p class="muted" role="status">
        {t('editor.list.count', { count: model.total })}
      </p>
      {model.rows.length > 0 && (
        <TableScroll label={t('editor.list.title')}>
          <table class="table article-table">
            <thead>
              <tr>
                <th scope="col">{t('editor.list.headline')}</th>
                <th scope="col">{t('editor.list.status')}</th>
                <th scope="col">{t('editor.list.languages')}</th>
                <th scope="col">{t('editor.list.section')}</th>
                <th scope="col">{t('editor.list.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {model.rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <a class="article-title" href={row.editHref}>
                      {row.title}
                    </a>
                    {row.authors && <span class="muted article-authors">{row.authors}</span>}
                    {row.publicHref && (
                      <a class="article-public" href={row.publicHref}>
                        {t('editor.list.view')}
                        <span class="visually-hidden">: {row.title}</span>
                      </a>
                    )}
                  </td>
                  <td>
                    <span class={`status status--${row.status}`}>{row.statusLabel}</span>
                    {row.scheduledAt && (
                      <span class="muted article-when">
                        <Time iso={row.scheduledAt} withTime />
                      </span>
                    )}
                  </td>
                  <td>
                    <span class="lang-chips">
                      <Chip chip={row.language} />
                      {row.translations.map((tr) => (
                        <Chip key={tr.href} chip={tr} />
                      ))}
                    </span>
                  </td>
                  <td>{row.section ?? '—'}</td>
                  <td>
                    <Time iso={row.updatedAt} withTime />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pagination pagination={model.pagination} />
    </AdminLayout>
  );
}
