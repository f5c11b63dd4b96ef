import type { ComponentChildren } from 'preact';
import { Breadcrumb } from '../components/breadcrumb.tsx';
import { Card } from '../components/card.tsx';
import { Pagination } from '../components/pagination.tsx';
import { Layout } from '../layout.tsx';
import { Picture } from '../components/picture.tsx';
import type { CardModel, ImageModel, Link, PageMeta, PaginationModel } from '../models.ts';

export interface ListingPageModel {
  meta: PageMeta;
  kind: 'section' | 'author' | 'tag';
  heading: string;
  trail: Link[];
  intro: string | null;
  cards: CardModel[];
  pagination: PaginationModel;
  emptyText: string;
  countText: string | null;
  subsections?: Link[];
  subsectionsHeading?: string;
  /** Author pages: a photo and a job title beside the heading. */
  profile?: { avatar: ImageModel | null; jobTitle: string | null; website: string | null };
  aside?: ComponentChildren;
}

/** Section, author and tag pages: a heading, what the list is about, and its stories page by page. */
export function ListingPage({ model }: { model: ListingPageModel }) {
  const [first, ...rest] = model.cards;
  return (
    <Layout meta={model.meta} bodyClass={`page-${model.kind}`}>
      <Breadcrumb trail={model.trail} current={model.heading} />
      <header class={`listing-header listing-header--${model.kind}`}>
        {model.profile?.avatar && (
          <Picture image={model.profile.avatar} eager sizes="96px" imgClass="avatar" />
        )}
        <div>
          <h1>{model.heading}</h1>
          {model.profile?.jobTitle && <p class="job-title">{model.profile.jobTitle}</p>}
          {model.intro && <p class="listing-intro">{model.intro}</p>}
          {model.profile?.website && (
            <p>
              <a href={model.profile.website} rel="me">
                {model.profile.website.replace(/^https?:\/\//, '')}
              </a>
            </p>
          )}
          {model.countText && <p class="listing-count">{model.countText}</p>}
        </div>
      </header>
      {model.subsections && model.subsections.length > 0 && (
        <nav class="subsections" aria-label={model.subsectionsHeading}>
          <h2 class="visually-hidden">{model.subsectionsHeading}</h2>
          <ul>
            {model.subsections.map((s) => (
              <li key={s.href}>
                <a href={s.href}>{s.label}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {model.cards.length === 0 ? (
        <p class="empty">{model.emptyText}</p>
      ) : (
        <ul class="listing" role="list">
          {first && model.pagination.page === 1 && (
            <li class="listing-first">
              <Card card={first} variant="lead" headingLevel={2} eager />
            </li>
          )}
          {(model.pagination.page === 1 ? rest : model.cards).map((card) => (
            <li key={card.href}>
              <Card card={card} headingLevel={2} />
            </li>
          ))}
        </ul>
      )}
      <Pagination pagination={model.pagination} />
    </Layout>
  );
}
