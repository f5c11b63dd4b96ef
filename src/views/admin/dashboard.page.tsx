import { Time } from '../components/time.tsx';
import { usePage } from '../page-context.ts';
import { AdminLayout } from './admin-layout.tsx';
import type { AdminChromeModel } from './models.ts';
import { TableScroll } from '../components/table-scroll.tsx';

export interface DashboardModel {
  chrome: AdminChromeModel;
  counts: ReadonlyArray<{ status: string; label: string; count: number; href?: string }>;
  recent: ReadonlyArray<{
    id: number;
    title: string;
    href: string | null;
    status: string;
    statusLabel: string;
    updatedAt: string;
  }>;
}

/** The newsroom at a glance: how many stories are in each state, and the latest changes. */
export function DashboardPage({ model }: { model: DashboardModel }) {
  const { t } = usePage().i18n;
  return (
    <AdminLayout chrome={model.chrome} title={t('admin.dashboard.title')}>
      <h1>{t('admin.dashboard.title')}</h1>
      <ul class="stat-grid" role="list">
        {model.counts.map((c) => (
          <li key={c.status} class={`stat stat--${c.status}`}>
            <span class="stat-count">{c.count}</span>
            <span class="stat-label">{c.href ? <a href={c.href}>{c.label}</a> : c.label}</span>
          </li>
        ))}
      </ul>
      <section class="panel">
        <h2>{t('admin.dashboard.recent')}</h2>
        {model.recent.length === 0 ? (
          <p class="muted">{t('admin.dashboard.none')}</p>
        ) : (
          <TableScroll label={t('admin.dashboard.recent')}>
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.dashboard.headline')}</th>
                  <th scope="col">{t('admin.dashboard.status')}</th>
                  <th scope="col">{t('admin.dashboard.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {model.recent.map((r) => (
                  <tr key={r.id}>
                    <td>{r.href ? <a href={r.href}>{r.title}</a> : r.title}</td>
                    <td>
                      <span class={`status status--${r.status}`}>{r.statusLabel}</span>
                    </td>
                    <td>
                      <Time iso={r.updatedAt} withTime />
                    </td>
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
