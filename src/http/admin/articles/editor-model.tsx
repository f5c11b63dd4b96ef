import type { FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../../auth/roles.ts';
import type { Article } from '../../../content/types.ts';
import type { EditorAction } from '../../../editorial/access.ts';
import { type ArticleForm, PROVENANCE_FIELDS } from '../../../editorial/article-form.ts';
import type { MessageKey } from '../../../i18n/i18n.ts';
import { renderBlocks } from '../../../richtext/index.ts';
import type { AppError } from '../../../shared/errors.ts';
import { EditorPage, type EditorModel } from '../../../views/admin/articles/editor.page.tsx';
import type { Notice } from '../../../views/admin/models.ts';
import type { HttpDeps } from '../../context.ts';
import { adminContext, sendAdminPage } from '../admin-page.ts';
import { editorScriptHref } from './editor-bundle.ts';

export interface EditorState {
  article: Article | null;
  form: ArticleForm;
  /** The version the form started from (a conflict keeps the one the writer saw). */
  version: number | null;
  actions: EditorAction[];
  errors?: Record<string, string>;
  notice?: Notice | null;
  duplicates?: EditorModel['duplicates'];
}

const t = (deps: HttpDeps) => deps.translators.get(deps.config.defaultLanguage)!;

/** Field reasons in the newsroom's language: each field's own sentence from the catalogue. */
export function fieldErrors(deps: HttpDeps, error: AppError): Record<string, string> {
  const i18n = t(deps);
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(error.fields)) {
    const key =
      field === 'slug' && /already uses/.test(message)
        ? 'editor.fieldError.slugTaken'
        : field === 'scheduledAt' && /passed/.test(message)
          ? 'editor.fieldError.scheduledAt'
          : `editor.fieldError.${field}`;
    out[field] = i18n.has(key)
      ? i18n.t(key as MessageKey, { reason: message })
      : i18n.t('editor.fieldError.form');
  }
  if (Object.keys(out).length === 0) out.form = error.message;
  return out;
}

const BUTTON_LABEL: Record<EditorAction, MessageKey> = {
  save: 'editor.action.save',
  submit: 'editor.action.submit',
  publish: 'editor.action.publish',
  schedule: 'editor.action.schedule',
  return: 'editor.action.return',
  unpublish: 'editor.action.unpublish',
};

