import type { Link } from '../models.ts';
import { usePage } from '../page-context.ts';

/** "Home » World » <headline>": links for each level, the page itself last and marked current. */
export function Breadcrumb({ trail, current }: { trail: readonly Link[]; current: string }) {
  const { i18n } = usePage();
  return (
    <nav class="breadcrumb" aria-label={i18n.t('site.breadcrumb')}>
      <ol>
        {trail.map((item) => (
          <li key={item.href}>
            <a href={item.href}>{item.label}</a>
            <span class="breadcrumb-sep" aria-hidden="true">
              {' » '}
            </span>
          </li>
        ))}
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}
