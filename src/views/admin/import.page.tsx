import type { SafeHtml } from '../../richtext/index.ts';
import { Time } from '../components/time.tsx';
import { usePage } from '../page-context.ts';
import { TrustedHtml } from '../trusted-html.tsx';
import { AdminLayout } from './admin-layout.tsx';
import type { AdminChromeModel, Notice } from './models.ts';

export interface ImportFormModel {
  url: string;
  text: string;
  sectionId: number | null;
  keepStatus: boolean;
  sections: ReadonlyArray<{ id: number; name: string }>;
  /** Reasons by field (url, text, file, form). */
  errors: Readonly<Record<string, string>>;
  maxUploadMb: number;
  feeds: ReadonlyArray<{
    id: number;
    title: string;
    url: string;
    intervalMinutes: number;
    lastPolledAt: string | null;
    lastError: string | null;
  }>;
}

export interface ImportPreviewItemModel {
  title: string;
  byline: string | null;
  dek: string | null;
  provenance: ReadonlyArray<{ label: string; value: string; href?: string; time?: boolean }>;
  leadImage: { html: SafeHtml | null; caption: string | null; credit: string | null } | null;
  body: SafeHtml;
  words: number;
  duplicates: ReadonlyArray<{ text: string; href: string | null }>;
  alreadyImported: boolean;
  comments: number;
}

export interface ImportPreviewModel {
  token: string;
  kindLabel: string;
  sourceTitle: string | null;
  sourceUrl: string | null;
  items: ReadonlyArray<ImportPreviewItemModel>;
  newCount: number;
  sectionId: number | null;
  keepStatus: boolean;
  isExport: boolean;
  /** A feed at an address: it can be followed from here. */
  canFollow: boolean;
}

export interface ImportResultModel {
  lines: ReadonlyArray<string>;
  created: ReadonlyArray<{
    title: string;
    href: string | null;
    statusLabel: string;
    status: string;
    warnings: string[];
  }>;
  failures: ReadonlyArray<string>;
}

export interface ImportPageModel {
  chrome: AdminChromeModel;
  notice: Notice | null;
  form: ImportFormModel | null;
  preview: ImportPreviewModel | null;
  result: ImportResultModel | null;
}

/** The Import page: give a source, see exactly what will be imported, save it as drafts. */
export function ImportPage({ model }: { model: ImportPageModel }) {
  const { t } = usePage().i18n;
  const title = model.result
    ? t('import.resultTitle')
    : model.preview
      ? t('import.previewTitle')
      : t('import.title');
  return (
    <AdminLayout chrome={model.chrome} title={title} notice={model.notice} wide>
      <h1>{title}</h1>
      {model.form && <ImportForm form={model.form} csrf={model.chrome.csrfToken} />}
      {model.form && <FollowedFeeds feeds={model.form.feeds} csrf={model.chrome.csrfToken} />}
      {model.preview && <Preview preview={model.preview} csrf={model.chrome.csrfToken} />}
      {model.result && <Result result={model.result} />}
    </AdminLayout>
  );
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p class="field-error" id={id}>
      {message}
    </p>
  ) : null;
}

