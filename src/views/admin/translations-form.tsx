import { usePage } from '../page-context.ts';
import { Csrf, FieldError, TextArea, TextField } from './form-fields.tsx';

/** One language's translated texts of a section, tag or author. */
export interface TranslationFormModel {
  language: string;
  languageName: string;
  fields: ReadonlyArray<{
    name: string;
    label: string;
    value: string;
    multiline?: boolean;
    maxLength: number;
  }>;
  errors: Readonly<Record<string, string>>;
}

/**
 * What a section, tag or author is called in the site's other languages: one small form per
 * language, so saving one never half-saves another. Empty fields remove the translation.
 */
export function TranslationsPanel({
  action,
  csrf,
  translations,
}: {
  action: string;
  csrf: string;
  translations: readonly TranslationFormModel[];
}) {
  const { t } = usePage().i18n;
  if (translations.length === 0) return null;
  return (
    <section class="panel" aria-labelledby="translations-heading">
      <h2 id="translations-heading">{t('taxonomy.translations')}</h2>
      <p class="hint">{t('taxonomy.translationsHint')}</p>
      {translations.map((tr) => (
        <form class="form" method="post" action={action} key={tr.language} lang={tr.language}>
          <Csrf token={csrf} />
          <input type="hidden" name="language" value={tr.language} />
          <h3>{tr.languageName}</h3>
          <FieldError id={`tr-${tr.language}-error`} message={tr.errors.form} />
          {tr.fields.map((f) =>
            f.multiline ? (
              <TextArea
                key={f.name}
                id={`tr-${tr.language}-${f.name}`}
                name={f.name}
                label={f.label}
                value={f.value}
                error={tr.errors[f.name]}
                maxLength={f.maxLength}
              />
            ) : (
              <TextField
                key={f.name}
                id={`tr-${tr.language}-${f.name}`}
                name={f.name}
                label={f.label}
                value={f.value}
                error={tr.errors[f.name]}
                maxLength={f.maxLength}
              />
            ),
          )}
          <p>
            <button type="submit" class="button">
              {t('taxonomy.saveTranslation', { language: tr.languageName })}
            </button>
          </p>
        </form>
      ))}
    </section>
  );
}
