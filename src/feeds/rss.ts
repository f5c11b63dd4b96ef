import { type FeedChannel, GENERATOR, rfc822 } from './feed-model.ts';
import { el, textEl, xmlDocument } from './xml.ts';

/**
 * RSS 2.0 (rssboard.org), with `content:encoded` for the full text, `dc:creator` for each author,
 * `media:content` for the lead image and `atom:link rel="self"` as the RSS Advisory Board recommends.
 */
export function renderRss(feed: FeedChannel): string {
  const channel = el(
    'channel',
    {},
    el('title', {}, feed.title),
    el('link', {}, feed.homeUrl),
    el('description', {}, feed.description),
    el('language', {}, feed.language),
    el('lastBuildDate', {}, rfc822(feed.updated)),
    el('generator', {}, GENERATOR),
    el('docs', {}, 'https://www.rssboard.org/rss-specification'),
    el('atom:link', { href: feed.feedUrls.rss, rel: 'self', type: 'application/rss+xml' }),
    el('image', {}, el('url', {}, feed.logoUrl), el('title', {}, feed.title), el('link', {}, feed.homeUrl)),
    ...feed.items.map((item) =>
      el(
        'item',
        {},
        el('title', {}, item.title),
        el('link', {}, item.url),
        el('guid', { isPermaLink: 'true' }, item.url),
        el('pubDate', {}, rfc822(item.published)),
        textEl('description', item.summary),
        el('content:encoded', {}, item.contentHtml),
        ...item.authors.map((author) => el('dc:creator', {}, author.name)),
        ...item.categories.map((category) => el('category', {}, category)),
        item.image &&
          el(
            'media:content',
            {
              url: item.image.url,
              medium: 'image',
              type: item.image.type,
              width: item.image.width,
              height: item.image.height,
            },
            textEl('media:description', item.image.alt, { type: 'plain' }),
            textEl('media:credit', item.image.credit),
          ),
      ),
    ),
  );
  return xmlDocument(
    el(
      'rss',
      {
        version: '2.0',
        'xmlns:atom': 'http://www.w3.org/2005/Atom',
        'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
        'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
        'xmlns:media': 'http://search.yahoo.com/mrss/',
      },
      channel,
    ),
  );
}