/** Renders the editor for a new or existing article, with what was typed and any errors. */
export async function sendEditor(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: HttpDeps,
  state: EditorState,
  status = 200,
) {
  const { context, chrome, presenter } = await adminContext(request, reply, deps, 'articles');
  const i18n = presenter.i18n;
  const article = state.article;
  const languageLabel = (code: string) => `${i18n.languageName(code)} (${code})`;
  const [sections, authors] = await Promise.all([
    deps.taxonomy.listSections(state.form.language || deps.config.defaultLanguage),
    deps.taxonomy.listAuthors(),
  ]);

  let original: EditorModel['original'] = null;
  const originalId = Number(state.form.translationOfId);
  if (Number.isInteger(originalId) && originalId > 0) {
    const source = await deps.articles.getById(originalId);
    if (source) {
      original = {
        heading: i18n.t('editor.edit.original', { language: languageLabel(source.language) }),
        title: source.title,
        dek: source.dek,
        body: renderBlocks(source.body, { eagerBlocks: 0 }),
        href: `/admin/articles/${source.id}/edit`,
      };
    }
  }

  let translate: EditorModel['translate'] = null;
  if (article) {
    const group = article.translationGroupId
      ? await deps.database.db
          .selectFrom('articles')
          .select('language')
          .where('translation_group_id', '=', article.translationGroupId)
          .execute()
      : [];
    const taken = new Set([article.language, ...group.map((g) => g.language)]);
    translate = {
      action: `/admin/articles/${article.id}/translate`,
      languages: deps.config.languages
        .filter((code) => !taken.has(code))
        .map((code) => ({ value: code, label: languageLabel(code) })),
    };
  }

  const notes = article ? await deps.editorial.reviewNotes(article.id) : [];
  const published = article?.status === 'published';
  const model: EditorModel = {
    chrome: { ...chrome, pageScript: await editorScriptHref() },
    title: article ? i18n.t('editor.edit.titleEdit') : i18n.t('editor.edit.titleNew'),
    articleId: article?.id ?? null,
    version: state.version,
    statusLine: article
      ? i18n.t('editor.edit.status', {
          status: i18n.t(`editor.status.${article.status}` as MessageKey),
          version: article.version,
        })
      : null,
    formAction: article ? `/admin/articles/${article.id}` : '/admin/articles',
    form: state.form,
    errors: state.errors ?? {},
    notice: state.notice ?? null,
    languages: deps.config.languages.map((code) => ({ value: code, label: languageLabel(code) })),
    sections: sections.map((s) => ({ value: String(s.id), label: s.name })),
    authors: authors.map((a) => ({ value: String(a.id), label: a.name })),
    provenance: PROVENANCE_FIELDS.map((field) => ({
      field,
      label: i18n.t(`editor.edit.source.${field}` as MessageKey),
    })),
    buttons: article
      ? state.actions.map((action, index) => ({
          value: action,
          label: i18n.t(action === 'save' && published ? 'editor.action.update' : BUTTON_LABEL[action]),
          primary: index === state.actions.length - 1 || (published && action === 'save'),
        }))
      : [{ value: 'save', label: i18n.t('editor.action.save'), primary: true }],
    canReturn: state.actions.includes('return'),
    timeZone: deps.config.timeZone,
    duplicates: state.duplicates ?? null,
    links: {
      preview: article ? `/admin/articles/${article.id}/preview` : null,
      revisions: article ? `/admin/articles/${article.id}/revisions` : null,
      publicHref: published ? deps.urls.article(article.language, article.section?.slug, article.slug) : null,
    },
    original,
    notes: notes.map((n) => ({
      text: i18n.t(`editor.notes.${n.action}` as MessageKey, {
        name: n.userName ?? i18n.t('editor.revisions.unknownUser'),
      }),
      note: n.note,
      at: n.createdAt,
    })),
    corrections: article
      ? {
          canAdd: published && state.actions.includes('unpublish'),
          action: `/admin/articles/${article.id}/corrections`,
          list: (article.corrections ?? []).map((c) => ({
            label: i18n.t(c.kind === 'correction' ? 'editor.correction.label' : 'editor.update.label'),
            text: c.text,
            at: c.publishedAt,
          })),
        }
      : null,
    translate,
    media:
      request.user && can(request.user.role, 'media.upload')
        ? { searchUrl: '/admin/media.json', uploadUrl: '/admin/media' }
        : null,
    autosave: {
      url: article ? `/admin/articles/${article.id}/autosave` : null,
      messages: Object.fromEntries(
        (
          [
            'editor.autosave.idle',
            'editor.autosave.saving',
            'editor.autosave.saved',
            'editor.autosave.offline',
            'editor.autosave.failed',
            'editor.autosave.restored',
            'editor.autosave.unsaved',
            'editor.toolbar.label',
            'editor.toolbar.bold',
            'editor.toolbar.italic',
            'editor.toolbar.link',
            'editor.toolbar.paragraph',
            'editor.toolbar.h2',
            'editor.toolbar.h3',
            'editor.toolbar.quote',
            'editor.toolbar.bulletList',
            'editor.toolbar.orderedList',
            'editor.toolbar.image',
            'editor.toolbar.undo',
            'editor.toolbar.redo',
            'editor.prompt.link',
            'editor.prompt.imageSrc',
            'editor.prompt.imageAlt',
            'editor.prompt.imageCaption',
            'editor.prompt.imageCredit',
            'editor.prompt.badUrl',
            'editor.bodyLabel',
            'editor.picker.title',
            'editor.picker.leadTitle',
            'editor.picker.editTitle',
            'editor.picker.search',
            'editor.picker.count',
            'editor.picker.countMore',
            'editor.picker.none',
            'editor.picker.loadFailed',
            'editor.picker.upload',
            'editor.picker.file',
            'editor.picker.noFile',
            'editor.picker.uploadButton',
            'editor.picker.uploading',
            'editor.picker.uploadFailed',
            'editor.picker.alt',
            'editor.picker.altMissing',
            'editor.picker.altShown',
            'editor.picker.altNone',
            'editor.picker.caption',
            'editor.picker.credit',
            'editor.picker.insert',
            'editor.picker.useLead',
            'editor.picker.update',
            'editor.picker.back',
            'editor.picker.cancel',
            'editor.picker.editButton',
            'editor.picker.leadChoose',
            'editor.picker.leadRemove',
          ] as const
        ).map((key) => [
          key.replace(/^editor\./, ''),
          i18n.t(key, { time: '{time}', reason: '{reason}', count: '{count}', shown: '{shown}' }),
        ]),
      ),
    },
  };
  return sendAdminPage(reply, context, <EditorPage model={model} />, status);
}
