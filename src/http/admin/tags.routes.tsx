import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Tag } from '../../content/types.ts';
import { NotFoundError } from '../../shared/errors.ts';
import type { Notice } from '../../views/admin/models.ts';
import { TagEditPage, type TagFormModel, TagsPage } from '../../views/admin/tags.page.tsx';
import type { TranslationFormModel } from '../../views/admin/translations-form.tsx';
import type { HttpDeps } from '../context.ts';
import { adminContext, sendAdminPage } from './admin-page.ts';
import { field, idFrom } from './form-input.ts';
import { assertLanguage, saveOrShowAgain } from './form-outcome.ts';
import { requireCapability } from './session.ts';

const PAGE_SIZE = 50;

/**
 * Tags (`/admin/tags`): busiest first, searchable; create, rename, change the address, and name them
 * in the site's other languages. Each change announces `tag.changed` (the tag's pages are purged).
 */
export async function tagRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }) {
  const guard = requireCapability('taxonomy.manage');
  const { t, languageName } = deps.translators.get(deps.config.defaultLanguage)!;
  const otherLanguages = deps.config.languages.filter((l) => l !== deps.config.defaultLanguage);

  async function listPage(
    request: FastifyRequest,
    reply: FastifyReply,
    parts: { form?: TagFormModel; notice?: Notice | null },
    status = 200,
  ) {
    const query = request.query as { q?: unknown; page?: unknown };
    const q = typeof query.q === 'string' ? query.q.slice(0, 100) : '';
    const page = Math.max(1, Math.min(10_000, Number.parseInt(String(query.page ?? '1'), 10) || 1));
    const language = otherLanguages[0] ?? deps.config.defaultLanguage;
    const { total, tags } = await deps.taxonomy.listTagsForTranslation({
      language,
      query: q,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    const href = (n: number) =>
      `/admin/tags?${new URLSearchParams({ ...(q ? { q } : {}), page: String(n) })}`;
    const { context, chrome } = await adminContext(request, reply, deps, 'tags');
    return sendAdminPage(
      reply,
      context,
      <TagsPage
        model={{
          chrome,
          notice: parts.notice ?? null,
          query: q,
          total,
          translationLanguage: otherLanguages[0] ? languageName(language) : null,
          rows: tags.map((tag) => ({ ...tag, href: `/admin/tags/${tag.id}` })),
          prevHref: page > 1 ? href(page - 1) : null,
          nextHref: page * PAGE_SIZE < total ? href(page + 1) : null,
          form: parts.form ?? { name: '', slug: '', errors: {} },
        }}
      />,
      status,
    );
  }

  function translationForm(
    language: string,
    name: string,
    errors: Record<string, string>,
  ): TranslationFormModel {
    return {
      language,
      languageName: languageName(language),
      fields: [{ name: 'name', label: t('taxonomy.field.name'), value: name, maxLength: 60 }],
      errors,
    };
  }

  async function editPage(
    request: FastifyRequest,
    reply: FastifyReply,
    tag: Tag,
    parts: { form?: TagFormModel; notice?: Notice | null; translation?: TranslationFormModel },
    status = 200,
  ) {
    const saved = await deps.taxonomy.tagTranslations(tag.id);
    const { context, chrome } = await adminContext(request, reply, deps, 'tags');
    return sendAdminPage(
      reply,
      context,
      <TagEditPage
        model={{
          chrome,
          notice: parts.notice ?? null,
          id: tag.id,
          title: tag.name,
          publicHref: deps.urls.tag(deps.config.defaultLanguage, tag.slug),
          form: parts.form ?? { name: tag.name, slug: tag.slug, errors: {} },
          translations: otherLanguages.map((language) =>
            parts.translation?.language === language
              ? parts.translation
              : translationForm(language, saved[language] ?? '', {}),
          ),
        }}
      />,
      status,
    );
  }

  async function tagOr404(id: string): Promise<Tag> {
    const n = idFrom(id);
    const tag = n === null ? undefined : await deps.taxonomy.getTag(n);
    if (!tag) throw new NotFoundError('That tag does not exist any more.').say('taxonomy.error.gone');
    return tag;
  }

  app.get<{ Querystring: { created?: string } }>('/tags', { preHandler: guard }, async (request, reply) =>
    listPage(request, reply, {
      notice: request.query.created ? { kind: 'success', text: t('taxonomy.created') } : null,
    }),
  );

  app.post('/tags', { preHandler: [guard, app.csrfProtection] }, async (request, reply) => {
    const form = {
      name: field(request.body, 'name', 200),
      slug: field(request.body, 'slug', 200),
      errors: {},
    };
    return saveOrShowAgain(
      deps,
      reply,
      async () => {
        await deps.taxonomy.createTag({ name: form.name, slug: form.slug.trim() || undefined });
        return '/admin/tags?created=1';
      },
      ({ errors, notice }, status) => listPage(request, reply, { form: { ...form, errors }, notice }, status),
    );
  });

  app.get<{ Params: { id: string }; Querystring: { saved?: string } }>(
    '/tags/:id',
    { preHandler: guard },
    async (request, reply) =>
      editPage(request, reply, await tagOr404(request.params.id), {
        notice: request.query.saved ? { kind: 'success', text: t('taxonomy.saved') } : null,
      }),
  );

  app.post<{ Params: { id: string } }>(
    '/tags/:id',
    { preHandler: [guard, app.csrfProtection] },
    async (request, reply) => {
      const tag = await tagOr404(request.params.id);
      const form = {
        name: field(request.body, 'name', 200),
        slug: field(request.body, 'slug', 200),
        errors: {},
      };
      return saveOrShowAgain(
        deps,
        reply,
        async () => {
          await deps.taxonomy.updateTag(tag.id, { name: form.name, slug: form.slug.trim() || undefined });
          return `/admin/tags/${tag.id}?saved=1`;
        },
        ({ errors, notice }, status) =>
          editPage(request, reply, tag, { form: { ...form, errors }, notice }, status),
      );
    },
  );

  app.post<{ Params: { id: string } }>(
    '/tags/:id/translations',
    { preHandler: [guard, app.csrfProtection] },
    async (request, reply) => {
      const tag = await tagOr404(request.params.id);
      const language = field(request.body, 'language', 20);
      const name = field(request.body, 'name', 200);
      return saveOrShowAgain(
        deps,
        reply,
        async () => {
          assertLanguage(otherLanguages, language);
          await deps.taxonomy.saveTagTranslation({ tagId: tag.id, language, name });
          return `/admin/tags/${tag.id}?saved=1`;
        },
        ({ errors, notice }, status) =>
          editPage(
            request,
            reply,
            tag,
            { translation: translationForm(language, name, { form: notice.text, ...errors }), notice },
            status,
          ),
      );
    },
  );
}
