import type { ArticleSummary, LeadImage, Provenance, Section } from '../../content/types.ts';
import type { FeedFormat } from '../../content/urls.ts';
import { FEED_LINK_TYPES } from '../../feeds/feed-model.ts';
import type { PublisherIdentity } from '../../feeds/structured-data.ts';
import type { MessageKey, Translator } from '../../i18n/i18n.ts';
import type { MessageRef } from '../../shared/errors.ts';
import { siteDescriptionIn } from '../../i18n/site-text.ts';
import type {
  CardModel,
  ChromeModel,
  FeedLink,
  ImageModel,
  Link,
  PageMeta,
  ProvenanceModel,
} from '../../views/models.ts';
import type { PageContextValue } from '../../views/page-context.ts';
import type { HttpDeps } from '../context.ts';

/**
 * Turns domain objects into view-models for one language: links, formatted names, images. Templates
 * never see rows or services; everything they show passes through here.
 */
export class Presenter {
  readonly i18n: Translator;

  constructor(
    readonly deps: HttpDeps,
    readonly lang: string,
  ) {
    this.i18n = deps.translators.get(lang) ?? deps.translators.get(deps.config.defaultLanguage)!;
  }

  get urls() {
    return this.deps.urls;
  }

  sectionLink(section: Section): Link {
    return { label: section.name, href: this.urls.section(this.lang, section.slug) };
  }

  card(article: ArticleSummary): CardModel {
    return {
      href: this.urls.article(article.language, article.section?.slug, article.slug),
      title: article.title,
      dek: article.dek ?? (article.excerpt || null),
      section: article.section ? this.sectionLink(article.section) : null,
      authors: article.authors.map((a) => ({ label: a.name, href: this.urls.author(this.lang, a.slug) })),
      publishedAt: article.publishedAt,
      image: article.leadImage ? this.image(article.leadImage) : null,
      commentCount: article.commentCount,
    };
  }

  /** An image; a media-library image also gets its AVIF and WebP sources and every width (srcset). */
  image(image: LeadImage): ImageModel {
    const responsive = this.deps.media.responsive(image.url);
    return {
      src: image.url,
      alt: image.alt,
      // The library's own size wins: the article may have been given another before the image was replaced.
      width: responsive?.width ?? image.width,
      height: responsive?.height ?? image.height,
      ...(responsive ? { srcset: responsive.srcset, sources: responsive.sources } : {}),
      caption: image.caption,
      credit: image.credit,
    };
  }

  /**
   * The visible chain of credit. `originalOnSite` is the published article this one translates, when the
   * original is on this site: the credit then names its language and links to it.
   */
  provenance(
    source: Provenance | null,
    articleLanguage: string,
    originalOnSite: { language: string; href: string } | null = null,
  ): ProvenanceModel | null {
    if (!source && !originalOnSite) return null;
    const originalLanguage = source?.originalLanguage ?? originalOnSite?.language ?? null;
    const translated = originalLanguage !== null && originalLanguage !== articleLanguage;
    const model: ProvenanceModel = {
      basedOn: source?.basedOn ? { name: source.basedOn, href: source.basedOnUrl } : null,
      originalAuthor: source?.originalAuthor ?? null,
      outlet: source?.outlet ? { name: source.outlet, href: source.outletUrl } : null,
      originalHref: source?.originalUrl ?? null,
      originalTitle: source?.originalTitle ?? null,
      translatedFrom: translated ? this.i18n.languageName(originalLanguage) : null,
      translatedFromHref: translated && originalOnSite ? originalOnSite.href : null,
      translator: translated ? (source?.translator ?? null) : null,
    };
    const empty =
      !model.basedOn &&
      !model.originalAuthor &&
      !model.outlet &&
      !model.translatedFrom &&
      !model.originalHref;
    return empty ? null : model;
  }

  /** The page context: translator and chrome (navigation, languages, assets). */
  context(options: {
    sections: readonly Section[];
    currentSectionIds?: readonly number[];
    /** Where the language switcher sends readers of each other language; defaults to that language's home. */
    languageHrefs?: ReadonlyMap<string, string>;
    searchQuery?: string;
  }): PageContextValue {
    const { config, assets, clock } = this.deps;
    const current = new Set(options.currentSectionIds ?? []);
    const chrome: ChromeModel = {
      siteName: config.siteName,
      siteDescription: this.siteDescription(),
      homeHref: this.urls.home(this.lang),
      searchHref: this.urls.search(this.lang),
      searchQuery: options.searchQuery,
      nav: options.sections
        .filter((s) => s.parentId === null)
        .map((s) => ({ ...this.sectionLink(s), current: current.has(s.id) })),
      languages: config.languages.map((code) => ({
        code,
        label: this.i18n.nativeLanguageName(code),
        href: options.languageHrefs?.get(code) ?? this.urls.home(code),
        current: code === this.lang,
      })),
      stylesheetHref: assets.stylesheet,
      scriptHref: assets.script,
      iconHref: assets.icon,
      feedHref: `${this.urls.home(this.lang)}feeds`,
      year: clock.now().getUTCFullYear(),
    };
    return { i18n: this.i18n, chrome };
  }

