import type { ArticleForm, ProvenanceField } from '../../../editorial/article-form.ts';
import type { SafeHtml } from '../../../richtext/index.ts';
import { Time } from '../../components/time.tsx';
import { usePage } from '../../page-context.ts';
import { TrustedHtml } from '../../trusted-html.tsx';
import { AdminLayout } from '../admin-layout.tsx';
import type { AdminChromeModel, Notice } from '../models.ts';
import { describedBy, Field, TextInput } from './fields.tsx';

export interface Option {
  value: string;
  label: string;
}

export interface EditorModel {
  chrome: AdminChromeModel;
  title: string;
  articleId: number | null;
  version: number | null;
  statusLine: string | null;
  formAction: string;
  form: ArticleForm;
  errors: Readonly<Record<string, string>>;
  notice: Notice | null;
  languages: Option[];
  sections: Option[];
  authors: Option[];
  provenance: ReadonlyArray<{ field: ProvenanceField; label: string }>;
  buttons: ReadonlyArray<{ value: string; label: string; primary: boolean }>;
  canReturn: boolean;
  timeZone: string;
  duplicates: ReadonlyArray<{ text: string; href: string | null }> | null;
  links: { preview: string | null; revisions: string | null; publicHref: string | null };
  original: { heading: string; title: string; dek: string | null; body: SafeHtml; href: string } | null;
  notes: ReadonlyArray<{ text: string; note: string | null; at: string }>;
  corrections: {
    canAdd: boolean;
    action: string;
    list: ReadonlyArray<{ label: string; text: string; at: string }>;
  } | null;
  translate: { action: string; languages: Option[] } | null;
  /** The media library's addresses for the picker, when this person may use the library. */
  media: { searchUrl: string; uploadUrl: string } | null;
  /** Where autosave posts (existing articles only), and the messages the editor's script shows. */
  autosave: { url: string | null; messages: Record<string, string> };
}

/**
 * The article editor: a plain form that works without JavaScript (the body is then block JSON in a
 * textarea); with JavaScript the body becomes a rich-text editor and autosaves. The side column holds
 * settings, workflow buttons, review notes, corrections and translation.
 */
