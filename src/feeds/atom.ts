import { type FeedChannel, GENERATOR, rfc3339 } from './feed-model.ts';
import { el, textEl, xmlDocument } from './xml.ts';

/**
 * Atom 1.0 (RFC 4287). The feed names the site as its author, so every entry has one even when a
 * story has no byline; entries carry the full text as escaped HTML.
 */
export function renderAtom(feed: FeedChannel): string {
  return xmlDocument(
    el(
      'feed',
      { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': feed.language },
      el('id', {}, feed.feedUrls.atom),
      el('title', {}, feed.title),
      textEl('subtitle', feed.description),
      el('updated', {}, rfc3339(feed.updated)),
      el('link', { rel: 'self', type: 'application/atom+xml', href: feed.feedUrls.atom }),
      el('link', { rel: 'alternate', type: 'text/html', href: feed.homeUrl }),
      el('author', {}, el('name', {}, feed.siteName), el('uri', {}, feed.siteUrl)),
      el('generator', {}, GENERATOR),
      el('icon', {}, feed.iconUrl),
      el('logo', {}, feed.logoUrl),
      ...feed.items.map((item) =>
        el(
          'entry',
          { 'xml:lang': item.language },
          el('id', {}, item.url),
          el('title', {}, item.title),
          el('link', { rel: 'alternate', type: 'text/html', href: item.url }),
          el('published', {}, rfc3339(item.published)),
          el('updated', {}, rfc3339(item.modified)),
          ...item.authors.map((author) =>
            el('author', {}, el('name', {}, author.name), textEl('uri', author.url)),
          ),
          ...item.categories.map((category) => el('category', { term: category })),
          textEl('summary', item.summary),
          el('content', { type: 'html' }, item.contentHtml),
          item.image &&
            el('link', {
              rel: 'enclosure',
              href: item.image.url,
              type: item.image.type,
            }),
        ),
      ),
    ),
  );
}
