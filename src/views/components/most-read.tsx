import type { CardModel } from '../models.ts';
import { usePage } from '../page-context.ts';
import { Card } from './card.tsx';

/** "Most read": this week's most viewed stories of the language, numbered, as compact cards. */
export function MostRead({ cards, id = 'most-read' }: { cards: readonly CardModel[]; id?: string }) {
  const { t } = usePage().i18n;
  if (cards.length === 0) return null;
  return (
    <section class="most-read" aria-labelledby={`${id}-heading`}>
      <h2 class="rule-heading" id={`${id}-heading`}>
        {t('readership.mostRead')}
      </h2>
      <ol class="most-read-list">
        {cards.map((card) => (
          <li key={card.href}>
            <Card card={card} variant="compact" />
          </li>
        ))}
      </ol>
    </section>
  );
}
