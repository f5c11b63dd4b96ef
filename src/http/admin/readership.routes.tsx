import type { FastifyInstance } from 'fastify';
import type { DailyViews } from '../../readership/readership.service.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { ArticleReadershipPage, ReadershipPage } from '../../views/admin/readership.page.tsx';
import type { ViewsChartModel } from '../../views/components/views-chart.tsx';
import type { HttpDeps } from '../context.ts';
import type { Presenter } from '../public/presenters.ts';
import { adminContext, sendAdminPage } from './admin-page.ts';
import { requireCapability } from './session.ts';

/** The charts cover the last 30 days, today included (UTC days). */
const CHART_DAYS = 30;
const TOP = 20;

/** Turns daily totals into the chart's view-model, with every label in the admin's language. */
export function viewsChartModel(
  present: Presenter,
  id: string,
  title: string,
  daily: readonly DailyViews[],
): ViewsChartModel {
  const { t, lang } = present.i18n;
  const dayLabel = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const label = (day: string) => dayLabel.format(new Date(`${day}T00:00:00.000Z`));
  const total = daily.reduce((sum, d) => sum + d.views, 0);
  const busiest = daily.reduce<DailyViews | undefined>(
    (best, d) => (!best || d.views > best.views ? d : best),
    undefined,
  );
  return {
    id,
    title,
    description:
      total === 0 || !busiest
        ? t('readership.chart.descEmpty', { days: daily.length })
        : t('readership.chart.desc', {
            total,
            days: daily.length,
            day: label(busiest.day),
            max: busiest.views,
          }),
    points: daily.map((d) => ({
      day: d.day,
      label: label(d.day),
      views: d.views,
      barLabel: t('readership.chart.bar', { day: label(d.day), views: d.views }),
    })),
    tableSummary: t('readership.chart.table'),
    dayHeading: t('readership.chart.day'),
    viewsHeading: t('readership.chart.views'),
    locale: lang,
  };
}

/** /admin/readership: views per day for the site and for each story (editors and admins). */
export async function readershipRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }) {
  const guard = requireCapability('articles.review');

  app.get('/readership', { preHandler: guard }, async (request, reply) => {
    const { context, chrome, presenter } = await adminContext(request, reply, deps, 'readership');
    const { t, lang } = presenter.i18n;
    // Counts still in this instance's memory belong in what the newsroom sees.
    await deps.viewCounter.flush();
    const [daily, top] = await Promise.all([
      deps.readership.siteDaily(CHART_DAYS),
      deps.readership.topArticles(CHART_DAYS, TOP),
    ]);
    const number = new Intl.NumberFormat(lang);
    return sendAdminPage(
      reply,
      context,
      <ReadershipPage
        model={{
          chrome,
          chart: viewsChartModel(
            presenter,
            'site-views',
            t('readership.chart.site', { days: CHART_DAYS }),
            daily,
          ),
          topHeading: t('readership.top.heading', { days: CHART_DAYS }),
          top: top.map((row) => ({
            id: row.id,
            title: row.title,
            href: `/admin/readership/articles/${row.id}`,
            language: row.language,
            views: number.format(row.views),
          })),
        }}
      />,
    );
  });

  app.get<{ Params: { id: string } }>(
    '/readership/articles/:id',
    { preHandler: guard },
    async (request, reply) => {
      const id = /^\d{1,9}$/.test(request.params.id) ? Number(request.params.id) : 0;
      const article = id ? await deps.articles.getById(id) : undefined;
      if (!article) throw new NotFoundError('There is no story with this number.');
      const { context, chrome, presenter } = await adminContext(request, reply, deps, 'readership');
      const { t } = presenter.i18n;
      await deps.viewCounter.flush();
      const [daily, total] = await Promise.all([
        deps.readership.articleDaily(article.id, CHART_DAYS),
        deps.readership.totalViews(article.id),
      ]);
      return sendAdminPage(
        reply,
        context,
        <ArticleReadershipPage
          model={{
            chrome,
            heading: t('readership.article.title', { title: article.title }),
            total: t('readership.article.total', { total }),
            publicHref:
              article.status === 'published'
                ? deps.urls.article(article.language, article.section?.slug, article.slug)
                : null,
            chart: viewsChartModel(
              presenter,
              'article-views',
              t('readership.chart.article', { days: CHART_DAYS }),
              daily,
            ),
          }}
        />,
      );
    },
  );
}