  /**
   * `<link rel="alternate">` entries for a listing page's feed in every format (RSS, Atom, JSON Feed),
   * so feed readers find it from the page's address.
   */
  feedLinks(pagePath: string, title: string): FeedLink[] {
    const { t } = this.i18n;
    return (['rss', 'atom', 'json'] as const satisfies FeedFormat[]).map((format) => ({
      title: t('feeds.linkTitle', { feed: title, format: t(`feeds.format.${format}`) }),
      href: this.urls.absolute(this.urls.feed(pagePath, format)),
      type: FEED_LINK_TYPES[format],
    }));
  }

  /** The site feed of this language, offered on every page. */
  siteFeedLinks(): FeedLink[] {
    return this.feedLinks(
      this.urls.home(this.lang),
      this.i18n.t('feeds.siteTitle', { siteName: this.deps.config.siteName }),
    );
  }

  /**
   * Page metadata with the site's defaults filled in; `path` is the page's own site path. A page's own
   * feeds (section, author, tag) come first — readers subscribe to the first they find — then the site's.
   */
  meta(path: string, fields: Partial<PageMeta> & { title: string; description: string }): PageMeta {
    const own = fields.feeds ?? [];
    const site = this.siteFeedLinks().filter((f) => !own.some((o) => o.href === f.href));
    const otherLanguages = (fields.alternates ?? [])
      .map((a) => a.hreflang)
      .filter((code) => code !== 'x-default' && code !== this.lang);
    return {
      type: 'website',
      jsonLd: [],
      alternates: [],
      ogLocale: ogLocale(this.lang),
      ogLocaleAlternates: [...new Set(otherLanguages.map(ogLocale))],
      twitterSite: this.deps.config.twitterSite,
      ...fields,
      feeds: [...own, ...site],
      canonical: this.urls.absolute(path),
    };
  }

  /** This site as the publisher of what it shows: name, home page in this language, logo. */
  publisher(): PublisherIdentity {
    const { config, assets } = this.deps;
    return {
      name: config.siteName,
      url: this.urls.absolute(this.urls.home(this.lang)),
      logo: {
        url: this.urls.absolute(assets.logo),
        width: assets.logoSize?.width ?? null,
        height: assets.logoSize?.height ?? null,
      },
    };
  }

  /** hreflang alternates for a page that exists in every language (home, the feeds page). */
  everyLanguage(pathFor: (lang: string) => string): Array<{ hreflang: string; href: string }> {
    return this.someLanguages(this.deps.config.languages, pathFor);
  }

  /**
   * hreflang alternates for a page that exists in the given languages: each of them, and x-default on
   * the default language's version (or the first there is). Every version computes the same set, so
   * the links are symmetric; a page in one language alone, or not among them, gets none.
   */
  someLanguages(
    languages: readonly string[],
    pathFor: (lang: string) => string,
  ): Array<{ hreflang: string; href: string }> {
    const { config } = this.deps;
    if (languages.length < 2 || !languages.includes(this.lang)) return [];
    const fallback = languages.includes(config.defaultLanguage) ? config.defaultLanguage : languages[0]!;
    return [
      ...languages.map((code) => ({ hreflang: code, href: this.urls.absolute(pathFor(code)) })),
      { hreflang: 'x-default', href: this.urls.absolute(pathFor(fallback)) },
    ];
  }

  /**
   * An error's sentence in this language: its catalogue message, else its fields' messages joined,
   * else (an error no catalogue knows) the sentence as written.
   */
  errorMessage(error: ErrorTexts): string {
    const { t } = this.i18n;
    if (error.text) return t(error.text.key as MessageKey, error.text.values);
    const fields = Object.values(error.fieldTexts ?? {});
    if (fields.length) return fields.map((f) => t(f.key as MessageKey, f.values)).join(' ');
    return error.message;
  }

  /** An error's field reasons in this language, by field (as written where no catalogue message is named). */
  fieldMessages(error: ErrorTexts & { fields?: Readonly<Record<string, string>> }): Record<string, string> {
    const { t } = this.i18n;
    const result: Record<string, string> = { ...error.fields };
    for (const [field, ref] of Object.entries(error.fieldTexts ?? {}))
      result[field] = t(ref.key as MessageKey, ref.values);
    return result;
  }

  /** The site's tagline in this language: SITE_DESCRIPTION(_<LANG>) when set, else the catalogue's. */
  siteDescription(): string {
    return siteDescriptionIn(this.deps.config, this.i18n);
  }
}

/** What an error says, in English and as catalogue messages (see AppError.say). */
export interface ErrorTexts {
  message: string;
  text?: MessageRef;
  fieldTexts?: Readonly<Record<string, MessageRef>>;
}

/** OpenGraph wants `language_TERRITORY` (`en_US`, `uk_UA`): the most likely territory for a bare code. */
export function ogLocale(lang: string): string {
  let locale = ogLocales.get(lang);
  if (locale === undefined) {
    locale = ogLocaleOf(lang);
    // Only the site's languages come here; the bound keeps a stray code from growing the map.
    if (ogLocales.size < 100) ogLocales.set(lang, locale);
  }
  return locale;
}

const ogLocales = new Map<string, string>();

function ogLocaleOf(lang: string): string {
  try {
    const locale = new Intl.Locale(lang).maximize();
    return locale.region ? `${locale.language}_${locale.region}` : locale.language;
  } catch {
    return lang;
  }
}
