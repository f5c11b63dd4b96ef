import { Picture } from '../components/picture.tsx';
import type { ImageModel } from '../models.ts';
import { usePage } from '../page-context.ts';
import { AdminLayout } from './admin-layout.tsx';
import { EditFrame, PanelForm } from './manage-frame.tsx';
import { Csrf, FieldError, TextArea, TextField } from './form-fields.tsx';
import type { AdminChromeModel, Notice } from './models.ts';
import { type TranslationFormModel, TranslationsPanel } from './translations-form.tsx';

export interface AuthorFormModel {
  name: string;
  slug: string;
  jobTitle: string;
  bio: string;
  websiteUrl: string;
  errors: Readonly<Record<string, string>>;
}

export interface AuthorsPageModel {
  chrome: AdminChromeModel;
  notice: Notice | null;
  rows: ReadonlyArray<{
    id: number;
    name: string;
    slug: string;
    jobTitle: string | null;
    href: string;
    avatar: ImageModel | null;
  }>;
  form: AuthorFormModel;
}

export interface AvatarChoiceModel {
  /** `''` none, `keep` the current address, or a library item's id. */
  value: string;
  label: string;
  image: ImageModel | null;
  checked: boolean;
}

export interface AuthorEditModel {
  chrome: AdminChromeModel;
  notice: Notice | null;
  id: number;
  title: string;
  publicHref: string;
  form: AuthorFormModel;
  avatarQuery: string;
  avatarChoices: readonly AvatarChoiceModel[];
  translations: readonly TranslationFormModel[];
}

function AuthorFields({ form, prefix }: { form: AuthorFormModel; prefix: string }) {
  const { t } = usePage().i18n;
  const e = form.errors;
  return (
    <>
      <FieldError id={`${prefix}-form-error`} message={e.form} />
      <TextField
        id={`${prefix}-name`}
        name="name"
        label={t('taxonomy.field.name')}
        value={form.name}
        error={e.name}
        required
        maxLength={120}
      />
      <TextField
        id={`${prefix}-slug`}
        name="slug"
        label={t('taxonomy.field.slug')}
        hint={t('taxonomy.field.slugHint')}
        value={form.slug}
        error={e.slug}
        maxLength={60}
      />
      <TextField
        id={`${prefix}-job`}
        name="jobTitle"
        label={t('taxonomy.field.jobTitle')}
        value={form.jobTitle}
        error={e.jobTitle}
        maxLength={120}
      />
      <TextArea
        id={`${prefix}-bio`}
        name="bio"
        label={t('taxonomy.field.bio')}
        value={form.bio}
        error={e.bio}
        maxLength={2000}
        rows={5}
      />
      <TextField
        id={`${prefix}-website`}
        name="websiteUrl"
        type="url"
        label={t('taxonomy.field.website')}
        value={form.websiteUrl}
        error={e.websiteUrl}
        maxLength={2048}
      />
    </>
  );
}

/** Author profiles: the people bylines link to. */
export function AuthorsPage({ model }: { model: AuthorsPageModel }) {
  const { t } = usePage().i18n;
  return (
    <AdminLayout chrome={model.chrome} title={t('taxonomy.authors.title')} notice={model.notice} wide>
      <h1>{t('taxonomy.authors.title')}</h1>
      <div class="media-layout">
        <section class="panel" aria-labelledby="new-author-heading">
          <h2 id="new-author-heading">{t('taxonomy.authors.new')}</h2>
          <form class="form" method="post" action="/admin/authors">
            <Csrf token={model.chrome.csrfToken} />
            <AuthorFields form={model.form} prefix="new-author" />
            <p>
              <button type="submit" class="button button--primary">
                {t('taxonomy.create')}
              </button>
            </p>
          </form>
        </section>
        <section class="panel" aria-labelledby="author-list-heading">
          <h2 id="author-list-heading">{t('taxonomy.authors.list')}</h2>
          {model.rows.length === 0 ? (
            <p class="muted">{t('taxonomy.authors.none')}</p>
          ) : (
            <ul class="people" role="list">
              {model.rows.map((row) => (
                <li key={row.id}>
                  {row.avatar ? (
                    <Picture image={row.avatar} sizes="48px" imgClass="people-avatar" />
                  ) : (
                    <span class="people-avatar" aria-hidden="true" />
                  )}
                  <span>
                    <a href={row.href}>{row.name}</a>
                    <span class="muted"> /author/{row.slug}</span>
                    {row.jobTitle && <span class="people-note">{row.jobTitle}</span>}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </AdminLayout>
  );
}

/** One author: profile, avatar chosen from the media library, and texts in other languages. */
export function AuthorEditPage({ model }: { model: AuthorEditModel }) {
  const { t } = usePage().i18n;
  const e = model.form.errors;
  return (
    <EditFrame
      chrome={model.chrome}
      notice={model.notice}
      title={model.title}
      backHref="/admin/authors"
      backLabel={t('taxonomy.authors.back')}
      publicHref={model.publicHref}
      aside={
        <TranslationsPanel
          action={`/admin/authors/${model.id}/translations`}
          csrf={model.chrome.csrfToken}
          translations={model.translations}
        />
      }
    >
      <PanelForm
        action={`/admin/authors/${model.id}`}
        csrf={model.chrome.csrfToken}
        button={t('taxonomy.save')}
      >
        <AuthorFields form={model.form} prefix="author" />
        <fieldset class={e.avatar ? 'field field--error' : 'field'}>
          <legend>{t('taxonomy.field.avatar')}</legend>
          <p class="hint">{t('taxonomy.field.avatarHint')}</p>
          <ul class="avatar-choices" role="list">
            {model.avatarChoices.map((choice) => (
              <li key={choice.value}>
                <label>
                  <input type="radio" name="avatar" value={choice.value} checked={choice.checked} />
                  {choice.image ? (
                    <Picture image={choice.image} sizes="64px" imgClass="people-avatar" />
                  ) : null}
                  <span>{choice.label}</span>
                </label>
              </li>
            ))}
          </ul>
          <FieldError id="author-avatar-error" message={e.avatar} />
        </fieldset>
      </PanelForm>
      <form class="media-search" method="get" action={`/admin/authors/${model.id}`} role="search">
        <label for="avatar-q">{t('taxonomy.field.avatarSearch')}</label>
        <input id="avatar-q" name="avatarQ" type="search" value={model.avatarQuery} />
        <button type="submit" class="button">
          {t('media.search.button')}
        </button>
      </form>
    </EditFrame>
  );
}
