import { Time } from '../components/time.tsx';
import { usePage } from '../page-context.ts';
import { AdminLayout } from './admin-layout.tsx';
import { Csrf, FieldError, SelectField, TextField } from './form-fields.tsx';
import type { AdminChromeModel, Notice } from './models.ts';
import { TableScroll } from '../components/table-scroll.tsx';

export interface InviteFormModel {
  name: string;
  email: string;
  role: string;
  errors: Readonly<Record<string, string>>;
}

export interface UserRowModel {
  id: number;
  name: string;
  email: string;
  role: string;
  status: 'active' | 'invited' | 'disabled';
  statusLabel: string;
  lastLoginAt: string | null;
  /** The signed-in admin's own row: no role change or deactivation from here. */
  self: boolean;
}

export interface UsersPageModel {
  chrome: AdminChromeModel;
  notice: Notice | null;
  /** The link for the person just invited, shown once. */
  invitation: { name: string; url: string } | null;
  roles: ReadonlyArray<{ value: string; label: string }>;
  rows: readonly UserRowModel[];
  form: InviteFormModel;
}

/** People with accounts: invite, change roles, deactivate and reactivate. Admins only. */
export function UsersPage({ model }: { model: UsersPageModel }) {
  const { t } = usePage().i18n;
  const csrf = model.chrome.csrfToken;
  const e = model.form.errors;
  return (
    <AdminLayout chrome={model.chrome} title={t('users.title')} notice={model.notice} wide>
      <h1>{t('users.title')}</h1>
      {model.invitation && (
        <section class="panel" aria-labelledby="invitation-heading">
          <h2 id="invitation-heading">{t('users.invitation.title', { name: model.invitation.name })}</h2>
          <p class="hint">{t('users.invitation.hint')}</p>
          <label for="invitation-link">{t('users.invitation.link')}</label>
          <input id="invitation-link" class="copy-field" type="text" readOnly value={model.invitation.url} />
        </section>
      )}
      <div class="media-layout">
        <section class="panel" aria-labelledby="invite-heading">
          <h2 id="invite-heading">{t('users.invite.title')}</h2>
          <form class="form" method="post" action="/admin/users/invite">
            <Csrf token={csrf} />
            <FieldError id="invite-form-error" message={e.form} />
            <TextField
              id="invite-name"
              name="name"
              label={t('users.field.name')}
              value={model.form.name}
              error={e.name}
              required
              maxLength={120}
            />
            <TextField
              id="invite-email"
              name="email"
              type="email"
              label={t('users.field.email')}
              value={model.form.email}
              error={e.email}
              required
              maxLength={254}
            />
            <SelectField
              id="invite-role"
              name="role"
              label={t('users.field.role')}
              hint={t('users.field.roleHint')}
              value={model.form.role}
              error={e.role}
              options={model.roles}
            />
            <p>
              <button type="submit" class="button button--primary">
                {t('users.invite.button')}
              </button>
            </p>
          </form>
        </section>
        <section class="panel" aria-labelledby="users-heading">
          <h2 id="users-heading">{t('users.list')}</h2>
          <TableScroll label={t('users.list')}>
            <table class="table users-table">
              <thead>
                <tr>
                  <th scope="col">{t('users.field.name')}</th>
                  <th scope="col">{t('users.field.role')}</th>
                  <th scope="col">{t('users.field.status')}</th>
                  <th scope="col">{t('users.field.lastLogin')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('users.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {model.rows.map((row) => (
                  <tr key={row.id} id={`user-${row.id}`}>
                    <td>
                      <strong>{row.name}</strong>
                      <span class="people-note">{row.email}</span>
                    </td>
                    <td>
                      {row.self ? (
                        model.roles.find((r) => r.value === row.role)?.label
                      ) : (
                        <form class="inline-form" method="post" action={`/admin/users/${row.id}/role`}>
                          <Csrf token={csrf} />
                          <label class="visually-hidden" for={`role-${row.id}`}>
                            {t('users.roleOf', { name: row.name })}
                          </label>
                          <select id={`role-${row.id}`} name="role">
                            {model.roles.map((r) => (
                              <option key={r.value} value={r.value} selected={r.value === row.role}>
                                {r.label}
                              </option>
                            ))}
                          </select>
                          <button type="submit" class="button">
                            {t('users.changeRole')}
                          </button>
                        </form>
                      )}
                    </td>
                    <td>
                      <span
                        class={`status status--${row.status === 'active' ? 'published' : row.status === 'invited' ? 'review' : 'unpublished'}`}
                      >
                        {row.statusLabel}
                      </span>
                    </td>
                    <td>{row.lastLoginAt ? <Time iso={row.lastLoginAt} withTime /> : '—'}</td>
                    <td>
                      {row.self ? (
                        <span class="muted">{t('users.you')}</span>
                      ) : (
                        <form
                          class="inline-form"
                          method="post"
                          action={`/admin/users/${row.id}/${row.status === 'disabled' ? 'reactivate' : 'deactivate'}`}
                        >
                          <Csrf token={csrf} />
                          <button
                            type="submit"
                            class={row.status === 'disabled' ? 'button' : 'button button--danger'}
                          >
                            {row.status === 'disabled' ? t('users.reactivate') : t('users.deactivate')}
                            <span class="visually-hidden"> {row.name}</span>
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      </div>
    </AdminLayout>
  );
}
