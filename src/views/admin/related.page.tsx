import { Time } from '../components/time.tsx';
import { usePage } from '../page-context.ts';
import { AdminLayout } from './admin-layout.tsx';
import type { AdminChromeModel } from './models.ts';
import { TableScroll } from '../components/table-scroll.tsx';

export interface RelatedExplanationModel {
  chrome: AdminChromeModel;
  article: { id: number; title: string; href: string | null; published: boolean };
  picks: ReadonlyArray<{
    rank: number;
    title: string;
    href: string;
    score: number;
    similarity: number;
    computedAt: string;
    reasons: ReadonlyArray<{ kind: 'word' | 'name' | 'tag'; label: string }>;
  }>;
}

/** One story's "You may also like" list as the engine chose it, each pick with the terms that explain it. */
export function RelatedExplanationPage({ model }: { model: RelatedExplanationModel }) {
  const { i18n } = usePage();
  const { t } = i18n;
  const title = t('related.admin.title', { title: model.article.title });
  return (
    <AdminLayout chrome={model.chrome} title={title} wide>
      <h1>{title}</h1>
      <p class="muted">{t('related.admin.intro')}</p>
      {model.article.href && (
        <p>
          <a href={model.article.href}>{t('related.admin.view')}</a>
        </p>
      )}
      <section class="panel related-explanation">
        {!model.article.published ? (
          <p class="muted">{t('related.admin.notPublished')}</p>
        ) : model.picks.length === 0 ? (
          <p class="muted">{t('related.admin.none')}</p>
        ) : (
          <TableScroll label={title}>
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t('related.admin.rank')}</th>
                  <th scope="col">{t('related.admin.story')}</th>
                  <th scope="col">{t('related.admin.score')}</th>
                  <th scope="col">{t('related.admin.why')}</th>
                </tr>
              </thead>
              <tbody>
                {model.picks.map((pick) => (
                  <tr key={pick.href} class="related-pick">
                    <td>{pick.rank}</td>
                    <td>
                      <a href={pick.href}>{pick.title}</a>
                      <br />
                      <small class="muted">
                        {i18n.rich('related.admin.computed', {
                          date: <Time iso={pick.computedAt} withTime />,
                        })}
                      </small>
                    </td>
                    <td>
                      <span class="related-score">{pick.score.toFixed(3)}</span>
                      <br />
                      <small class="muted">
                        {t('related.admin.similarity')} {pick.similarity.toFixed(3)}
                      </small>
                    </td>
                    <td>
                      <ul class="related-reasons tag-list" role="list">
                        {pick.reasons.map((reason) => (
                          <li key={`${reason.kind}:${reason.label}`} class={`reason reason--${reason.kind}`}>
                            {reason.label} <small class="muted">({t(`related.kind.${reason.kind}`)})</small>
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </AdminLayout>
  );
}