function ImportForm({ form, csrf }: { form: ImportFormModel; csrf: string }) {
  const { t } = usePage().i18n;
  const e = form.errors;
  return (
    <section class="panel import-form">
      <p class="hint">{t('import.intro')}</p>
      <form class="form" method="post" action="/admin/import" enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={csrf} />
        <FieldError id="import-form-error" message={e.form} />
        <div class={e.url ? 'field field--error' : 'field'}>
          <label for="import-url">{t('import.url')}</label>
          <input
            id="import-url"
            name="url"
            type="url"
            inputmode="url"
            value={form.url}
            placeholder="https://"
            aria-describedby={e.url ? 'import-url-error import-url-hint' : 'import-url-hint'}
            aria-invalid={e.url ? 'true' : undefined}
          />
          <p class="hint" id="import-url-hint">
            {t('import.urlHint')}
          </p>
          <FieldError id="import-url-error" message={e.url} />
        </div>
        <div class={e.text ? 'field field--error' : 'field'}>
          <label for="import-text">{t('import.text')}</label>
          <textarea
            id="import-text"
            name="text"
            rows={8}
            aria-describedby={e.text ? 'import-text-error import-text-hint' : 'import-text-hint'}
            aria-invalid={e.text ? 'true' : undefined}
          >
            {form.text}
          </textarea>
          <p class="hint" id="import-text-hint">
            {t('import.textHint')}
          </p>
          <FieldError id="import-text-error" message={e.text} />
        </div>
        <div class={e.file ? 'field field--error' : 'field'}>
          <label for="import-file">{t('import.file')}</label>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".html,.htm,.txt,.xml,.rss,.atom,text/html,text/plain,application/xml,text/xml"
            aria-describedby={e.file ? 'import-file-error import-file-hint' : 'import-file-hint'}
          />
          <p class="hint" id="import-file-hint">
            {t('import.fileHint', { size: form.maxUploadMb })}
          </p>
          <FieldError id="import-file-error" message={e.file} />
        </div>
        <SectionField sections={form.sections} selected={form.sectionId} />
        <div class="field field--check">
          <label>
            <input type="checkbox" name="keepStatus" value="1" checked={form.keepStatus} />{' '}
            {t('import.keepStatus')}
          </label>
        </div>
        <p>
          <button type="submit" class="button button--primary">
            {t('import.previewButton')}
          </button>
        </p>
      </form>
    </section>
  );
}

