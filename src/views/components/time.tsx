import { usePage } from '../page-context.ts';

/** A machine-readable `<time>` with the date written for the reader's language. */
export function Time({ iso, withTime = false }: { iso: string; withTime?: boolean }) {
  const { i18n } = usePage();
  return <time datetime={iso}>{i18n.formatDate(iso, { withTime })}</time>;
}
