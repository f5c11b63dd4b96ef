import { Time } from '../../components/time.tsx';
import { usePage } from '../../page-context.ts';
import { AdminLayout } from '../admin-layout.tsx';
import type { AdminChromeModel } from '../models.ts';
import { TableScroll } from '../../components/table-scroll.tsx';

export interface RevisionsModel {
  chrome: AdminChromeModel;
  articleTitle: string;
  editHref: string;
  revisions: ReadonlyArray<{ href: string; kind: string; who: string; at: string; current: boolean }>;
  /** The revision opened for comparison, when one is. */
  compare: {
    heading: string;
    lines: ReadonlyArray<{ op: 'same' | 'removed' | 'added'; text: string }>;
    restoreHref: string;
  } | null;
}

/** Every save and autosave of an article with who and when; one opened shows a diff and a restore link. */
export function RevisionsPage({ model }: { model: RevisionsModel }) {
  const { t } = usePage().i18n;
  return (
    <AdminLayout chrome={model.chrome} title={t('editor.revisions.title')} wide>
      <div class="page-head">
        <h1>
          {t('editor.revisions.title')}: {model.articleTitle}
        </h1>
        <a class="button" href={model.editHref}>
          {t('editor.revisions.back')}
        </a>
      </div>
      {model.compare && (
        <section class="panel" aria-labelledby="diff-heading">
          <h2 id="diff-heading">{model.compare.heading}</h2>
          {model.compare.lines.every((l) => l.op === 'same') ? (
            <p>{t('editor.revisions.noChanges')}</p>
          ) : (
            <ul class="diff">
              {model.compare.lines.map((line, i) => (
                <li key={i} class={`diff-${line.op}`}>
                  {line.op !== 'same' && (
                    <span class="visually-hidden">
                      {line.op === 'removed' ? t('editor.revisions.removed') : t('editor.revisions.added')}
                      :{' '}
                    </span>
                  )}
                  {line.text}
                </li>
              ))}
            </ul>
          )}
          <p>
            <a class="button button--primary" href={model.compare.restoreHref}>
              {t('editor.revisions.restore')}
            </a>
          </p>
          <p class="hint">{t('editor.revisions.restoreHint')}</p>
        </section>
      )}
      <p class="muted">{t('editor.revisions.intro')}</p>
      {model.revisions.length === 0 ? (
        <p>{t('editor.revisions.none')}</p>
      ) : (
        <TableScroll label={t('editor.revisions.title')}>
          <table class="table revisions-table">
            <thead>
              <tr>
                <th scope="col">{t('editor.revisions.when')}</th>
                <th scope="col">{t('editor.revisions.what')}</th>
                <th scope="col">{t('editor.revisions.who')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('editor.revisions.open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {model.revisions.map((r) => (
                <tr key={r.href} aria-current={r.current ? 'true' : undefined}>
                  <td>
                    <Time iso={r.at} withTime />
                  </td>
                  <td>{r.kind}</td>
                  <td>{r.who}</td>
                  <td>
                    <a href={r.href}>{t('editor.revisions.open')}</a>
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
