import type { SafeHtml } from '../richtext/index.ts';

/** View-models: what templates receive. Built by the HTTP layer's presenters; never database rows. */
export interface Link {
  label: string;
  href: string;
}

export interface ImageModel {
  src: string;
  alt: string;
  width: number | null;
  height: number | null;
  srcset?: string;
  sizes?: string;
  sources?: ReadonlyArray<{ type: string; srcset: string; sizes?: string }>;
  caption?: string | null;
  credit?: string | null;
}

export interface CardModel {
  href: string;
  title: string;
  dek: string | null;
  section: Link | null;
  authors: Link[];
  publishedAt: string | null;
  image: ImageModel | null;
  commentCount?: number;
}

export interface ProvenanceModel {
  basedOn: { name: string; href: string | null } | null;
  originalAuthor: string | null;
  outlet: { name: string; href: string | null } | null;
  originalHref: string | null;
  originalTitle: string | null;
  translatedFrom: string | null;
  /** The original on this site, when this article translates one of ours. */
  translatedFromHref: string | null;
  translator: string | null;
}

/** A feed offered in a page's head: `<link rel="alternate" type="application/rss+xml" …>`. */
export interface FeedLink {
  title: string;
  href: string;
  type: string;
}

export interface PageMeta {
  title: string;
  /** What social cards show as the title (an article's headline without the site's name). */
  socialTitle?: string;
  description: string;
  canonical: string;
  type: 'website' | 'article' | 'profile';
  image?:
    | { url: string; width: number | null; height: number | null; alt: string; type?: string | null }
    | undefined;
  /** OpenGraph locale (`en_US`) and the locales of the page's other-language versions. */
  ogLocale?: string;
  ogLocaleAlternates?: readonly string[];
  /** The site's X/Twitter handle, when configured. */
  twitterSite?: string;
  /** Twitter card labels ("Written by", "Reading time") that apps show under a shared link. */
  twitterLabels?: ReadonlyArray<{ label: string; data: string }>;
  jsonLd: unknown[];
  /** hreflang alternates, including x-default. */
  alternates: ReadonlyArray<{ hreflang: string; href: string }>;
  feeds: readonly FeedLink[];
  article?: {
    publishedTime: string | null;
    modifiedTime: string | null;
    section: string | null;
    authors: string[];
    tags: string[];
  };
  noindex?: boolean;
  prev?: string | undefined;
  next?: string | undefined;
}

export interface PaginationModel {
  page: number;
  pages: number;
  prevHref: string | null;
  nextHref: string | null;
}

/** Everything the site chrome (header, footer) shows on every page. */
export interface ChromeModel {
  siteName: string;
  siteDescription: string;
  homeHref: string;
  searchHref: string;
  searchQuery?: string;
  nav: ReadonlyArray<Link & { current: boolean }>;
  languages: ReadonlyArray<{ code: string; label: string; href: string; current: boolean }>;
  stylesheetHref: string;
  scriptHref?: string;
  iconHref: string;
  /** The page listing the site's feeds. */
  feedHref?: string;
  year: number;
}

export type BodyHtml = SafeHtml;

/** Text with some stretches marked as matching a search (rendered as `<mark>`). */
export type HighlightedText = ReadonlyArray<{ text: string; match: boolean }>;
