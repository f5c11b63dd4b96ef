import type { FastifyInstance } from 'fastify';
import { can } from '../../../auth/roles.ts';
import { ARTICLE_STATUSES, type ArticleStatus } from '../../../content/types.ts';
import type { MessageKey } from '../../../i18n/i18n.ts';
import { ArticleListPage, type ArticleListModel } from '../../../views/admin/articles/list.page.tsx';
import type { HttpDeps } from '../../context.ts';
import { pageParam } from '../../query.ts';
import { adminContext, sendAdminPage } from '../admin-page.ts';
import { requireCapability } from '../session.ts';
import { LIST_PAGE_SIZE } from '../../../editorial/article-list.ts';

type ListQuery = Record<string, string | undefined>;

const positiveId = (value: string | undefined) =>
  value && /^\d{1,9}$/.test(value) && Number(value) > 0 ? Number(value) : undefined;

/** The newsroom's article list at /admin/articles: filters, pagination, languages and stale translations. */
export async function articleListRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }) {
  app.get<{ Querystring: ListQuery }>(
    '/articles',
    { preHandler: requireCapability('articles.edit.own') },
    async (request, reply) => {
      const user = request.user!;
      const query = request.query;
      const page = pageParam(query);
      const status = ARTICLE_STATUSES.includes(query.status as ArticleStatus)
        ? (query.status as ArticleStatus)
        : undefined;
      const language = deps.config.languages.includes(query.lang ?? '') ? query.lang : undefined;
      const search = (query.q ?? '').trim().slice(0, 200);
      const filter = {
        ...(status ? { status } : {}),
        ...(language ? { language } : {}),
        ...(search ? { search } : {}),
        ...(positiveId(query.section) ? { sectionId: positiveId(query.section)! } : {}),
        ...(positiveId(query.author) ? { authorId: positiveId(query.author)! } : {}),
      };
      const { rows, total } = await deps.editorial.list(user, filter, page);
      const { context, chrome, presenter } = await adminContext(request, reply, deps, 'articles');
      const { t } = presenter.i18n;
      const [sections, authors] = await Promise.all([
        deps.taxonomy.listSections(deps.config.defaultLanguage),
        deps.taxonomy.listAuthors(),
      ]);
      const pages = Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
      const hrefFor = (p: number) => {
        const params = new URLSearchParams();
        for (const [key, value] of Object.entries({
          status,
          lang: language,
          q: search,
          section: query.section,
          author: query.author,
        }))
          if (value) params.set(key, value);
        if (p > 1) params.set('page', String(p));
        const qs = params.toString();
        return `/admin/articles${qs ? `?${qs}` : ''}`;
      };
      const languageLabel = (code: string) => `${presenter.i18n.languageName(code)} (${code})`;
      const model: ArticleListModel = {
        chrome,
        canCreate: can(user.role, 'articles.create'),
        total,
        filters: {
          q: search,
          status: status ?? '',
          lang: language ?? '',
          section: query.section ?? '',
          author: query.author ?? '',
          statuses: ARTICLE_STATUSES.map((s) => ({ value: s, label: t(`admin.status.${s}` as MessageKey) })),
          languages: deps.config.languages.map((code) => ({ value: code, label: languageLabel(code) })),
          sections: sections.map((s) => ({ value: String(s.id), label: s.name })),
          authors: authors.map((a) => ({ value: String(a.id), label: a.name })),
        },
        rows: rows.map((row) => ({
          id: row.id,
          title: row.title,
          editHref: `/admin/articles/${row.id}/edit`,
          publicHref:
            row.status === 'published' ? deps.urls.article(row.language, row.sectionSlug, row.slug) : null,
          status: row.status,
          statusLabel: t(`editor.status.${row.status}` as MessageKey),
          section: row.sectionName,
          authors: row.authors.join(', '),
          updatedAt: row.updatedAt,
          scheduledAt: row.status === 'scheduled' ? row.scheduledAt : null,
          language: { code: row.language, label: languageLabel(row.language), outOfDate: row.outOfDate },
          translations: row.translations.map((tr) => ({
            code: tr.language,
            label: languageLabel(tr.language),
            href: `/admin/articles/${tr.id}/edit`,
            outOfDate: tr.outOfDate,
          })),
        })),
        pagination: {
          page,
          pages,
          prevHref: page > 1 ? hrefFor(page - 1) : null,
          nextHref: page < pages ? hrefFor(page + 1) : null,
        },
      };
      return sendAdminPage(reply, context, <ArticleListPage model={model} />);
    },
  );
}
