import { Time } from '../components/time.tsx';
import { usePage } from '../page-context.ts';
import { AdminLayout } from './admin-layout.tsx';
import type { AdminChromeModel, Notice } from './models.ts';
import { TableScroll } from '../components/table-scroll.tsx';

export interface WebhookEventOption {
  name: string;
  label: string;
}

export interface WebhookFormModel {
  url: string;
  description: string;
  events: readonly string[];
  errors: Partial<Record<'url' | 'description' | 'events', string>>;
}

export interface DeliveryModel {
  id: number;
  event: string;
  status: 'pending' | 'delivered' | 'failed';
  statusLabel: string;
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
}

export interface WebhookRowModel {
  id: number;
  url: string;
  description: string | null;
  events: readonly string[];
  active: boolean;
  createdAt: string;
  lastDelivery: DeliveryModel | null;
}

export interface WebhooksPageModel {
  chrome: AdminChromeModel;
  notice: Notice | null;
  /** Shown once, right after creation: the receiver's signing secret. */
  secret: { url: string; value: string } | null;
  webhooks: readonly WebhookRowModel[];
  eventOptions: readonly WebhookEventOption[];
  form: WebhookFormModel;
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p class="field-error" id={id}>
      {message}
    </p>
  ) : null;
}

export function DeliveryStatus({ delivery }: { delivery: DeliveryModel }) {
  return <span class={`status status--delivery-${delivery.status}`}>{delivery.statusLabel}</span>;
}

