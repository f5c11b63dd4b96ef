import { Picture } from '../components/picture.tsx';
import { Time } from '../components/time.tsx';
import type { ImageModel } from '../models.ts';
import { usePage } from '../page-context.ts';
import { AdminLayout } from './admin-layout.tsx';
import { Csrf, FieldError, TextArea, TextField } from './form-fields.tsx';
import type { AdminChromeModel, Notice } from './models.ts';

export interface MediaTextsForm {
  alt: string;
  caption: string;
  credit: string;
  /** Reasons by field (file, alt, caption, credit, form). */
  errors: Readonly<Record<string, string>>;
}

export interface MediaCardModel {
  id: number;
  href: string;
  image: ImageModel;
  name: string;
  credit: string | null;
  missingAlt: boolean;
}

export interface MediaLibraryModel {
  chrome: AdminChromeModel;
  notice: Notice | null;
  query: string;
  total: number;
  items: readonly MediaCardModel[];
  prevHref: string | null;
  nextHref: string | null;
  upload: MediaTextsForm;
  maxUploadMb: number;
}

export interface MediaEditModel {
  chrome: AdminChromeModel;
  notice: Notice | null;
  id: number;
  image: ImageModel;
  url: string;
  originalName: string | null;
  width: number | null;
  height: number | null;
  bytes: number | null;
  createdAt: string;
  variants: ReadonlyArray<{ url: string; label: string }>;
  form: MediaTextsForm;
}

/** The fields an image carries wherever it is used: alt text, caption, credit. */
function TextsFields({ form, prefix }: { form: MediaTextsForm; prefix: string }) {
  const { t } = usePage().i18n;
  const e = form.errors;
  return (
    <>
      <TextField
        id={`${prefix}-alt`}
        name="alt"
        label={t('media.field.alt')}
        hint={t('media.field.altHint')}
        value={form.alt}
        error={e.alt}
        maxLength={1000}
      />
      <TextArea
        id={`${prefix}-caption`}
        name="caption"
        label={t('media.field.caption')}
        value={form.caption}
        error={e.caption}
        maxLength={1000}
        rows={2}
      />
      <TextField
        id={`${prefix}-credit`}
        name="credit"
        label={t('media.field.credit')}
        hint={t('media.field.creditHint')}
        value={form.credit}
        error={e.credit}
        maxLength={300}
      />
    </>
  );
}

/** The media library: search, a grid of images, and an upload form that works without script. */
export function MediaLibraryPage({ model }: { model: MediaLibraryModel }) {
  const { t } = usePage().i18n;
  const e = model.upload.errors;
  return (
    <AdminLayout chrome={model.chrome} title={t('media.title')} notice={model.notice} wide>
      <h1>{t('media.title')}</h1>
      <div class="media-layout">
        <section class="panel media-upload" aria-labelledby="media-upload-heading">
          <h2 id="media-upload-heading">{t('media.upload.title')}</h2>
          <form class="form" method="post" action="/admin/media" enctype="multipart/form-data">
            <Csrf token={model.chrome.csrfToken} />
            <FieldError id="media-form-error" message={e.form} />
            <div class={e.file ? 'field field--error' : 'field'}>
              <label for="media-file">{t('media.field.file')}</label>
              <input
                id="media-file"
                name="file"
                type="file"
                required
                accept="image/jpeg,image/png,image/webp,image/avif,image/gif"
                aria-invalid={e.file ? 'true' : undefined}
                aria-describedby={e.file ? 'media-file-error media-file-hint' : 'media-file-hint'}
              />
              <p class="hint" id="media-file-hint">
                {t('media.field.fileHint', { size: model.maxUploadMb })}
              </p>
              <FieldError id="media-file-error" message={e.file} />
            </div>
            <TextsFields form={model.upload} prefix="media-upload" />
            <p>
              <button type="submit" class="button button--primary">
                {t('media.upload.button')}
              </button>
            </p>
          </form>
        </section>
        <section class="media-browse" aria-labelledby="media-browse-heading">
          <h2 id="media-browse-heading" class="visually-hidden">
            {t('media.browse')}
          </h2>
          <form class="media-search" method="get" action="/admin/media" role="search">
            <label for="media-q">{t('media.search.label')}</label>
            <input id="media-q" name="q" type="search" value={model.query} />
            <button type="submit" class="button">
              {t('media.search.button')}
            </button>
          </form>
          <p class="muted" role="status">
            {model.query
              ? t('media.search.found', { count: model.total, query: model.query })
              : t('media.count', { count: model.total })}
          </p>
          {model.items.length > 0 && (
            <ul class="media-grid" role="list">
              {model.items.map((item) => (
                <li key={item.id} class="media-card">
                  <a href={item.href}>
                    <Picture image={item.image} sizes="(min-width: 960px) 200px, 45vw" />
                    <span class="media-card-name">{item.name}</span>
                  </a>
                  {item.credit && <span class="media-card-credit">{item.credit}</span>}
                  {item.missingAlt && <span class="status status--review">{t('media.noAlt')}</span>}
                </li>
              ))}
            </ul>
          )}
          {(model.prevHref || model.nextHref) && (
            <nav class="pager" aria-label={t('media.pages')}>
              {model.prevHref && <a href={model.prevHref}>{t('media.prev')}</a>}
              {model.nextHref && <a href={model.nextHref}>{t('media.next')}</a>}
            </nav>
          )}
        </section>
      </div>
    </AdminLayout>
  );
}

/** One image: its texts (editable), its size and file, and every variant made from it. */
export function MediaEditPage({ model }: { model: MediaEditModel }) {
  const { t } = usePage().i18n;
  const title = model.originalName ?? t('media.untitled', { id: model.id });
  return (
    <AdminLayout chrome={model.chrome} title={title} notice={model.notice} wide>
      <p>
        <a href="/admin/media">{t('media.back')}</a>
      </p>
      <h1>{title}</h1>
      <div class="media-layout">
        <figure class="panel media-preview">
          <Picture image={model.image} eager sizes="(min-width: 960px) 560px, 100vw" />
        </figure>
        <section class="panel">
          <form class="form" method="post" action={`/admin/media/${model.id}`}>
            <Csrf token={model.chrome.csrfToken} />
            <FieldError id="media-edit-error" message={model.form.errors.form} />
            <TextsFields form={model.form} prefix="media-edit" />
            <p>
              <button type="submit" class="button button--primary">
                {t('media.save')}
              </button>
            </p>
          </form>
          <dl class="media-facts">
            <dt>{t('media.fact.address')}</dt>
            <dd>
              <code>{model.url}</code>
            </dd>
            {model.width && model.height && (
              <>
                <dt>{t('media.fact.size')}</dt>
                <dd>{t('media.fact.pixels', { width: model.width, height: model.height })}</dd>
              </>
            )}
            {model.bytes !== null && (
              <>
                <dt>{t('media.fact.bytes')}</dt>
                <dd>{t('media.fact.kb', { kb: Math.max(1, Math.round(model.bytes / 1024)) })}</dd>
              </>
            )}
            <dt>{t('media.fact.uploaded')}</dt>
            <dd>
              <Time iso={model.createdAt} withTime />
            </dd>
          </dl>
          {model.variants.length > 0 && (
            <details>
              <summary>{t('media.variants', { count: model.variants.length })}</summary>
              <ul class="media-variants">
                {model.variants.map((v) => (
                  <li key={v.url}>
                    <a href={v.url}>{v.label}</a>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </section>
      </div>
    </AdminLayout>
  );
}
