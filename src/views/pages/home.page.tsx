import { Card, CardList } from '../components/card.tsx';
import { Layout } from '../layout.tsx';
import type { CardModel, Link, PageMeta } from '../models.ts';
import { usePage } from '../page-context.ts';
import { arrows } from '../components/arrows.ts';
import { MostRead } from '../components/most-read.tsx';

export interface HomePageModel {
  meta: PageMeta;
  lead: CardModel | null;
  latest: CardModel[];
  sections: Array<{ section: Link; cards: CardModel[] }>;
  /** This week's most read stories (empty until readers have read some). */
  mostRead: CardModel[];
}

/** The front page: the lead story, the latest stories beside it, then a block for each section. */
export function HomePage({ model }: { model: HomePageModel }) {
  const { i18n, chrome } = usePage();
  const { t } = i18n;
  return (
    <Layout meta={model.meta} bodyClass="page-home">
      <h1 class="visually-hidden">{chrome.siteName}</h1>
      {model.lead === null ? (
        <p class="empty">{t('home.empty')}</p>
      ) : (
        <section class="front" aria-label={t('home.leadStory')}>
          <div class="front-lead">
            <Card card={model.lead} variant="lead" headingLevel={2} eager />
          </div>
          <section class="front-latest" aria-labelledby="latest-heading">
            <h2 class="rule-heading" id="latest-heading">
              {t('home.latest')}
            </h2>
            <CardList cards={model.latest} variant="compact" className="latest-list" />
          </section>
        </section>
      )}
      <MostRead cards={model.mostRead} />
      {model.sections.map(({ section, cards }) => (
        <section class="section-block" aria-labelledby={`block-${section.href}`} key={section.href}>
          <h2 class="rule-heading" id={`block-${section.href}`}>
            <a href={section.href}>{section.label}</a>
          </h2>
          <CardList cards={cards} />
          <p class="more-link">
            <a href={section.href}>
              {t('home.moreIn', { section: section.label })}{' '}
              <span aria-hidden="true">{arrows(i18n.dir).forward}</span>
            </a>
          </p>
        </section>
      ))}
    </Layout>
  );
}
