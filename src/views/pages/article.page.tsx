import type { VNode } from 'preact';
import { CommentsSection, type CommentsModel } from '../components/comments.tsx';
import { Breadcrumb } from '../components/breadcrumb.tsx';
import { Byline } from '../components/byline.tsx';
import { CardList } from '../components/card.tsx';
import { MostRead } from '../components/most-read.tsx';
import { Figure } from '../components/picture.tsx';
import { Provenance } from '../components/provenance.tsx';
import { Time } from '../components/time.tsx';
import { Layout } from '../layout.tsx';
import type { BodyHtml, CardModel, ImageModel, Link, PageMeta, ProvenanceModel } from '../models.ts';
import { usePage } from '../page-context.ts';
import { TrustedHtml } from '../trusted-html.tsx';

export interface ArticlePageModel {
  meta: PageMeta;
  title: string;
  dek: string | null;
  trail: Link[];
  section: Link | null;
  authors: Link[];
  publishedAt: string | null;
  revisedAt: string | null;
  provenance: ProvenanceModel | null;
  leadImage: ImageModel | null;
  body: BodyHtml;
  /** Dated "Correction:" and "Update:" notes, oldest first. */
  corrections: ReadonlyArray<{ label: string; text: string; at: string }>;
  tags: Link[];
  translations: Array<Link & { lang: string }>;
  /** What to read next: related stories when the engine has picks, else the section's latest. */
  moreIn: { kind: 'related' | 'section'; heading: string; cards: CardModel[] } | null;
  /** The conversation under the story and its "Leave a Comment" form. */
  comments: CommentsModel;
  /** This week's most read stories of the language, this one left out. */
  mostRead: CardModel[];
  /** The script that counts this view, and where it reports it. */
  viewBeacon: { src: string; href: string } | null;
}

/** The article page: breadcrumb, headline, byline, credit, lead image, body, tags and what to read next. */
export function ArticlePage({ model }: { model: ArticlePageModel }) {
  const { i18n } = usePage();
  const { t } = i18n;
  return (
    <Layout meta={model.meta} bodyClass="page-article">
      <article class="story">
        <Breadcrumb trail={model.trail} current={model.title} />
        <header class="story-header">
          {model.section && (
            <p class="kicker">
              <a href={model.section.href}>{model.section.label}</a>
            </p>
          )}
          <h1 class="story-title">{model.title}</h1>
          {model.dek && <p class="story-dek">{model.dek}</p>}
          <div class="story-meta">
            <Byline authors={model.authors} />
            <p class="story-dates">
              {model.publishedAt && <Time iso={model.publishedAt} withTime />}
              {model.revisedAt && (
                <span class="story-updated">
                  <span aria-hidden="true"> · </span>
                  {i18n.rich<VNode>('article.updated', { date: <Time iso={model.revisedAt} withTime /> })}
                </span>
              )}
            </p>
          </div>
          {model.provenance && <Provenance provenance={model.provenance} />}
          {model.translations.length > 0 && (
            <p class="story-languages">
              {t('article.otherLanguages')}:{' '}
              {model.translations.map((tr, i) => (
                <span key={tr.href}>
                  {i > 0 && ', '}
                  <a href={tr.href} hreflang={tr.lang} lang={tr.lang}>
                    {tr.label}
                  </a>
                </span>
              ))}
            </p>
          )}
        </header>
        {model.leadImage && (
          <Figure
            image={model.leadImage}
            eager
            className="figure story-lead"
            sizes="(min-width: 960px) 880px, 100vw"
          />
        )}
        <TrustedHtml html={model.body} className="story-body" />
        {model.corrections.length > 0 && (
          <aside class="story-corrections" aria-labelledby="corrections-heading">
            <h2 id="corrections-heading" class="visually-hidden">
              {t('editor.corrections.heading')}
            </h2>
            {model.corrections.map((c, i) => (
              <p key={i} class="story-correction">
                <strong>{c.label}:</strong> {c.text} <Time iso={c.at} withTime />
              </p>
            ))}
          </aside>
        )}
        {model.tags.length > 0 && (
          <footer class="story-footer">
            <h2 class="visually-hidden">{t('article.tags')}</h2>
            <ul class="tag-list" aria-label={t('article.tags')}>
              {model.tags.map((tag) => (
                <li key={tag.href}>
                  <a href={tag.href} rel="tag">
                    {tag.label}
                  </a>
                </li>
              ))}
            </ul>
          </footer>
        )}
      </article>
      {/* What to read next comes before the conversation, as on the seed page: a story with hundreds of
          comments must not bury it. */}
      {model.moreIn && model.moreIn.cards.length > 0 && (
        <section class={`more-in more-in--${model.moreIn.kind}`} aria-labelledby="more-in-heading">
          <h2 class="rule-heading" id="more-in-heading">
            {model.moreIn.heading}
          </h2>
          <CardList cards={model.moreIn.cards} />
        </section>
      )}
      <MostRead cards={model.mostRead} />
      <CommentsSection model={model.comments} />
      {model.viewBeacon && <script src={model.viewBeacon.src} data-beacon={model.viewBeacon.href} defer />}
    </Layout>
  );
}
