import type { FastifyInstance } from 'fastify';
import { ARTICLE_STATUSES } from '../../content/types.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { DashboardPage } from '../../views/admin/dashboard.page.tsx';
import type { HttpDeps } from '../context.ts';
import { adminContext, sendAdminPage } from './admin-page.ts';
import { requireCapability } from './session.ts';

/** Where an admin link to an article goes; the article editor replaces this with its own page. */
export let adminArticleHref = (article: { id: number; status: string; publicHref: string }): string | null =>
  article.status === 'published' ? article.publicHref : null;

export function setAdminArticleHref(fn: typeof adminArticleHref): void {
  adminArticleHref = fn;
}

export async function dashboardRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }) {
  app.get('/', { preHandler: requireCapability('admin.access') }, async (request, reply) => {
    const { context, chrome, presenter } = await adminContext(request, reply, deps, 'dashboard');
    const { t } = presenter.i18n;
    const db = deps.database.db;
    const rows = await db
      .selectFrom('articles')
      .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('status')
      .execute();
    const counts = ARTICLE_STATUSES.map((status) => ({
      status,
      label: t(`admin.status.${status}` as MessageKey),
      count: Number(rows.find((r) => r.status === status)?.count ?? 0),
    }));
    const recentRows = await db
      .selectFrom('articles')
      .leftJoin('sections', 'sections.id', 'articles.section_id')
      .select([
        'articles.id',
        'articles.title',
        'articles.status',
        'articles.updated_at',
        'articles.language',
        'articles.slug',
        'sections.slug as sectionSlug',
      ])
      .orderBy('articles.updated_at', 'desc')
      .orderBy('articles.id', 'desc')
      .limit(12)
      .execute();
    const recent = recentRows.map((r) => ({
      id: r.id,
      title: r.title,
      status: r.status,
      statusLabel: t(`admin.status.${r.status}` as MessageKey),
      updatedAt: r.updated_at,
      href: adminArticleHref({
        id: r.id,
        status: r.status,
        publicHref: deps.urls.article(r.language, r.sectionSlug, r.slug),
      }),
    }));
    return sendAdminPage(reply, context, <DashboardPage model={{ chrome, counts, recent }} />);
  });
}