/** /admin/webhooks: the receivers of the site's events, their last delivery, and a form for a new one. */
export function WebhooksPage({ model }: { model: WebhooksPageModel }) {
  const { t } = usePage().i18n;
  const csrf = model.chrome.csrfToken;
  const e = model.form.errors;
  return (
    <AdminLayout chrome={model.chrome} title={t('webhooks.title')} notice={model.notice}>
      <h1>{t('webhooks.title')}</h1>
      <p class="hint">{t('webhooks.intro')}</p>
      {model.secret && (
        <section class="panel webhook-secret" aria-labelledby="webhook-secret-heading">
          <h2 id="webhook-secret-heading">{t('webhooks.secret.heading')}</h2>
          <p>{t('webhooks.secret.once', { url: model.secret.url })}</p>
          <p>
            <code class="webhook-secret-value">{model.secret.value}</code>
          </p>
          <p class="hint">{t('webhooks.secret.how')}</p>
        </section>
      )}
      <section class="panel">
        <h2>{t('webhooks.list.heading')}</h2>
        {model.webhooks.length === 0 ? (
          <p class="muted">{t('webhooks.list.none')}</p>
        ) : (
          <TableScroll label={t('webhooks.list.heading')}>
            <table class="table webhooks-table">
              <thead>
                <tr>
                  <th scope="col">{t('webhooks.list.url')}</th>
                  <th scope="col">{t('webhooks.list.events')}</th>
                  <th scope="col">{t('webhooks.list.last')}</th>
                  <th scope="col">{t('webhooks.list.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {model.webhooks.map((w) => (
                  <tr key={w.id} id={`webhook-${w.id}`}>
                    <td>
                      <a href={`/admin/webhooks/${w.id}`}>{w.url}</a>
                      {w.description && <div class="muted">{w.description}</div>}
                      {!w.active && (
                        <span class="status status--unpublished">{t('webhooks.list.paused')}</span>
                      )}
                    </td>
                    <td>
                      <ul class="plain-list" role="list">
                        {w.events.map((event) => (
                          <li key={event}>
                            <code>{event}</code>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      {w.lastDelivery ? (
                        <>
                          <DeliveryStatus delivery={w.lastDelivery} />{' '}
                          <Time iso={w.lastDelivery.createdAt} withTime />
                        </>
                      ) : (
                        <span class="muted">{t('webhooks.list.never')}</span>
                      )}
                    </td>
                    <td class="webhook-actions">
                      <a class="button" href={`/admin/webhooks/${w.id}`}>
                        {t('webhooks.list.log')}
                      </a>
                      <form method="post" action={`/admin/webhooks/${w.id}/active`}>
                        <input type="hidden" name="_csrf" value={csrf} />
                        <input type="hidden" name="active" value={w.active ? '0' : '1'} />
                        <button type="submit" class="button">
                          {w.active ? t('webhooks.pause') : t('webhooks.resume')}
                        </button>
                      </form>
                      <form method="post" action={`/admin/webhooks/${w.id}/delete`}>
                        <input type="hidden" name="_csrf" value={csrf} />
                        <button type="submit" class="button button--danger">
                          {t('webhooks.delete')}
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      <section class="panel" aria-labelledby="webhook-new">
        <h2 id="webhook-new">{t('webhooks.form.heading')}</h2>
        <form class="form" method="post" action="/admin/webhooks">
          <input type="hidden" name="_csrf" value={csrf} />
          <div class={e.url ? 'field field--error' : 'field'}>
            <label for="webhook-url">{t('webhooks.form.url')}</label>
            <input
              id="webhook-url"
              name="url"
              type="url"
              inputmode="url"
              required
              value={model.form.url}
              placeholder="https://"
              aria-describedby={e.url ? 'webhook-url-error' : undefined}
              aria-invalid={e.url ? 'true' : undefined}
            />
            <FieldError id="webhook-url-error" message={e.url} />
          </div>
          <div class={e.description ? 'field field--error' : 'field'}>
            <label for="webhook-description">{t('webhooks.form.description')}</label>
            <input
              id="webhook-description"
              name="description"
              type="text"
              maxLength={200}
              value={model.form.description}
              aria-describedby={e.description ? 'webhook-description-error' : undefined}
              aria-invalid={e.description ? 'true' : undefined}
            />
            <FieldError id="webhook-description-error" message={e.description} />
          </div>
          <fieldset
            class={e.events ? 'field field--error' : 'field'}
            aria-describedby={e.events ? 'webhook-events-error' : undefined}
          >
            <legend>{t('webhooks.form.events')}</legend>
            {model.eventOptions.map((option) => (
              <label class="field--check" key={option.name}>
                <input
                  type="checkbox"
                  name="events"
                  value={option.name}
                  checked={model.form.events.includes(option.name)}
                />{' '}
                <code>{option.name}</code> — {option.label}
              </label>
            ))}
            <FieldError id="webhook-events-error" message={e.events} />
          </fieldset>
          <button type="submit" class="button button--primary">
            {t('webhooks.form.submit')}
          </button>
        </form>
      </section>
    </AdminLayout>
  );
}

export interface WebhookLogModel {
  chrome: AdminChromeModel;
  webhook: WebhookRowModel;
  deliveries: readonly DeliveryModel[];
}

/** /admin/webhooks/:id: the latest deliveries of one webhook — what was sent, what came back. */
export function WebhookLogPage({ model }: { model: WebhookLogModel }) {
  const { t } = usePage().i18n;
  return (
    <AdminLayout chrome={model.chrome} title={t('webhooks.log.title')} wide>
      <p>
        <a href="/admin/webhooks">{t('webhooks.log.back')}</a>
      </p>
      <h1>{t('webhooks.log.title')}</h1>
      <p>
        <code>{model.webhook.url}</code>
      </p>
      {model.deliveries.length === 0 ? (
        <p class="muted">{t('webhooks.log.none')}</p>
      ) : (
        <TableScroll label={t('webhooks.log.title')}>
          <table class="table deliveries-table">
            <thead>
              <tr>
                <th scope="col">{t('webhooks.log.id')}</th>
                <th scope="col">{t('webhooks.log.event')}</th>
                <th scope="col">{t('webhooks.log.status')}</th>
                <th scope="col">{t('webhooks.log.attempts')}</th>
                <th scope="col">{t('webhooks.log.response')}</th>
                <th scope="col">{t('webhooks.log.created')}</th>
                <th scope="col">{t('webhooks.log.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {model.deliveries.map((d) => (
                <tr key={d.id} class={`delivery delivery--${d.status}`}>
                  <td>{d.id}</td>
                  <td>
                    <code>{d.event}</code>
                  </td>
                  <td>
                    <DeliveryStatus delivery={d} />
                  </td>
                  <td>{d.attempts}</td>
                  <td>{d.responseStatus ?? '—'}</td>
                  <td>
                    <Time iso={d.createdAt} withTime />
                  </td>
                  <td>
                    {d.deliveredAt && (
                      <span>
                        {t('webhooks.log.deliveredAt')} <Time iso={d.deliveredAt} withTime />
                      </span>
                    )}
                    {d.lastError && <span class="field-error">{d.lastError}</span>}
                    {d.status === 'pending' && d.nextAttemptAt && (
                      <span class="muted">
                        {' '}
                        {t('webhooks.log.nextAttempt')} <Time iso={d.nextAttemptAt} withTime />
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </AdminLayout>
  );
}
