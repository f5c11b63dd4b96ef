import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sectionTree } from '../../content/taxonomy-editing.ts';
import type { Section } from '../../content/types.ts';
import { NotFoundError } from '../../shared/errors.ts';
import type { Notice } from '../../views/admin/models.ts';
import { SectionEditPage, type SectionFormModel, SectionsPage } from '../../views/admin/sections.page.tsx';
import type { TranslationFormModel } from '../../views/admin/translations-form.tsx';
import type { HttpDeps } from '../context.ts';
import { adminContext, sendAdminPage } from './admin-page.ts';
import { field, idFrom } from './form-input.ts';
import { assertLanguage, saveOrShowAgain } from './form-outcome.ts';
import { requireCapability } from './session.ts';

/**
 * Sections as a tree (`/admin/sections`): create, rename, change the address, move under another
 * parent, reorder, and name them in the site's other languages. Each change announces
 * `section.changed`, which the page cache turns into a purge of every page (section names are in the
 * navigation of all of them).
 */
export async function sectionRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }) {
  const guard = requireCapability('taxonomy.manage');
  const { t, languageName } = deps.translators.get(deps.config.defaultLanguage)!;
  const otherLanguages = deps.config.languages.filter((l) => l !== deps.config.defaultLanguage);

  function parentOptions(sections: readonly Section[], exceptId: number | null) {
    const excluded = new Set<number>();
    if (exceptId !== null)
      for (const { section } of sectionTree(sections))
        if (section.id === exceptId || (section.parentId !== null && excluded.has(section.parentId)))
          excluded.add(section.id);
    return [
      { value: '', label: t('taxonomy.field.noParent') },
      ...sectionTree(sections)
        .filter(({ section }) => !excluded.has(section.id))
        .map(({ section, depth }) => ({
          value: String(section.id),
          label: `${'— '.repeat(depth)}${section.name}`,
        })),
    ];
  }

  async function listPage(
    request: FastifyRequest,
    reply: FastifyReply,
    parts: { form?: SectionFormModel; notice?: Notice | null },
    status = 200,
  ) {
    const { context, chrome } = await adminContext(request, reply, deps, 'sections');
    const sections = await deps.taxonomy.listSections();
    const translations = await deps.taxonomy.listSectionTranslations();
    return sendAdminPage(
      reply,
      context,
      <SectionsPage
        model={{
          chrome,
          notice: parts.notice ?? null,
          rows: sectionTree(sections).map(({ section, depth }) => ({
            id: section.id,
            name: section.name,
            slug: section.slug,
            depth,
            href: `/admin/sections/${section.id}`,
            publicHref: deps.urls.section(deps.config.defaultLanguage, section.slug),
            translated: translations
              .filter((tr) => tr.sectionId === section.id)
              .map((tr) => languageName(tr.language)),
          })),
          parents: parentOptions(sections, null),
          form: parts.form ?? { name: '', slug: '', description: '', parentId: '', position: '', errors: {} },
        }}
      />,
      status,
    );
  }

  async function editPage(
    request: FastifyRequest,
    reply: FastifyReply,
    section: Section,
    parts: { form?: SectionFormModel; notice?: Notice | null; translation?: TranslationFormModel },
    status = 200,
  ) {
    const { context, chrome } = await adminContext(request, reply, deps, 'sections');
    const sections = await deps.taxonomy.listSections();
    const saved = await deps.taxonomy.listSectionTranslations();
    const translations = otherLanguages.map((language): TranslationFormModel => {
      if (parts.translation?.language === language) return parts.translation;
      const tr = saved.find((s) => s.sectionId === section.id && s.language === language);
      return translationForm(language, tr?.name ?? '', tr?.description ?? '', {});
    });
    return sendAdminPage(
      reply,
      context,
      <SectionEditPage
        model={{
          chrome,
          notice: parts.notice ?? null,
          id: section.id,
          title: section.name,
          publicHref: deps.urls.section(deps.config.defaultLanguage, section.slug),
          parents: parentOptions(sections, section.id),
          form: parts.form ?? {
            name: section.name,
            slug: section.slug,
            description: section.description ?? '',
            parentId: section.parentId === null ? '' : String(section.parentId),
            position: String(section.position),
            errors: {},
          },
          translations,
        }}
      />,
      status,
    );
  }

  function translationForm(
    language: string,
    name: string,
    description: string,
    errors: Record<string, string>,
  ): TranslationFormModel {
    return {
      language,
      languageName: languageName(language),
      fields: [
        { name: 'name', label: t('taxonomy.field.name'), value: name, maxLength: 80 },
        {
          name: 'description',
          label: t('taxonomy.field.description'),
          value: description,
          multiline: true,
          maxLength: 500,
        },
      ],
      errors,
    };
  }

  async function sectionOr404(id: string): Promise<Section> {
    const n = idFrom(id);
    const section = n === null ? undefined : await deps.taxonomy.getSection(n);
    if (!section) throw new NotFoundError('That section does not exist any more.').say('taxonomy.error.gone');
    return section;
  }

  app.get<{ Querystring: { created?: string } }>('/sections', { preHandler: guard }, async (request, reply) =>
    listPage(request, reply, {
      notice: request.query.created ? { kind: 'success', text: t('taxonomy.created') } : null,
    }),
  );

  app.post('/sections', { preHandler: [guard, app.csrfProtection] }, async (request, reply) => {
    const form = formOf(request.body);
    return saveOrShowAgain(
      deps,
      reply,
      async () => {
        await deps.taxonomy.createSection(inputOf(form));
        return '/admin/sections?created=1';
      },
      ({ errors, notice }, status) => listPage(request, reply, { form: { ...form, errors }, notice }, status),
    );
  });

  app.get<{ Params: { id: string }; Querystring: { saved?: string } }>(
    '/sections/:id',
    { preHandler: guard },
    async (request, reply) =>
      editPage(request, reply, await sectionOr404(request.params.id), {
        notice: request.query.saved ? { kind: 'success', text: t('taxonomy.saved') } : null,
      }),
  );

  app.post<{ Params: { id: string } }>(
    '/sections/:id',
    { preHandler: [guard, app.csrfProtection] },
    async (request, reply) => {
      const section = await sectionOr404(request.params.id);
      const form = formOf(request.body);
      return saveOrShowAgain(
        deps,
        reply,
        async () => {
          await deps.taxonomy.updateSection(section.id, inputOf(form));
          return `/admin/sections/${section.id}?saved=1`;
        },
        ({ errors, notice }, status) =>
          editPage(request, reply, section, { form: { ...form, errors }, notice }, status),
      );
    },
  );

  app.post<{ Params: { id: string } }>(
    '/sections/:id/translations',
    { preHandler: [guard, app.csrfProtection] },
    async (request, reply) => {
      const section = await sectionOr404(request.params.id);
      const language = field(request.body, 'language', 20);
      const name = field(request.body, 'name', 200);
      const description = field(request.body, 'description', 1000);
      return saveOrShowAgain(
        deps,
        reply,
        async () => {
          assertLanguage(otherLanguages, language);
          await deps.taxonomy.saveSectionTranslation({ sectionId: section.id, language, name, description });
          return `/admin/sections/${section.id}?saved=1`;
        },
        ({ errors, notice }, status) =>
          editPage(
            request,
            reply,
            section,
            {
              translation: translationForm(language, name, description, { form: notice.text, ...errors }),
              notice,
            },
            status,
          ),
      );
    },
  );
}

function formOf(body: unknown): SectionFormModel {
  return {
    name: field(body, 'name', 200),
    slug: field(body, 'slug', 200),
    description: field(body, 'description', 1000),
    parentId: field(body, 'parentId', 20),
    position: field(body, 'position', 20),
    errors: {},
  };
}

function inputOf(form: SectionFormModel) {
  return {
    name: form.name,
    slug: form.slug.trim() || undefined,
    description: form.description,
    parentId: idFrom(form.parentId),
    position: form.position.trim() === '' ? undefined : Number(form.position),
  };
}
