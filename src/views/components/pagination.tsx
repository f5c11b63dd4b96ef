import type { PaginationModel } from '../models.ts';
import { usePage } from '../page-context.ts';
import { arrows } from './arrows.ts';

export function Pagination({ pagination }: { pagination: PaginationModel }) {
  const { i18n } = usePage();
  if (pagination.pages <= 1) return null;
  const { back, forward } = arrows(i18n.dir);
  return (
    <nav class="pagination" aria-label={i18n.t('site.pagination')}>
      {pagination.prevHref ? (
        <a href={pagination.prevHref} rel="prev">
          <span aria-hidden="true">{back}</span> {i18n.t('pagination.previous')}
        </a>
      ) : (
        <span />
      )}
      <span class="pagination-status">
        {i18n.t('pagination.pageOf', { page: pagination.page, pages: pagination.pages })}
      </span>
      {pagination.nextHref ? (
        <a href={pagination.nextHref} rel="next">
          {i18n.t('pagination.next')} <span aria-hidden="true">{forward}</span>
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
