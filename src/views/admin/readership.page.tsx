import { ViewsChart, type ViewsChartModel } from '../components/views-chart.tsx';
import { usePage } from '../page-context.ts';
import { AdminLayout } from './admin-layout.tsx';
import type { AdminChromeModel } from './models.ts';
import { TableScroll } from '../components/table-scroll.tsx';

export interface ReadershipPageModel {
  chrome: AdminChromeModel;
  chart: ViewsChartModel;
  topHeading: string;
  top: ReadonlyArray<{ id: number; title: string; href: string; language: string; views: string }>;
}

/** /admin/readership: views of the whole site per day, and the most viewed stories. */
export function ReadershipPage({ model }: { model: ReadershipPageModel }) {
  const { t } = usePage().i18n;
  return (
    <AdminLayout chrome={model.chrome} title={t('readership.title')} wide>
      <h1>{t('readership.title')}</h1>
      <p class="hint">{t('readership.privacy')}</p>
      <section class="panel">
        <h2>{model.chart.title}</h2>
        <ViewsChart model={model.chart} />
      </section>
      <section class="panel">
        <h2>{model.topHeading}</h2>
        {model.top.length === 0 ? (
          <p class="muted">{t('readership.top.none')}</p>
        ) : (
          <TableScroll label={model.topHeading}>
            <table class="table readership-top">
              <thead>
                <tr>
                  <th scope="col">{t('readership.top.story')}</th>
                  <th scope="col">{t('readership.top.language')}</th>
                  <th scope="col" class="numeric">
                    {t('readership.top.views')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {model.top.map((row) => (
                  <tr key={row.id}>
                    <td>
                      <a href={row.href}>{row.title}</a>
                    </td>
                    <td>{row.language}</td>
                    <td class="numeric">{row.views}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </AdminLayout>
  );
}

export interface ArticleReadershipModel {
  chrome: AdminChromeModel;
  heading: string;
  total: string;
  publicHref: string | null;
  chart: ViewsChartModel;
}

/** /admin/readership/articles/<id>: one story's views per day. */
export function ArticleReadershipPage({ model }: { model: ArticleReadershipModel }) {
  const { t } = usePage().i18n;
  return (
    <AdminLayout chrome={model.chrome} title={model.heading} wide>
      <p>
        <a href="/admin/readership">{t('readership.back')}</a>
      </p>
      <h1>{model.heading}</h1>
      <p>
        {model.total}
        {model.publicHref && (
          <>
            {' · '}
            <a href={model.publicHref}>{t('readership.article.open')}</a>
          </>
        )}
      </p>
      <section class="panel">
        <h2>{model.chart.title}</h2>
        <ViewsChart model={model.chart} />
      </section>
    </AdminLayout>
  );
}
