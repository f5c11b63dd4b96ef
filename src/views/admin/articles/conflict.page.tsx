import type { SafeHtml } from '../../../richtext/index.ts';
import { Time } from '../../components/time.tsx';
import { usePage } from '../../page-context.ts';
import { TrustedHtml } from '../../trusted-html.tsx';
import { AdminLayout } from '../admin-layout.tsx';
import type { AdminChromeModel } from '../models.ts';
import { HiddenValues } from './fields.tsx';

export interface VersionView {
  title: string;
  dek: string | null;
  body: SafeHtml;
}

export interface ConflictModel {
  chrome: AdminChromeModel;
  explain: string;
  savedAt: string;
  yours: VersionView;
  theirs: VersionView;
  diff: ReadonlyArray<{ op: 'same' | 'removed' | 'added'; text: string }>;
  /** The writer's form, carried over to save it on top of the current version. */
  keepMine: { action: string; values: ReadonlyArray<[string, string]> };
  useTheirsHref: string;
}

function Version({ heading, version }: { heading: string; version: VersionView }) {
  return (
    <section class="original-text" aria-label={heading}>
      <p class="muted">{heading}</p>
      <h2>{version.title}</h2>
      {version.dek && <p>{version.dek}</p>}
      <TrustedHtml html={version.body} />
    </section>
  );
}

/** Two people saved one article: both versions side by side, what differs, and a choice. Nothing was lost. */
export function ConflictPage({ model }: { model: ConflictModel }) {
  const { t } = usePage().i18n;
  return (
    <AdminLayout chrome={model.chrome} title={t('editor.conflict.title')} wide>
      <h1>{t('editor.conflict.title')}</h1>
      <p class="notice notice--error" role="alert">
        {model.explain} <Time iso={model.savedAt} withTime />
      </p>
      <div class="editor-actions">
        <form method="post" action={model.keepMine.action}>
          <input type="hidden" name="_csrf" value={model.chrome.csrfToken} />
          <HiddenValues values={model.keepMine.values} />
          <button type="submit" name="action" value="save" class="button button--primary">
            {t('editor.conflict.keepMine')}
          </button>
        </form>
        <a class="button" href={model.useTheirsHref}>
          {t('editor.conflict.useTheirs')}
        </a>
      </div>
      <div class="conflict-grid">
        <Version heading={t('editor.conflict.yours')} version={model.yours} />
        <Version heading={t('editor.conflict.theirs')} version={model.theirs} />
      </div>
      <section class="panel" aria-labelledby="conflict-diff">
        <h2 id="conflict-diff">{t('editor.conflict.diff')}</h2>
        <ul class="diff">
          {model.diff.map((line, i) => (
            <li key={i} class={`diff-${line.op}`}>
              {line.op !== 'same' && (
                <span class="visually-hidden">
                  {line.op === 'removed' ? t('editor.conflict.theirs') : t('editor.conflict.yours')}:{' '}
                </span>
              )}
              {line.text}
            </li>
          ))}
        </ul>
      </section>
    </AdminLayout>
  );
}
