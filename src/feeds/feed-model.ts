/**
 * One feed, independent of its format: the RSS 2.0, Atom 1.0 and JSON Feed 1.1 writers each turn this
 * into their own document. Every URL here is absolute and every date is ISO-8601 UTC.
 */
export interface FeedPerson {
  name: string;
  url: string | null;
}

export interface FeedImage {
  url: string;
  /** MIME type, when the file name tells it. */
  type: string | null;
  width: number | null;
  height: number | null;
  alt: string;
  credit: string | null;
}

export interface FeedItem {
  /** The article's permanent address; also its id (guid) in every format. */
  url: string;
  title: string;
  /** Plain text: the standfirst, or the opening of the story. */
  summary: string;
  /** The full story as HTML from the block renderer, with every link made absolute. */
  contentHtml: string;
  published: string;
  modified: string;
  authors: FeedPerson[];
  /** The section, then the tags. */
  categories: string[];
  image: FeedImage | null;
  language: string;
}

export interface FeedFormats {
  rss: string;
  atom: string;
  json: string;
}

export interface FeedChannel {
  title: string;
  description: string;
  /** The HTML page this feed follows (home, section, author or tag page). */
  homeUrl: string;
  /** This feed's own address in each format. */
  feedUrls: FeedFormats;
  language: string;
  /** When the newest item changed. */
  updated: string;
  siteName: string;
  siteUrl: string;
  logoUrl: string;
  iconUrl: string;
  items: FeedItem[];
}

export const FEED_CONTENT_TYPES: FeedFormats = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** The types feed links in a page's head announce (no parameters, as feed readers match them). */
export const FEED_LINK_TYPES: FeedFormats = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
};

export const GENERATOR = 'Newsdesk';

/** RFC 822 dates as RSS 2.0 wants them: `Thu, 20 Jun 2024 09:30:00 GMT`. */
export function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}

/** RFC 3339 dates for Atom and JSON Feed: `2024-06-20T09:30:00Z` (whole seconds, UTC). */
export function rfc3339(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
  svg: 'image/svg+xml',
};

/** An image's MIME type from its file name, or null when the name does not tell. */
export function imageType(url: string): string | null {
  const extension = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase();
  return (extension && IMAGE_TYPES[extension]) ?? null;
}
