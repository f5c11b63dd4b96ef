import type { CardModel } from '../models.ts';
import { usePage } from '../page-context.ts';
import { AuthorLinks } from './byline.tsx';
import { Picture } from './picture.tsx';
import { Time } from './time.tsx';

type Variant = 'lead' | 'standard' | 'compact';

/** A story card: headline, standfirst, image, byline and time — one shape for every list on the site. */
export function Card({
  card,
  variant = 'standard',
  headingLevel = 3,
  eager = false,
}: {
  card: CardModel;
  variant?: Variant;
  headingLevel?: 2 | 3;
  eager?: boolean;
}) {
  const { i18n } = usePage();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const showImage = card.image && variant !== 'compact';
  return (
    <article class={`card card--${variant}${showImage ? ' card--with-image' : ''}`}>
      {showImage && card.image && (
        <a class="card-media" href={card.href} tabindex={-1} aria-hidden="true">
          <Picture
            image={card.image}
            eager={eager}
            sizes={variant === 'lead' ? '(min-width: 960px) 760px, 100vw' : '(min-width: 960px) 300px, 100vw'}
          />
        </a>
      )}
      <div class="card-body">
        {card.section && variant !== 'compact' && (
          <p class="kicker">
            <a href={card.section.href}>{card.section.label}</a>
          </p>
        )}
        <Heading class="card-title">
          <a href={card.href}>{card.title}</a>
        </Heading>
        {card.dek && variant !== 'compact' && <p class="card-dek">{card.dek}</p>}
        <p class="card-meta">
          {card.authors.length > 0 && (
            <span class="card-byline">
              {i18n.t('article.by')} <AuthorLinks authors={card.authors} />
            </span>
          )}
          {card.authors.length > 0 && card.publishedAt && <span aria-hidden="true"> · </span>}
          {card.publishedAt && <Time iso={card.publishedAt} />}
          {card.commentCount !== undefined && card.commentCount > 0 && (
            <>
              <span aria-hidden="true"> · </span>
              <a class="card-comments" href={`${card.href}#comments`}>
                {i18n.t('card.comments', { count: card.commentCount })}
              </a>
            </>
          )}
        </p>
      </div>
    </article>
  );
}

export function CardList({
  cards,
  variant = 'standard',
  className = 'card-grid',
}: {
  cards: readonly CardModel[];
  variant?: Variant;
  className?: string;
}) {
  return (
    <ul class={className} role="list">
      {cards.map((card) => (
        <li key={card.href}>
          <Card card={card} variant={variant} />
        </li>
      ))}
    </ul>
  );
}
