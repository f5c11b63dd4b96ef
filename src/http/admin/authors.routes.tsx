import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Author } from '../../content/types.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import {
  AuthorEditPage,
  type AuthorFormModel,
  AuthorsPage,
  type AvatarChoiceModel,
} from '../../views/admin/authors.page.tsx';
import type { Notice } from '../../views/admin/models.ts';
import type { TranslationFormModel } from '../../views/admin/translations-form.tsx';
import type { HttpDeps } from '../context.ts';
import type { Presenter } from '../public/presenters.ts';
import { adminContext, sendAdminPage } from './admin-page.ts';
import { field, idFrom } from './form-input.ts';
import { assertLanguage, saveOrShowAgain } from './form-outcome.ts';
import { requireCapability } from './session.ts';

const AVATAR_CHOICES = 11;

/**
 * Author profiles (`/admin/authors`): create, edit name, address, job title, bio, website and the
 * avatar (chosen from the media library, searchable without script), and the job title and bio in
 * the site's other languages. Each change announces `author.changed` (the author's pages are purged).
 */
export async function authorRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }) {
  const guard = requireCapability('taxonomy.manage');
  const { t, languageName } = deps.translators.get(deps.config.defaultLanguage)!;
  const otherLanguages = deps.config.languages.filter((l) => l !== deps.config.defaultLanguage);

  const avatarImage = (presenter: Presenter, url: string) =>
    presenter.image({ mediaId: null, url, alt: '', caption: null, credit: null, width: null, height: null });

  async function listPage(
    request: FastifyRequest,
    reply: FastifyReply,
    parts: { form?: AuthorFormModel; notice?: Notice | null },
    status = 200,
  ) {
    const { context, chrome, presenter } = await adminContext(request, reply, deps, 'authors');
    const authors = await deps.taxonomy.listAuthors();
    return sendAdminPage(
      reply,
      context,
      <AuthorsPage
        model={{
          chrome,
          notice: parts.notice ?? null,
          rows: authors.map((a) => ({
            id: a.id,
            name: a.name,
            slug: a.slug,
            jobTitle: a.jobTitle,
            href: `/admin/authors/${a.id}`,
            avatar: a.avatarUrl ? avatarImage(presenter, a.avatarUrl) : null,
          })),
          form: parts.form ?? emptyForm(),
        }}
      />,
      status,
    );
  }

  function translationForm(
    language: string,
    values: { jobTitle: string; bio: string },
    errors: Record<string, string>,
  ): TranslationFormModel {
    return {
      language,
      languageName: languageName(language),
      fields: [
        { name: 'jobTitle', label: t('taxonomy.field.jobTitle'), value: values.jobTitle, maxLength: 120 },
        { name: 'bio', label: t('taxonomy.field.bio'), value: values.bio, multiline: true, maxLength: 2000 },
      ],
      errors,
    };
  }

  async function editPage(
    request: FastifyRequest,
    reply: FastifyReply,
    author: Author,
    parts: {
      form?: AuthorFormModel;
      avatar?: string;
      notice?: Notice | null;
      translation?: TranslationFormModel;
    },
    status = 200,
  ) {
    const { context, chrome, presenter } = await adminContext(request, reply, deps, 'authors');
    const avatarQuery = String((request.query as { avatarQ?: unknown }).avatarQ ?? '').slice(0, 100);
    const { items } = await deps.media.search({ query: avatarQuery, limit: AVATAR_CHOICES, offset: 0 });
    const current = author.avatarUrl;
    const currentItem = current ? items.find((i) => i.url === current) : undefined;
    const chosen = parts.avatar ?? (currentItem ? String(currentItem.id) : current ? 'keep' : '');
    const choices: AvatarChoiceModel[] = [
      { value: '', label: t('taxonomy.field.noAvatar'), image: null, checked: chosen === '' },
      ...(current && !currentItem
        ? [
            {
              value: 'keep',
              label: t('taxonomy.field.currentAvatar'),
              image: avatarImage(presenter, current),
              checked: chosen === 'keep',
            },
          ]
        : []),
      ...items.map((item) => ({
        value: String(item.id),
        label: item.originalName ?? item.alt ?? `#${item.id}`,
        image: avatarImage(presenter, item.url),
        checked: chosen === String(item.id),
      })),
    ];
    const saved = (await deps.taxonomy.listAuthorTranslations()).filter((tr) => tr.authorId === author.id);
    return sendAdminPage(
      reply,
      context,
      <AuthorEditPage
        model={{
          chrome,
          notice: parts.notice ?? null,
          id: author.id,
          title: author.name,
          publicHref: deps.urls.author(deps.config.defaultLanguage, author.slug),
          form: parts.form ?? {
            name: author.name,
            slug: author.slug,
            jobTitle: author.jobTitle ?? '',
            bio: author.bio ?? '',
            websiteUrl: author.websiteUrl ?? '',
            errors: {},
          },
          avatarQuery,
          avatarChoices: choices,
          translations: otherLanguages.map((language) => {
            if (parts.translation?.language === language) return parts.translation;
            const tr = saved.find((s) => s.language === language);
            return translationForm(language, { jobTitle: tr?.jobTitle ?? '', bio: tr?.bio ?? '' }, {});
          }),
        }}
      />,
      status,
    );
  }

  async function authorOr404(id: string): Promise<Author> {
    const n = idFrom(id);
    const author = n === null ? undefined : await deps.taxonomy.getAuthor(n);
    if (!author) throw new NotFoundError('That author does not exist any more.').say('taxonomy.error.gone');
    return author;
  }

  /** The avatar address a choice stands for: none, the current one, or a library image's. */
  async function avatarUrlFor(choice: string, author: Author): Promise<string | null> {
    if (choice === '') return null;
    if (choice === 'keep') return author.avatarUrl;
    const id = idFrom(choice);
    const item = id === null ? undefined : await deps.media.get(id);
    if (!item)
      throw new ValidationError('That image is not in the library any more.', {
        avatar: 'Choose another picture.',
      }).say('media.error.gone', undefined, { avatar: { key: 'media.error.gone' } });
    return item.url;
  }

  app.get<{ Querystring: { created?: string } }>('/authors', { preHandler: guard }, async (request, reply) =>
    listPage(request, reply, {
      notice: request.query.created ? { kind: 'success', text: t('taxonomy.created') } : null,
    }),
  );

  app.post('/authors', { preHandler: [guard, app.csrfProtection] }, async (request, reply) => {
    const form = formOf(request.body);
    return saveOrShowAgain(
      deps,
      reply,
      async () => `/admin/authors/${(await deps.taxonomy.createAuthor(inputOf(form))).id}?saved=1`,
      ({ errors, notice }, status) => listPage(request, reply, { form: { ...form, errors }, notice }, status),
    );
  });

  app.get<{ Params: { id: string }; Querystring: { saved?: string } }>(
    '/authors/:id',
    { preHandler: guard },
    async (request, reply) =>
      editPage(request, reply, await authorOr404(request.params.id), {
        notice: request.query.saved ? { kind: 'success', text: t('taxonomy.saved') } : null,
      }),
  );

  app.post<{ Params: { id: string } }>(
    '/authors/:id',
    { preHandler: [guard, app.csrfProtection] },
    async (request, reply) => {
      const author = await authorOr404(request.params.id);
      const form = formOf(request.body);
      const avatar = field(request.body, 'avatar', 20);
      return saveOrShowAgain(
        deps,
        reply,
        async () => {
          const avatarUrl = await avatarUrlFor(avatar, author);
          await deps.taxonomy.updateAuthor(author.id, { ...inputOf(form), avatarUrl });
          return `/admin/authors/${author.id}?saved=1`;
        },
        ({ errors, notice }, status) =>
          editPage(request, reply, author, { form: { ...form, errors }, avatar, notice }, status),
      );
    },
  );

  app.post<{ Params: { id: string } }>(
    '/authors/:id/translations',
    { preHandler: [guard, app.csrfProtection] },
    async (request, reply) => {
      const author = await authorOr404(request.params.id);
      const language = field(request.body, 'language', 20);
      const values = {
        jobTitle: field(request.body, 'jobTitle', 300),
        bio: field(request.body, 'bio', 3000),
      };
      return saveOrShowAgain(
        deps,
        reply,
        async () => {
          assertLanguage(otherLanguages, language);
          await deps.taxonomy.saveAuthorTranslation({ authorId: author.id, language, ...values });
          return `/admin/authors/${author.id}?saved=1`;
        },
        ({ errors, notice }, status) =>
          editPage(
            request,
            reply,
            author,
            { translation: translationForm(language, values, { form: notice.text, ...errors }), notice },
            status,
          ),
      );
    },
  );
}

function emptyForm(): AuthorFormModel {
  return { name: '', slug: '', jobTitle: '', bio: '', websiteUrl: '', errors: {} };
}

function formOf(body: unknown): AuthorFormModel {
  return {
    name: field(body, 'name', 300),
    slug: field(body, 'slug', 200),
    jobTitle: field(body, 'jobTitle', 300),
    bio: field(body, 'bio', 3000),
    websiteUrl: field(body, 'websiteUrl', 2100),
    errors: {},
  };
}

function inputOf(form: AuthorFormModel) {
  return {
    name: form.name,
    slug: form.slug.trim() || undefined,
    jobTitle: form.jobTitle,
    bio: form.bio,
    websiteUrl: form.websiteUrl,
  };
}