function FollowedFeeds({ feeds, csrf }: { feeds: ImportFormModel['feeds']; csrf: string }) {
  const { t } = usePage().i18n;
  return (
    <section class="panel">
      <h2>{t('import.feeds.title')}</h2>
      {feeds.length === 0 ? (
        <p class="muted">{t('import.feeds.none')}</p>
      ) : (
        <ul class="import-feeds">
          {feeds.map((feed) => (
            <li key={feed.id}>
              <div>
                {feed.title !== feed.url && <strong>{feed.title} </strong>}
                <a class="muted" href={feed.url}>
                  {feed.url}
                </a>
                <p class="muted">
                  {t('import.feeds.every', { minutes: feed.intervalMinutes })} ·{' '}
                  {feed.lastPolledAt ? (
                    <>
                      {t('import.feeds.lastChecked')} <Time iso={feed.lastPolledAt} withTime />
                    </>
                  ) : (
                    t('import.feeds.never')
                  )}
                </p>
                {feed.lastError && (
                  <p class="field-error">{t('import.feeds.failing', { reason: feed.lastError })}</p>
                )}
              </div>
              <form method="post" action={`/admin/import/feeds/${feed.id}/unfollow`}>
                <input type="hidden" name="_csrf" value={csrf} />
                <button type="submit" class="button">
                  {t('import.feeds.unfollow')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SectionField({
  sections,
  selected,
}: {
  sections: ImportFormModel['sections'];
  selected: number | null;
}) {
  const { t } = usePage().i18n;
  return (
    <div class="field">
      <label for="import-section">{t('import.section')}</label>
      <select id="import-section" name="sectionId">
        <option value="">{t('import.noSection')}</option>
        {sections.map((s) => (
          <option key={s.id} value={String(s.id)} selected={s.id === selected}>
            {s.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function Preview({ preview, csrf }: { preview: ImportPreviewModel; csrf: string }) {
  const { t } = usePage().i18n;
  const single = preview.items.length === 1;
  return (
    <>
      <p class="import-source">
        <span class={`status status--draft`}>{preview.kindLabel}</span>{' '}
        {preview.sourceUrl ? (
          <a href={preview.sourceUrl}>{preview.sourceTitle ?? preview.sourceUrl}</a>
        ) : (
          preview.sourceTitle
        )}
        {!single && <> · {t('import.storyCount', { count: preview.items.length })}</>}
      </p>
      <SaveForm preview={preview} csrf={csrf} />
      {preview.items.map((item, index) =>
        single ? (
          <PreviewItem key={index} item={item} open />
        ) : (
          <details class="panel import-item" key={index}>
            <summary>
              <strong>{item.title}</strong>
              {item.byline && <span class="muted"> — {item.byline}</span>}
              {item.alreadyImported && <span class="muted"> · {t('import.alreadyImported')}</span>}
              {item.duplicates.length > 0 && <span class="import-flag"> ⚠</span>}
            </summary>
            <PreviewItem item={item} open={false} />
          </details>
        ),
      )}
      {preview.items.length > 1 && <SaveForm preview={preview} csrf={csrf} />}
    </>
  );
}

function SaveForm({ preview, csrf }: { preview: ImportPreviewModel; csrf: string }) {
  const { t } = usePage().i18n;
  return (
    <form class="toolbar import-save" method="post" action="/admin/import/save">
      <input type="hidden" name="_csrf" value={csrf} />
      <input type="hidden" name="token" value={preview.token} />
      <input
        type="hidden"
        name="sectionId"
        value={preview.sectionId === null ? '' : String(preview.sectionId)}
      />
      {preview.isExport && <input type="hidden" name="keepStatus" value={preview.keepStatus ? '1' : ''} />}
      {preview.canFollow && (
        <label class="import-follow">
          <input type="checkbox" name="follow" value="1" /> {t('import.follow')}
        </label>
      )}
      <button type="submit" class="button button--primary" disabled={preview.newCount === 0}>
        {t('import.save', { count: preview.newCount })}
      </button>
      <a class="button" href="/admin/import">
        {t('import.startOver')}
      </a>
    </form>
  );
}

function PreviewItem({ item, open }: { item: ImportPreviewItemModel; open: boolean }) {
  const { t } = usePage().i18n;
  return (
    <article class={open ? 'panel import-preview' : 'import-preview'}>
      {item.duplicates.map((d, i) => (
        <p key={i} class="notice notice--error" role="alert">
          {d.href ? <a href={d.href}>{d.text}</a> : d.text}
        </p>
      ))}
      {item.alreadyImported && open && <p class="notice notice--info">{t('import.alreadyImported')}</p>}
      {open && <h2 class="import-headline">{item.title}</h2>}
      {item.dek && <p class="import-dek">{item.dek}</p>}
      {item.byline && <p class="muted">{item.byline}</p>}
      <dl class="import-provenance" aria-label={t('import.provenance')}>
        {item.provenance.map((row) => (
          <div key={row.label}>
            <dt>{row.label}</dt>
            <dd>
              {row.time ? (
                <Time iso={row.value} withTime />
              ) : row.href ? (
                <a href={row.href}>{row.value}</a>
              ) : (
                row.value
              )}
            </dd>
          </div>
        ))}
      </dl>
      {item.leadImage && (
        <section class="import-lead" aria-label={t('import.leadImage')}>
          {item.leadImage.html ? (
            <TrustedHtml html={item.leadImage.html} />
          ) : (
            <p class="hint">
              {[item.leadImage.caption, item.leadImage.credit].filter(Boolean).join(' — ')}
              <br />
              {t('import.noImageFile')}
            </p>
          )}
        </section>
      )}
      <section aria-label={t('import.bodyPreview')}>
        <p class="muted">
          {t('import.wordCount', { count: item.words })}
          {item.comments > 0 && <> · {t('import.commentCount', { count: item.comments })}</>}
        </p>
        <TrustedHtml html={item.body} className="import-body prose" />
      </section>
    </article>
  );
}

function Result({ result }: { result: ImportResultModel }) {
  const { t } = usePage().i18n;
  return (
    <section class="panel">
      {result.lines.map((line, i) => (
        <p key={i}>{line}</p>
      ))}
      {result.created.length > 0 && (
        <ul class="import-created">
          {result.created.map((c, i) => (
            <li key={i}>
              <span class={`status status--${c.status}`}>{c.statusLabel}</span>{' '}
              {c.href ? <a href={c.href}>{c.title}</a> : c.title}
              {c.warnings.map((w, j) => (
                <p key={j} class="field-error">
                  {w}
                </p>
              ))}
            </li>
          ))}
        </ul>
      )}
      {result.failures.map((f, i) => (
        <p key={i} class="field-error">
          {f}
        </p>
      ))}
      <p>
        <a class="button" href="/admin/import">
          {t('import.another')}
        </a>
      </p>
    </section>
  );
}
