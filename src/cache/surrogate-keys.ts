/**
 * The names of what a page shows, sent as `Surrogate-Key` (space-separated) and purged by the page
 * cache and any CDN in front. Two families, so a purge touches exactly the pages a change affects:
 *
 * - **Things shown** — the page shows this thing's own data (a title, a name, a byline, a link):
 *   `article:<id>` (its page, or a card of it anywhere), `section:<id>`, `author:<id>`, `tag:<id>`,
 *   `comments:<articleId>` (its comments or comment count), and `site` (the chrome on every page:
 *   the navigation lists the top-level sections).
 * - **Lists shown** — the page shows the latest stories of something, so it changes when a story
 *   joins, leaves or moves in that list: `home:<lang>` (home page, the main feed, sitemaps, search:
 *   anything listing all of a language's stories), `list:section:<id>` (that section and its
 *   subsections), `list:author:<id>`, `list:tag:<id>`, `list:related:<articleId>` (the related
 *   stories under an article).
 *
 * Fixing a typo in a story purges `article:<id>` only: every page that shows the story carries it.
 * Publishing, unpublishing, moving or re-dating one also purges the lists it leaves and joins.
 */
export const surrogateKeys = {
  site: 'site',
  article: (id: number) => `article:${id}`,
  section: (id: number) => `section:${id}`,
  author: (id: number) => `author:${id}`,
  tag: (id: number) => `tag:${id}`,
  comments: (articleId: number) => `comments:${articleId}`,
  home: (lang: string) => `home:${lang}`,
  sectionList: (id: number) => `list:section:${id}`,
  authorList: (id: number) => `list:author:${id}`,
  tagList: (id: number) => `list:tag:${id}`,
  /** The related stories ("You may also like") shown under an article. */
  relatedList: (articleId: number) => `list:related:${articleId}`,
  /** The "Most read" list of a language (home page, beside articles): purged when its ranking changes. */
  mostRead: (lang: string) => `list:most-read:${lang}`,
};

/**
 * What a story card shows: the story itself, its section (the kicker), its authors (the byline) and
 * its comment count.
 */
export function cardKeys(card: {
  id: number;
  section: { id: number } | null;
  authors: ReadonlyArray<{ id: number }>;
}): string[] {
  return [
    surrogateKeys.article(card.id),
    surrogateKeys.comments(card.id),
    ...(card.section ? [surrogateKeys.section(card.section.id)] : []),
    ...card.authors.map((a) => surrogateKeys.author(a.id)),
  ];
}

/** A header value: unique keys, in order, space-separated. */
export function surrogateKeyHeader(keys: Iterable<string>): string {
  return [...new Set(keys)].join(' ');
}
