import type { ComponentChildren } from 'preact';
import { usePage } from '../page-context.ts';
import { AdminLayout } from './admin-layout.tsx';
import { Csrf } from './form-fields.tsx';
import type { AdminChromeModel, Notice } from './models.ts';

/** A form in a panel: the CSRF field, the fields, one submit button. */
export function PanelForm({
  action,
  csrf,
  button,
  primary = true,
  children,
}: {
  action: string;
  csrf: string;
  button: string;
  primary?: boolean;
  children: ComponentChildren;
}) {
  return (
    <form class="form" method="post" action={action}>
      <Csrf token={csrf} />
      {children}
      <p>
        <button type="submit" class={primary ? 'button button--primary' : 'button'}>
          {button}
        </button>
      </p>
    </form>
  );
}

/**
 * The frame of a management page for one thing (a section, a tag, an author): links back to the list
 * and to its public page, its name, then its form beside whatever else it has (translations).
 */
export function EditFrame({
  chrome,
  notice,
  title,
  backHref,
  backLabel,
  publicHref,
  children,
  aside,
}: {
  chrome: AdminChromeModel;
  notice: Notice | null;
  title: string;
  backHref: string;
  backLabel: string;
  publicHref: string;
  children: ComponentChildren;
  aside?: ComponentChildren;
}) {
  const { t } = usePage().i18n;
  return (
    <AdminLayout chrome={chrome} title={title} notice={notice} wide>
      <p>
        <a href={backHref}>{backLabel}</a> · <a href={publicHref}>{t('taxonomy.viewPage')}</a>
      </p>
      <h1>{title}</h1>
      <div class="media-layout">
        <section class="panel">{children}</section>
        {aside}
      </div>
    </AdminLayout>
  );
}
