import type { ComponentChildren } from 'preact';
import type { ChromeModel, PageMeta } from './models.ts';
import { usePage } from './page-context.ts';
import { JsonLd, Reused } from './trusted-html.tsx';
import { SearchForm } from './components/search-form.tsx';

/**
 * What the navigation shows, as part of a `Reused` id: every link's address and label, and with
 * `current` which one is this page's section.
 */
function navKey(nav: ChromeModel['nav'], current: boolean): string {
  return nav.map((n) => `${n.href}\u0001${n.label}${current && n.current ? '\u0001*' : ''}`).join('\u0000');
}

/** The document around every reader page: head metadata, masthead, navigation, footer. */
export function Layout({
  meta,
  children,
  bodyClass,
}: {
  meta: PageMeta;
  children: ComponentChildren;
  bodyClass?: string;
}) {
  const { i18n, chrome } = usePage();
  const { t } = i18n;
  const fullTitle = meta.title;
  const homeCurrent = chrome.nav.every((n) => !n.current) && bodyClass === 'page-home';
  return (
    <html lang={i18n.lang} dir={i18n.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={meta.description} />
        <link rel="canonical" href={meta.canonical} />
        {meta.noindex && <meta name="robots" content="noindex" />}
        <meta name="color-scheme" content="light dark" />
        <meta name="theme-color" content="#fbf9f4" media="(prefers-color-scheme: light)" />
        <meta name="theme-color" content="#141414" media="(prefers-color-scheme: dark)" />
        <link rel="stylesheet" href={chrome.stylesheetHref} />
        <link rel="icon" href={chrome.iconHref} type="image/svg+xml" />
        {meta.prev && <link rel="prev" href={meta.prev} />}
        {meta.next && <link rel="next" href={meta.next} />}
        {meta.alternates.map((alt) => (
          <link rel="alternate" hreflang={alt.hreflang} href={alt.href} key={alt.hreflang} />
        ))}
        {meta.feeds.map((feed) => (
          <link rel="alternate" type={feed.type} title={feed.title} href={feed.href} key={feed.href} />
        ))}
        <meta property="og:site_name" content={chrome.siteName} />
        <meta property="og:type" content={meta.type} />
        <meta property="og:title" content={meta.socialTitle ?? meta.title} />
        <meta property="og:description" content={meta.description} />
        <meta property="og:url" content={meta.canonical} />
        <meta property="og:locale" content={meta.ogLocale ?? i18n.lang} />
        {meta.ogLocaleAlternates?.map((locale) => (
          <meta property="og:locale:alternate" content={locale} key={locale} />
        ))}
        {meta.image && <meta property="og:image" content={meta.image.url} />}
        {meta.image?.url.startsWith('https://') && (
          <meta property="og:image:secure_url" content={meta.image.url} />
        )}
        {meta.image?.type && <meta property="og:image:type" content={meta.image.type} />}
        {meta.image?.width && <meta property="og:image:width" content={String(meta.image.width)} />}
        {meta.image?.height && <meta property="og:image:height" content={String(meta.image.height)} />}
        {meta.image && <meta property="og:image:alt" content={meta.image.alt} />}
        {meta.article?.publishedTime && (
          <meta property="article:published_time" content={meta.article.publishedTime} />
        )}
        {meta.article?.modifiedTime && (
          <meta property="article:modified_time" content={meta.article.modifiedTime} />
        )}
        {meta.article?.section && <meta property="article:section" content={meta.article.section} />}
        {meta.article?.authors.map((href) => (
          <meta property="article:author" content={href} key={href} />
        ))}
        {meta.article?.tags.map((tag) => (
          <meta property="article:tag" content={tag} key={tag} />
        ))}
        <meta name="twitter:card" content={meta.image ? 'summary_large_image' : 'summary'} />
        {meta.twitterSite && <meta name="twitter:site" content={meta.twitterSite} />}
        <meta name="twitter:title" content={meta.socialTitle ?? meta.title} />
        <meta name="twitter:description" content={meta.description} />
        {meta.image && <meta name="twitter:image" content={meta.image.url} />}
        {meta.image && <meta name="twitter:image:alt" content={meta.image.alt} />}
        {meta.twitterLabels?.flatMap((item, index) => [
          <meta name={`twitter:label${index + 1}`} content={item.label} key={`label${index}`} />,
          <meta name={`twitter:data${index + 1}`} content={item.data} key={`data${index}`} />,
        ])}
        {meta.jsonLd.map((data, index) => (
          <JsonLd data={data} key={index} />
        ))}
        {chrome.scriptHref && <script src={chrome.scriptHref} defer />}
      </head>
      <body class={bodyClass}>
        <a class="skip-link" href="#main">
          {t('site.skipToContent')}
        </a>
        <header class="masthead">
          <div class="masthead-bar wrap">
            <nav class="language-switch" aria-label={t('site.language')}>
              <ul>
                {chrome.languages.map((language) => (
                  <li key={language.code}>
                    <a
                      href={language.href}
                      hreflang={language.code}
                      lang={language.code}
                      aria-current={language.current ? 'true' : undefined}
                    >
                      {language.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <SearchForm />
          </div>
          <div class="brand wrap">
            <a class="brand-name" href={chrome.homeHref}>
              {chrome.siteName}
            </a>
            <p class="brand-tagline">{chrome.siteDescription}</p>
          </div>
          <Reused
            as="nav"
            className="section-nav"
            label={t('site.mainNav')}
            id={`nav:${i18n.lang}:${chrome.homeHref}:${homeCurrent}:${navKey(chrome.nav, true)}`}
            render={() => (
              <ul class="wrap">
                <li>
                  <a href={chrome.homeHref} aria-current={homeCurrent ? 'page' : undefined}>
                    {t('site.home')}
                  </a>
                </li>
                {chrome.nav.map((item) => (
                  <li key={item.href}>
                    <a href={item.href} aria-current={item.current ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          />
        </header>
        <main id="main" class="wrap" tabindex={-1}>
          {children}
        </main>
        <Reused
          as="footer"
          className="site-footer"
          id={`footer:${i18n.lang}:${chrome.siteName}:${chrome.feedHref ?? ''}:${chrome.year}:${navKey(chrome.nav, false)}`}
          render={() => (
            <div class="wrap footer-grid">
              <div>
                <p class="footer-brand">{chrome.siteName}</p>
                <p>{t('site.footerAbout', { siteName: chrome.siteName })}</p>
              </div>
              <nav aria-label={t('site.sections')}>
                <ul class="footer-links">
                  {chrome.nav.map((item) => (
                    <li key={item.href}>
                      <a href={item.href}>{item.label}</a>
                    </li>
                  ))}
                </ul>
              </nav>
              <div>
                {chrome.feedHref && (
                  <p>
                    <a href={chrome.feedHref}>{t('site.footerFeeds')}</a>
                  </p>
                )}
                <p>
                  <a href="/api">{t('site.footerApi')}</a>
                </p>
                <p class="footer-small">
                  {t('site.footerRights', { year: chrome.year, siteName: chrome.siteName })} ·{' '}
                  {t('site.poweredBy')}
                </p>
              </div>
            </div>
          )}
        />
      </body>
    </html>
  );
}
