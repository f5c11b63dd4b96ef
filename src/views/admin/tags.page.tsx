import { usePage } from '../page-context.ts';
import { AdminLayout } from './admin-layout.tsx';
import { EditFrame, PanelForm } from './manage-frame.tsx';
import { Csrf, FieldError, TextField } from './form-fields.tsx';
import type { AdminChromeModel, Notice } from './models.ts';
import { type TranslationFormModel, TranslationsPanel } from './translations-form.tsx';
import { TableScroll } from '../components/table-scroll.tsx';

export interface TagFormModel {
  name: string;
  slug: string;
  errors: Readonly<Record<string, string>>;
}

export interface TagsPageModel {
  chrome: AdminChromeModel;
  notice: Notice | null;
  query: string;
  total: number;
  /** The other language whose names the list shows, when the site has one. */
  translationLanguage: string | null;
  rows: ReadonlyArray<{
    id: number;
    name: string;
    slug: string;
    href: string;
    stories: number;
    translation: string | null;
  }>;
  prevHref: string | null;
  nextHref: string | null;
  form: TagFormModel;
}

export interface TagEditModel {
  chrome: AdminChromeModel;
  notice: Notice | null;
  id: number;
  title: string;
  publicHref: string;
  form: TagFormModel;
  translations: readonly TranslationFormModel[];
}

function TagFields({ form, prefix }: { form: TagFormModel; prefix: string }) {
  const { t } = usePage().i18n;
  return (
    <>
      <FieldError id={`${prefix}-form-error`} message={form.errors.form} />
      <TextField
        id={`${prefix}-name`}
        name="name"
        label={t('taxonomy.field.name')}
        value={form.name}
        error={form.errors.name}
        required
        maxLength={60}
      />
      <TextField
        id={`${prefix}-slug`}
        name="slug"
        label={t('taxonomy.field.slug')}
        hint={t('taxonomy.field.slugHint')}
        value={form.slug}
        error={form.errors.slug}
        maxLength={60}
      />
    </>
  );
}

/** Tags, busiest first, searchable, with their names in the site's other language. */
export function TagsPage({ model }: { model: TagsPageModel }) {
  const { t } = usePage().i18n;
  return (
    <AdminLayout chrome={model.chrome} title={t('taxonomy.tags.title')} notice={model.notice} wide>
      <h1>{t('taxonomy.tags.title')}</h1>
      <div class="media-layout">
        <section class="panel" aria-labelledby="new-tag-heading">
          <h2 id="new-tag-heading">{t('taxonomy.tags.new')}</h2>
          <form class="form" method="post" action="/admin/tags">
            <Csrf token={model.chrome.csrfToken} />
            <TagFields form={model.form} prefix="new-tag" />
            <p>
              <button type="submit" class="button button--primary">
                {t('taxonomy.create')}
              </button>
            </p>
          </form>
        </section>
        <section class="panel" aria-labelledby="tag-list-heading">
          <h2 id="tag-list-heading">{t('taxonomy.tags.list')}</h2>
          <form class="media-search" method="get" action="/admin/tags" role="search">
            <label for="tag-q">{t('taxonomy.tags.search')}</label>
            <input id="tag-q" name="q" type="search" value={model.query} />
            <button type="submit" class="button">
              {t('media.search.button')}
            </button>
          </form>
          <p class="muted" role="status">
            {t('taxonomy.tags.count', { count: model.total })}
          </p>
          {model.rows.length > 0 && (
            <TableScroll label={t('taxonomy.tags.list')}>
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">{t('taxonomy.field.name')}</th>
                    <th scope="col">{t('taxonomy.field.slug')}</th>
                    {model.translationLanguage && <th scope="col">{model.translationLanguage}</th>}
                    <th scope="col">{t('taxonomy.tags.stories')}</th>
                  </tr>
                </thead>
                <tbody>
                  {model.rows.map((row) => (
                    <tr key={row.id}>
                      <td>
                        <a href={row.href}>{row.name}</a>
                      </td>
                      <td class="muted">{row.slug}</td>
                      {model.translationLanguage && <td>{row.translation ?? '—'}</td>}
                      <td>{row.stories}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          {(model.prevHref || model.nextHref) && (
            <nav class="pager" aria-label={t('media.pages')}>
              {model.prevHref && <a href={model.prevHref}>{t('taxonomy.prev')}</a>}
              {model.nextHref && <a href={model.nextHref}>{t('taxonomy.next')}</a>}
            </nav>
          )}
        </section>
      </div>
    </AdminLayout>
  );
}

export function TagEditPage({ model }: { model: TagEditModel }) {
  const { t } = usePage().i18n;
  return (
    <EditFrame
      chrome={model.chrome}
      notice={model.notice}
      title={model.title}
      backHref="/admin/tags"
      backLabel={t('taxonomy.tags.back')}
      publicHref={model.publicHref}
      aside={
        <TranslationsPanel
          action={`/admin/tags/${model.id}/translations`}
          csrf={model.chrome.csrfToken}
          translations={model.translations}
        />
      }
    >
      <PanelForm action={`/admin/tags/${model.id}`} csrf={model.chrome.csrfToken} button={t('taxonomy.save')}>
        <TagFields form={model.form} prefix="tag" />
      </PanelForm>
    </EditFrame>
  );
}