export function EditorPage({ model }: { model: EditorModel }) {
  const { t } = usePage().i18n;
  const f = model.form;
  const e = model.errors;
  const chrome = model.chrome;
  return (
    <AdminLayout chrome={chrome} title={model.title} notice={model.notice} wide>
      <div class="page-head">
        <h1>{model.title}</h1>
        {model.statusLine && <p class="muted">{model.statusLine}</p>}
      </div>
      <form
        method="post"
        action={model.formAction}
        class={model.original ? 'editor editor--side-by-side' : 'editor'}
        id="article-editor"
        data-autosave-url={model.autosave.url ?? undefined}
        data-article-id={model.articleId ?? undefined}
        data-version={model.version ?? undefined}
        data-media-search={model.media?.searchUrl}
        data-media-upload={model.media?.uploadUrl}
        data-messages={JSON.stringify(model.autosave.messages)}
        novalidate
      >
        <input type="hidden" name="_csrf" value={chrome.csrfToken} />
        {model.version !== null && <input type="hidden" name="version" value={String(model.version)} />}
        {model.original && (
          <aside class="original-text" aria-labelledby="original-heading" lang={undefined}>
            <p class="muted" id="original-heading">
              {model.original.heading} · <a href={model.original.href}>{t('editor.edit.originalLink')}</a>
            </p>
            <h2>{model.original.title}</h2>
            {model.original.dek && <p>{model.original.dek}</p>}
            <TrustedHtml html={model.original.body} className="original-body" />
          </aside>
        )}
        <div class="editor-main">
          {model.duplicates && (
            <section class="notice notice--error" aria-labelledby="duplicates-heading">
              <h2 id="duplicates-heading">{t('editor.duplicates.title')}</h2>
              <p>{t('editor.duplicates.explain')}</p>
              <ul>
                {model.duplicates.map((d) => (
                  <li key={d.text}>{d.href ? <a href={d.href}>{d.text}</a> : d.text}</li>
                ))}
              </ul>
              <button type="submit" name="action" value="publish-confirmed" class="button button--danger">
                {t('editor.duplicates.publishAnyway')}
              </button>
            </section>
          )}
          <TextInput
            id="title"
            name="title"
            label={t('editor.edit.headline')}
            value={f.title}
            error={e.title}
            className="field-title"
            required
            maxLength={300}
          />
          <Field id="dek" label={t('editor.edit.dek')} error={e.dek}>
            <textarea id="dek" name="dek" rows={2} maxLength={600} {...describedBy('dek', false, e.dek)}>
              {f.dek}
            </textarea>
          </Field>
          <Field id="body" label={t('editor.edit.body')} error={e.body} hint={t('editor.edit.bodyHint')}>
            <div class="rich-editor-slot" data-label={t('editor.bodyLabel')} />
            <textarea
              id="body"
              name="body"
              class="body-json"
              rows={14}
              spellcheck={false}
              {...describedBy('body', true, e.body)}
            >
              {f.body}
            </textarea>
          </Field>
          <p class="autosave-status" id="autosave-status" role="status" aria-live="polite" />
        </div>
        <div class="editor-side">
          <fieldset>
            <legend>{t('editor.edit.actions')}</legend>
            <TextInput
              id="scheduledAt"
              name="scheduledAt"
              type="datetime-local"
              label={t('editor.edit.scheduledAt')}
              value={f.scheduledAt}
              error={e.scheduledAt}
              hint={t('editor.edit.scheduledAtHint', { zone: model.timeZone })}
            />
            {model.canReturn && (
              <Field id="note" label={t('editor.edit.note')} error={e.note} hint={t('editor.edit.noteHint')}>
                <textarea id="note" name="note" rows={3} {...describedBy('note', true, e.note)} />
              </Field>
            )}
            <div class="editor-actions">
              {model.buttons.map((b) => (
                <button
                  key={b.value}
                  type="submit"
                  name="action"
                  value={b.value}
                  class={b.primary ? 'button button--primary' : 'button'}
                >
                  {b.label}
                </button>
              ))}
            </div>
            {(model.links.preview || model.links.revisions || model.links.publicHref) && (
              <p class="editor-links">
                {model.links.preview && <a href={model.links.preview}>{t('editor.edit.preview')}</a>}
                {model.links.revisions && (
                  <>
                    {' · '}
                    <a href={model.links.revisions}>{t('editor.edit.revisions')}</a>
                  </>
                )}
                {model.links.publicHref && (
                  <>
                    {' · '}
                    <a href={model.links.publicHref}>{t('editor.list.view')}</a>
                  </>
                )}
              </p>
            )}
          </fieldset>
          <fieldset>
            <legend>{t('editor.edit.section')}</legend>
            <Field id="sectionId" label={t('editor.edit.section')} error={e.sectionId}>
              <select id="sectionId" name="sectionId" {...describedBy('sectionId', false, e.sectionId)}>
                <option value="">{t('editor.edit.noSection')}</option>
                {model.sections.map((o) => (
                  <option key={o.value} value={o.value} selected={o.value === f.sectionId}>
                    {o.label}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="authorIds" label={t('editor.edit.authors')} error={e.authorIds}>
              <select
                id="authorIds"
                name="authorIds"
                multiple
                size={Math.min(6, Math.max(3, model.authors.length))}
                {...describedBy('authorIds', false, e.authorIds)}
              >
                {model.authors.map((o) => (
                  <option key={o.value} value={o.value} selected={f.authorIds.includes(o.value)}>
                    {o.label}
                  </option>
                ))}
              </select>
            </Field>
            <TextInput
              id="tags"
              name="tags"
              label={t('editor.edit.tags')}
              value={f.tags}
              error={e.tags}
              hint={t('editor.edit.tagsHint')}
            />
            <TextInput
              id="slug"
              name="slug"
              label={t('editor.edit.slug')}
              value={f.slug}
              error={e.slug}
              hint={t('editor.edit.slugHint')}
            />
          </fieldset>
          <fieldset id="lead-image-fields">
            <legend>{t('editor.edit.leadImage')}</legend>
            <TextInput
              id="leadMediaId"
              name="leadMediaId"
              label={t('editor.edit.leadMediaId')}
              value={f.leadMediaId}
              error={e.leadMediaId}
              hint={t('editor.edit.leadMediaHint')}
            />
            <TextInput
              id="leadUrl"
              name="leadUrl"
              label={t('editor.edit.leadUrl')}
              value={f.leadUrl}
              error={e.leadImage}
            />
            <TextInput id="leadAlt" name="leadAlt" label={t('editor.edit.leadAlt')} value={f.leadAlt} />
            <TextInput
              id="leadCaption"
              name="leadCaption"
              label={t('editor.edit.leadCaption')}
              value={f.leadCaption}
            />
            <TextInput
              id="leadCredit"
              name="leadCredit"
              label={t('editor.edit.leadCredit')}
              value={f.leadCredit}
            />
          </fieldset>
          <fieldset>
            <legend>{t('editor.edit.languageLegend')}</legend>
            <Field id="language" label={t('editor.edit.language')} error={e.language}>
              <select id="language" name="language" {...describedBy('language', false, e.language)}>
                {model.languages.map((o) => (
                  <option key={o.value} value={o.value} selected={o.value === f.language}>
                    {o.label}
                  </option>
                ))}
              </select>
            </Field>
            <TextInput
              id="translationOfId"
              name="translationOfId"
              label={t('editor.edit.translationOf')}
              value={f.translationOfId}
              error={e.translationOfId}
            />
          </fieldset>
          <fieldset>
            <legend>{t('editor.edit.provenance')}</legend>
            {e.source && <p class="field-error">{e.source}</p>}
            {model.provenance.map((p) => (
              <TextInput
                key={p.field}
                id={`source-${p.field}`}
                name={`source.${p.field}`}
                label={p.label}
                value={f.source[p.field]}
              />
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('editor.edit.seo')}</legend>
            <TextInput
              id="seoTitle"
              name="seoTitle"
              label={t('editor.edit.seoTitle')}
              value={f.seoTitle}
              error={e.seoTitle}
            />
            <Field id="seoDescription" label={t('editor.edit.seoDescription')} error={e.seoDescription}>
              <textarea
                id="seoDescription"
                name="seoDescription"
                rows={3}
                {...describedBy('seoDescription', false, e.seoDescription)}
              >
                {f.seoDescription}
              </textarea>
            </Field>
          </fieldset>
          {model.notes.length > 0 && (
            <section class="panel" aria-labelledby="notes-heading">
              <h2 id="notes-heading">{t('editor.notes.title')}</h2>
              <ul class="notes-list">
                {model.notes.map((n, i) => (
                  <li key={i}>
                    {n.text} · <Time iso={n.at} withTime />
                    {n.note && <blockquote>{n.note}</blockquote>}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      </form>
      {model.corrections && (
        <section class="panel" aria-labelledby="corrections-heading">
          <h2 id="corrections-heading">{t('editor.corrections.title')}</h2>
          {model.corrections.list.length > 0 && (
            <ul class="notes-list">
              {model.corrections.list.map((c, i) => (
                <li key={i}>
                  <strong>{c.label}:</strong> {c.text} · <Time iso={c.at} withTime />
                </li>
              ))}
            </ul>
          )}
          {model.corrections.canAdd && (
            <form method="post" action={model.corrections.action} class="form">
              <input type="hidden" name="_csrf" value={chrome.csrfToken} />
              <Field id="correction-kind" label={t('editor.corrections.kind')}>
                <select id="correction-kind" name="kind">
                  <option value="correction">{t('editor.correction.label')}</option>
                  <option value="update">{t('editor.update.label')}</option>
                </select>
              </Field>
              <Field id="correction-text" label={t('editor.corrections.text')} error={e.correction}>
                <textarea
                  id="correction-text"
                  name="text"
                  rows={2}
                  {...describedBy('correction-text', false, e.correction)}
                />
              </Field>
              <div>
                <button type="submit" class="button">
                  {t('editor.corrections.add')}
                </button>
              </div>
            </form>
          )}
        </section>
      )}
      {model.translate && model.translate.languages.length > 0 && (
        <section class="panel" aria-labelledby="translate-heading">
          <h2 id="translate-heading">{t('editor.edit.translate')}</h2>
          <form method="post" action={model.translate.action} class="form">
            <input type="hidden" name="_csrf" value={chrome.csrfToken} />
            <Field id="translate-language" label={t('editor.translate.language')}>
              <select id="translate-language" name="language">
                {model.translate.languages.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </Field>
            <div>
              <button type="submit" class="button">
                {t('editor.translate.submit')}
              </button>
            </div>
          </form>
        </section>
      )}
    </AdminLayout>
  );
}
