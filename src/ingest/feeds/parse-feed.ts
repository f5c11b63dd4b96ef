import { child, childText, children, isoDate, parseXml } from './xml.ts';

export interface FeedItem {
  /** The item's identity across polls: guid / Atom id, else its link, else title and date. */
  guid: string;
  url: string | null;
  title: string | null;
  authors: string[];
  publishedAt: string | null;
  /** Full content when the feed carries it (content:encoded, Atom content), else the summary. */
  html: string;
  isFullText: boolean;
  categories: string[];
  image: { url: string; caption: string | null; credit: string | null } | null;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf';
  title: string | null;
  siteUrl: string | null;
  language: string | null;
  items: FeedItem[];
}

/** Whether a document is an RSS, RDF or Atom feed (and not a WordPress export, which is RSS too). */
export function sniffFeed(text: string): 'rss' | 'atom' | 'rdf' | 'wxr' | null {
  const head = text.slice(0, 4000);
  if (/<rss\b/i.test(head)) return /xmlns:wp=|<wp:wxr_version>/i.test(text.slice(0, 20000)) ? 'wxr' : 'rss';
  if (
    /<feed\b[^>]*xmlns=["']http:\/\/www\.w3\.org\/2005\/Atom/i.test(head) ||
    /^\s*(<\?xml[^>]*>\s*)?<feed\b/i.test(head)
  )
    return 'atom';
  if (/<rdf:RDF\b/i.test(head)) return 'rdf';
  return null;
}

/** Parses RSS 2.0, RSS 1.0 (RDF) and Atom; null when the text is not a feed. */
export function parseFeed(text: string, feedUrl: string | null = null): ParsedFeed | null {
  const format = sniffFeed(text);
  if (!format || format === 'wxr') return null;
  const document = parseXml(text);
  const root = document?.documentElement;
  if (!root) return null;
  if (format === 'atom') return parseAtom(root, feedUrl);
  const channel = child(root, 'channel') ?? root;
  const itemParent = format === 'rdf' ? root : channel;
  const siteUrl = absolute(childText(channel, 'link'), feedUrl);
  return {
    format,
    title: childText(channel, 'title'),
    siteUrl,
    language: childText(channel, 'language', 'dc:language'),
    items: children(itemParent, 'item').map((item) => rssItem(item, siteUrl ?? feedUrl)),
  };
}

function rssItem(item: Element, base: string | null): FeedItem {
  const url = absolute(childText(item, 'link') ?? child(item, 'guid')?.textContent ?? null, base);
  const title = childText(item, 'title');
  const full = childText(item, 'content:encoded');
  const summary = childText(item, 'description') ?? '';
  const publishedAt = isoDate(childText(item, 'pubDate', 'dc:date', 'a10:updated'));
  return {
    guid: childText(item, 'guid') ?? url ?? `${title ?? ''}|${publishedAt ?? ''}`,
    url,
    title,
    authors: [...children(item, 'dc:creator'), ...children(item, 'author')]
      .map((el) => cleanAuthor(el.textContent ?? ''))
      .filter(Boolean),
    publishedAt,
    html: full ?? summary,
    isFullText: Boolean(full),
    categories: children(item, 'category')
      .map((el) => el.textContent?.trim() ?? '')
      .filter(Boolean),
    image: mediaImage(item, base),
  };
}

function parseAtom(feed: Element, feedUrl: string | null): ParsedFeed {
  const siteUrl = atomLink(feed, feedUrl);
  return {
    format: 'atom',
    title: childText(feed, 'title'),
    siteUrl,
    language: feed.getAttribute('xml:lang'),
    items: children(feed, 'entry').map((entry) => {
      const url = atomLink(entry, siteUrl ?? feedUrl);
      const content = child(entry, 'content');
      const full = content?.textContent?.trim() ?? '';
      const summary = childText(entry, 'summary') ?? '';
      const title = childText(entry, 'title');
      const publishedAt = isoDate(childText(entry, 'published', 'updated'));
      const feedAuthors = children(feed, 'author');
      return {
        guid: childText(entry, 'id') ?? url ?? `${title ?? ''}|${publishedAt ?? ''}`,
        url,
        title,
        authors: (children(entry, 'author').length ? children(entry, 'author') : feedAuthors)
          .map((a) => childText(a, 'name') ?? '')
          .filter(Boolean),
        publishedAt,
        html: full || summary,
        isFullText: full.length > 0,
        categories: children(entry, 'category')
          .map((c) => c.getAttribute('label') ?? c.getAttribute('term') ?? '')
          .filter(Boolean),
        image: mediaImage(entry, url),
      };
    }),
  };
}

function atomLink(el: Element, base: string | null): string | null {
  const links = children(el, 'link');
  const alternate = links.find((l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate') ?? links[0];
  return absolute(alternate?.getAttribute('href') ?? null, base);
}

/** An enclosure, media:content or media:thumbnail that is an image. */
function mediaImage(item: Element, base: string | null): FeedItem['image'] {
  const enclosure = children(item, 'enclosure').find((e) =>
    (e.getAttribute('type') ?? '').startsWith('image/'),
  );
  const group = child(item, 'media:group');
  const media =
    [...children(item, 'media:content'), ...children(group, 'media:content')].find(
      (m) =>
        (m.getAttribute('medium') ?? 'image') === 'image' &&
        !/^video|^audio/.test(m.getAttribute('type') ?? ''),
    ) ?? child(item, 'media:thumbnail');
  const el = enclosure ?? media;
  const url = absolute(el?.getAttribute('url') ?? null, base);
  if (!url) return null;
  return {
    url,
    caption: childText(media, 'media:description', 'media:title') ?? childText(item, 'media:description'),
    credit: childText(media, 'media:credit') ?? childText(item, 'media:credit'),
  };
}

/** RSS <author> is "email (Name)": keep the name only (an address is nobody's byline). */
function cleanAuthor(raw: string): string {
  const text = raw.trim();
  const named = /\(([^)]+)\)/.exec(text);
  if (named?.[1]) return named[1].trim();
  return text.includes('@') ? '' : text;
}

function absolute(value: string | null, base: string | null): string | null {
  if (!value?.trim()) return null;
  try {
    const url = new URL(value.trim(), base ?? undefined);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}
