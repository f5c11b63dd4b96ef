import { usePage } from '../page-context.ts';
import { AdminLayout } from './admin-layout.tsx';
import type { AdminChromeModel, Notice } from './models.ts';

export interface InvitationPageModel {
  chrome: AdminChromeModel;
  user: { name: string; email: string } | null;
  token: string;
  notice: Notice | null;
}

/** Where an invited colleague chooses a password and joins the newsroom. */
export function InvitationPage({ model }: { model: InvitationPageModel }) {
  const { t } = usePage().i18n;
  return (
    <AdminLayout chrome={model.chrome} title={t('admin.invite.title')} notice={model.notice}>
      <section class="panel panel--narrow">
        <h1>{t('admin.invite.title')}</h1>
        {model.user && (
          <>
            <p>{t('admin.invite.welcome', { name: model.user.name, email: model.user.email })}</p>
            <form method="post" action={`/admin/invite/${encodeURIComponent(model.token)}`} class="form">
              <input type="hidden" name="_csrf" value={model.chrome.csrfToken} />
              <div class="field">
                <label for="password">{t('admin.invite.password')}</label>
                <input
                  id="password"
                  name="password"
                  type="password"
                  autocomplete="new-password"
                  required
                  minLength={10}
                  maxLength={1000}
                />
                <p class="hint">{t('admin.invite.passwordHint')}</p>
              </div>
              <div class="field">
                <label for="confirm">{t('admin.invite.confirm')}</label>
                <input
                  id="confirm"
                  name="confirm"
                  type="password"
                  autocomplete="new-password"
                  required
                  minLength={10}
                  maxLength={1000}
                />
              </div>
              <button type="submit" class="button button--primary">
                {t('admin.invite.submit')}
              </button>
            </form>
          </>
        )}
      </section>
    </AdminLayout>
  );
}
