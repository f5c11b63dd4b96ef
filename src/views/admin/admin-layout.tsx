import type { ComponentChildren } from 'preact';
import { usePage } from '../page-context.ts';
import type { AdminChromeModel, Notice } from './models.ts';

/**
 * The admin's frame: site name, navigation (only what the role may use), the signed-in user and sign-out.
 * Admin pages are never indexed or cached.
 */
export function AdminLayout({
  chrome,
  title,
  children,
  notice,
  wide = false,
}: {
  chrome: AdminChromeModel;
  title: string;
  children: ComponentChildren;
  notice?: Notice | null;
  wide?: boolean;
}) {
  const { i18n } = usePage();
  const { t } = i18n;
  return (
    <html lang={i18n.lang} dir={i18n.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${title} — ${chrome.siteName} ${t('admin.title')}`}</title>
        <link rel="stylesheet" href={chrome.stylesheetHref} />
        {chrome.extraStylesheets?.map((href) => (
          <link key={href} rel="stylesheet" href={href} />
        ))}
        <link rel="icon" href={chrome.iconHref} type="image/svg+xml" />
        {chrome.scriptHref && <script src={chrome.scriptHref} type="module" />}
        {chrome.pageScript && <script src={chrome.pageScript} type="module" />}
      </head>
      <body class="admin">
        <a class="skip-link" href="#main">
          {t('site.skipToContent')}
        </a>
        <header class="admin-header">
          <a class="admin-brand" href="/admin">
            {chrome.siteName} <span>{t('admin.title')}</span>
          </a>
          {chrome.user && (
            <div class="admin-user">
              <span>
                {chrome.user.name} · {t(`admin.role.${chrome.user.role}` as 'admin.role.admin')}
              </span>
              <a href={chrome.siteHref}>{t('admin.viewSite')}</a>
              <form method="post" action="/admin/logout">
                <input type="hidden" name="_csrf" value={chrome.csrfToken} />
                <button type="submit" class="link-button">
                  {t('admin.signOut')}
                </button>
              </form>
            </div>
          )}
        </header>
        <div class={chrome.user ? 'admin-frame' : 'admin-frame admin-frame--bare'}>
          {chrome.user && (
            <nav class="admin-nav" aria-label={t('admin.navLabel')}>
              <ul>
                {chrome.nav.map((item) => (
                  <li key={item.key}>
                    <a href={item.href} aria-current={item.current ? 'page' : undefined}>
                      {item.label}
                      {item.badge ? (
                        <span class="badge" aria-label={t('admin.badge', { count: item.badge })}>
                          {item.badge}
                        </span>
                      ) : null}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <main id="main" class={wide ? 'admin-main admin-main--wide' : 'admin-main'} tabindex={-1}>
            {notice && (
              <p class={`notice notice--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
                {notice.text}
              </p>
            )}
            {children}
          </main>
        </div>
      </body>
    </html>
  );
}
