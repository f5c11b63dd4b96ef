import { Breadcrumb } from '../components/breadcrumb.tsx';
import { Layout } from '../layout.tsx';
import type { Link, PageMeta } from '../models.ts';
import { usePage } from '../page-context.ts';

export interface FeedRow {
  label: string;
  /** The page the feed follows, when it has one. */
  pageHref: string | null;
  /** Nested one level (a subsection). */
  child?: boolean;
  formats: Array<Link & { type: string }>;
}

export interface FeedsPageModel {
  meta: PageMeta;
  heading: string;
  intro: string;
  trail: Link[];
  groups: Array<{ heading: string | null; rows: FeedRow[] }>;
  otherLanguages: Array<Link & { lang: string }>;
  sitemaps: Link[];
}

/** Every feed of one language — the site's, each section's, each author's — in RSS, Atom and JSON Feed. */
export function FeedsPage({ model }: { model: FeedsPageModel }) {
  const { i18n } = usePage();
  const { t } = i18n;
  return (
    <Layout meta={model.meta} bodyClass="page-feeds">
      <Breadcrumb trail={model.trail} current={model.heading} />
      <header class="listing-header">
        <div>
          <h1>{model.heading}</h1>
          <p class="listing-intro">{model.intro}</p>
        </div>
      </header>
      {model.groups.map((group, index) => (
        <section
          class="feed-group"
          aria-labelledby={group.heading ? `feed-group-${index}` : undefined}
          key={index}
        >
          {group.heading && (
            <h2 class="rule-heading" id={`feed-group-${index}`}>
              {group.heading}
            </h2>
          )}
          <ul class="feed-directory" role="list">
            {group.rows.map((row) => (
              <li key={row.formats[0]?.href} class={row.child ? 'feed-row feed-row--child' : 'feed-row'}>
                <span class="feed-name">
                  {row.pageHref ? <a href={row.pageHref}>{row.label}</a> : row.label}
                </span>
                <ul
                  class="feed-formats"
                  role="list"
                  aria-label={t('feeds.formatsLabel', { feed: row.label })}
                >
                  {row.formats.map((format) => (
                    <li key={format.href}>
                      <a href={format.href} type={format.type}>
                        {format.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {model.otherLanguages.length > 0 && (
        <section class="feed-group" aria-labelledby="feed-languages">
          <h2 class="rule-heading" id="feed-languages">
            {t('feeds.otherLanguages')}
          </h2>
          <ul class="feed-formats feed-formats--languages" role="list">
            {model.otherLanguages.map((language) => (
              <li key={language.href}>
                <a href={language.href} hreflang={language.lang} lang={language.lang}>
                  {language.label}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section class="feed-group" aria-labelledby="feed-sitemaps">
        <h2 class="rule-heading" id="feed-sitemaps">
          {t('feeds.sitemapsHeading')}
        </h2>
        <p class="feed-note">{t('feeds.sitemaps')}</p>
        <ul class="feed-formats" role="list">
          {model.sitemaps.map((link) => (
            <li key={link.href}>
              <a href={link.href}>{link.label}</a>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
