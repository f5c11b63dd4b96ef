import { usePage } from '../page-context.ts';

export interface CommentFormModel {
  action: string;
  /** The JSON endpoint the script posts to. */
  apiAction: string;
  /** The signed time the form was shown (submissions faster than a person can type are refused). */
  token: string;
  values: { body: string; name: string; email: string; website: string; parentId: number | null };
  /** Reasons by field, next to the field; `form` for the whole submission. */
  errors: Readonly<Record<string, string>>;
  /** Whom the comment answers, with a link that cancels the reply. */
  replyTo: { name: string; cancelHref: string } | null;
  maxLength: number;
}

function describedBy(errors: Readonly<Record<string, string>>, field: string, hint?: string) {
  const ids = [hint, errors[field] ? `comment-${field}-error` : undefined].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldError({ errors, field }: { errors: Readonly<Record<string, string>>; field: string }) {
  const message = errors[field];
  return (
    <p class="field-error" id={`comment-${field}-error`} data-error-for={field} hidden={!message}>
      {message ?? ''}
    </p>
  );
}

/**
 * "Leave a Comment": a plain form that works without JavaScript (POST, then 303 back to the
 * comment). No CSRF token is possible on a page the cache shares, so the server checks the
 * browser's Origin instead; the honeypot field is hidden from people and left empty by them.
 */
export function CommentForm({ form }: { form: CommentFormModel }) {
  const { t } = usePage().i18n;
  const { values, errors } = form;
  // A form that came back opens at the first field that needs another look.
  const first = ['body', 'name', 'email', 'website'].find((f) => errors[f]) ?? (errors.form ? 'body' : null);
  return (
    <form
      class="comment-form"
      id="leave-comment"
      method="post"
      action={form.action}
      data-api={form.apiAction}
      data-replying-to={t('comments.replyingTo', { name: '{name}' })}
      data-cancel-label={t('comments.cancelReply')}
      data-sending={t('comments.sending')}
      data-network-error={t('comments.networkError')}
      novalidate
    >
      <h2 class="comment-form-title" id="leave-comment-heading">
        {t('comments.formTitle')}
      </h2>
      {errors.form && (
        <div class="form-error" role="alert" id="comment-form-error">
          <p>{errors.form}</p>
        </div>
      )}
      <div class="form-error" role="alert" data-form-error hidden />
      <p class="comment-replying" data-replying hidden={!form.replyTo}>
        {form.replyTo && (
          <>
            {t('comments.replyingTo', { name: form.replyTo.name })}{' '}
            <a href={form.replyTo.cancelHref} data-cancel-reply>
              {t('comments.cancelReply')}
            </a>
          </>
        )}
      </p>
      <input type="hidden" name="parentId" value={values.parentId ?? ''} />
      <input type="hidden" name="started" value={form.token} />
      <div class="field">
        <label for="comment-body">{t('comments.field.body')}</label>
        <textarea
          id="comment-body"
          name="body"
          rows={6}
          required
          maxlength={form.maxLength}
          autofocus={first === 'body' || undefined}
          aria-invalid={errors.body ? 'true' : undefined}
          aria-describedby={describedBy(errors, 'body', 'comment-body-hint')}
        >
          {values.body}
        </textarea>
        <span class="field-hint" id="comment-body-hint">
          {t('comments.field.bodyHint', { max: form.maxLength })}
        </span>
        <FieldError errors={errors} field="body" />
      </div>
      <div class="comment-form-grid">
        <div class="field">
          <label for="comment-name">{t('comments.field.name')}</label>
          <input
            id="comment-name"
            name="name"
            autocomplete="name"
            required
            maxlength={80}
            value={values.name}
            autofocus={first === 'name' || undefined}
            aria-invalid={errors.name ? 'true' : undefined}
            aria-describedby={describedBy(errors, 'name')}
          />
          <FieldError errors={errors} field="name" />
        </div>
        <div class="field">
          <label for="comment-email">{t('comments.field.email')}</label>
          <input
            id="comment-email"
            name="email"
            type="email"
            autocomplete="email"
            required
            value={values.email}
            autofocus={first === 'email' || undefined}
            aria-invalid={errors.email ? 'true' : undefined}
            aria-describedby={describedBy(errors, 'email', 'comment-email-hint')}
          />
          <span class="field-hint" id="comment-email-hint">
            {t('comments.field.emailHint')}
          </span>
          <FieldError errors={errors} field="email" />
        </div>
        <div class="field">
          <label for="comment-website">{t('comments.field.website')}</label>
          <input
            id="comment-website"
            name="website"
            type="url"
            autocomplete="url"
            value={values.website}
            autofocus={first === 'website' || undefined}
            aria-invalid={errors.website ? 'true' : undefined}
            aria-describedby={describedBy(errors, 'website')}
          />
          <FieldError errors={errors} field="website" />
        </div>
      </div>
      <p class="comment-hp" aria-hidden="true">
        <label for="comment-phone">{t('comments.field.honeypot')}</label>
        <input id="comment-phone" name="phone" tabindex={-1} autocomplete="off" value="" />
      </p>
      {/* Only the script can keep anything in this browser, so only the script shows the consent. */}
      <p class="comment-remember" data-remember hidden>
        <input id="comment-remember" name="remember" type="checkbox" value="1" />{' '}
        <label for="comment-remember">{t('comments.field.remember')}</label>
      </p>
      <p class="comment-submit">
        <button class="button" type="submit">
          {t('comments.submit')}
        </button>
        <span class="comment-status" role="status" aria-live="polite" data-status />
      </p>
    </form>
  );
}
