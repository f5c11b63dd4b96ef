import { usePage } from '../page-context.ts';
import { AdminLayout } from './admin-layout.tsx';
import type { AdminChromeModel, Notice } from './models.ts';

export interface LoginPageModel {
  chrome: AdminChromeModel;
  email: string;
  next: string;
  notice: Notice | null;
}

/** The sign-in page: a plain form that works without JavaScript. */
export function LoginPage({ model }: { model: LoginPageModel }) {
  const { t } = usePage().i18n;
  return (
    <AdminLayout chrome={model.chrome} title={t('admin.login.title')} notice={model.notice}>
      <section class="panel panel--narrow">
        <h1>{t('admin.login.title')}</h1>
        <form method="post" action="/admin/login" class="form">
          <input type="hidden" name="_csrf" value={model.chrome.csrfToken} />
          <input type="hidden" name="next" value={model.next} />
          <div class="field">
            <label for="email">{t('admin.login.email')}</label>
            <input
              id="email"
              name="email"
              type="email"
              autocomplete="username"
              required
              value={model.email}
              maxLength={254}
            />
          </div>
          <div class="field">
            <label for="password">{t('admin.login.password')}</label>
            <input
              id="password"
              name="password"
              type="password"
              autocomplete="current-password"
              required
              maxLength={1000}
            />
          </div>
          <button type="submit" class="button button--primary">
            {t('admin.login.submit')}
          </button>
        </form>
      </section>
    </AdminLayout>
  );
}
