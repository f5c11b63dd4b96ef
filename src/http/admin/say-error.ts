import type { MessageKey } from '../../i18n/i18n.ts';
import type { AppError } from '../../shared/errors.ts';
import type { HttpDeps } from '../context.ts';

/** An error in the admin's language when it names its catalogue message; else its own sentence. */
export function sayError(deps: HttpDeps, error: AppError): string {
  const i18n = deps.translators.get(deps.config.defaultLanguage)!;
  return error.text && i18n.has(error.text.key)
    ? i18n.t(error.text.key as MessageKey, error.text.values)
    : error.message;
}

/** Each field's reason in the admin's language (see `sayError`), for a form that comes back. */
export function sayFieldErrors(deps: HttpDeps, error: AppError): Record<string, string> {
  const i18n = deps.translators.get(deps.config.defaultLanguage)!;
  const fields: Record<string, string> = { ...error.fields };
  for (const [field, ref] of Object.entries(error.fieldTexts ?? {}))
    if (i18n.has(ref.key)) fields[field] = i18n.t(ref.key as MessageKey, ref.values);
  return fields;
}
