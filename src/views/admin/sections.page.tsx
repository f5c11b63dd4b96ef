import { usePage } from '../page-context.ts';
import { AdminLayout } from './admin-layout.tsx';
import { EditFrame, PanelForm } from './manage-frame.tsx';
import { Csrf, FieldError, SelectField, TextArea, TextField } from './form-fields.tsx';
import type { AdminChromeModel, Notice } from './models.ts';
import { type TranslationFormModel, TranslationsPanel } from './translations-form.tsx';

export interface SectionFormModel {
  name: string;
  slug: string;
  description: string;
  parentId: string;
  position: string;
  errors: Readonly<Record<string, string>>;
}

export interface SectionRowModel {
  id: number;
  name: string;
  slug: string;
  depth: number;
  href: string;
  publicHref: string;
  translated: readonly string[];
}

export interface SectionsPageModel {
  chrome: AdminChromeModel;
  notice: Notice | null;
  rows: readonly SectionRowModel[];
  parents: ReadonlyArray<{ value: string; label: string }>;
  form: SectionFormModel;
}

export interface SectionEditModel {
  chrome: AdminChromeModel;
  notice: Notice | null;
  id: number;
  title: string;
  publicHref: string;
  parents: ReadonlyArray<{ value: string; label: string }>;
  form: SectionFormModel;
  translations: readonly TranslationFormModel[];
}

function SectionFields({
  form,
  parents,
  prefix,
}: {
  form: SectionFormModel;
  parents: SectionsPageModel['parents'];
  prefix: string;
}) {
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
        maxLength={80}
      />
      <TextField
        id={`${prefix}-slug`}
        name="slug"
        label={t('taxonomy.field.slug')}
        hint={t('taxonomy.field.sectionSlugHint')}
        value={form.slug}
        error={e.slug}
        maxLength={60}
      />
      <SelectField
        id={`${prefix}-parent`}
        name="parentId"
        label={t('taxonomy.field.parent')}
        value={form.parentId}
        error={e.parentId}
        options={parents}
      />
      <TextArea
        id={`${prefix}-description`}
        name="description"
        label={t('taxonomy.field.description')}
        value={form.description}
        error={e.description}
        maxLength={500}
      />
      <TextField
        id={`${prefix}-position`}
        name="position"
        label={t('taxonomy.field.position')}
        hint={t('taxonomy.field.positionHint')}
        value={form.position}
        error={e.position}
      />
    </>
  );
}

/** Sections as a tree: each row indented under its parent, with a form to add one. */
export function SectionsPage({ model }: { model: SectionsPageModel }) {
  const { t } = usePage().i18n;
  return (
    <AdminLayout chrome={model.chrome} title={t('taxonomy.sections.title')} notice={model.notice} wide>
      <h1>{t('taxonomy.sections.title')}</h1>
      <div class="media-layout">
        <section class="panel" aria-labelledby="new-section-heading">
          <h2 id="new-section-heading">{t('taxonomy.sections.new')}</h2>
          <form class="form" method="post" action="/admin/sections">
            <Csrf token={model.chrome.csrfToken} />
            <SectionFields form={model.form} parents={model.parents} prefix="new-section" />
            <p>
              <button type="submit" class="button button--primary">
                {t('taxonomy.create')}
              </button>
            </p>
          </form>
        </section>
        <section class="panel" aria-labelledby="section-tree-heading">
          <h2 id="section-tree-heading">{t('taxonomy.sections.tree')}</h2>
          {model.rows.length === 0 ? (
            <p class="muted">{t('taxonomy.sections.none')}</p>
          ) : (
            <ul class="tree" role="list">
              {model.rows.map((row) => (
                <li key={row.id} class={`tree-row tree-depth-${Math.min(row.depth, 4)}`}>
                  <a href={row.href}>{row.name}</a> <span class="muted">/{row.slug}</span>
                  {row.translated.length > 0 && (
                    <span class="muted">
                      {' '}
                      · {t('taxonomy.translatedInto', { languages: row.translated.join(', ') })}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </AdminLayout>
  );
}

/** One section: rename, new address, move under another parent, reorder; its names in other languages. */
export function SectionEditPage({ model }: { model: SectionEditModel }) {
  const { t } = usePage().i18n;
  return (
    <EditFrame
      chrome={model.chrome}
      notice={model.notice}
      title={model.title}
      backHref="/admin/sections"
      backLabel={t('taxonomy.sections.back')}
      publicHref={model.publicHref}
      aside={
        <TranslationsPanel
          action={`/admin/sections/${model.id}/translations`}
          csrf={model.chrome.csrfToken}
          translations={model.translations}
        />
      }
    >
      <PanelForm
        action={`/admin/sections/${model.id}`}
        csrf={model.chrome.csrfToken}
        button={t('taxonomy.save')}
      >
        <SectionFields form={model.form} parents={model.parents} prefix="section" />
      </PanelForm>
    </EditFrame>
  );
}
