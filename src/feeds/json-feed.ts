import { type FeedChannel, rfc3339 } from './feed-model.ts';

/** JSON Feed 1.1 (jsonfeed.org/version/1.1): `authors` arrays and `language`, as 1.1 names them. */
export function renderJsonFeed(feed: FeedChannel): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.feedUrls.json,
    description: feed.description,
    icon: feed.logoUrl,
    favicon: feed.iconUrl,
    language: feed.language,
    authors: [{ name: feed.siteName, url: feed.siteUrl }],
    items: feed.items.map((item) => ({
      id: item.url,
      url: item.url,
      title: item.title,
      content_html: item.contentHtml,
      summary: item.summary || undefined,
      image: item.image?.url,
      date_published: rfc3339(item.published),
      date_modified: rfc3339(item.modified),
      authors: item.authors.map((a) => (a.url ? { name: a.name, url: a.url } : { name: a.name })),
      tags: item.categories.length ? item.categories : undefined,
      language: item.language,
    })),
  });
}
