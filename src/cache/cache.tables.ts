/**
 * What the page cache last knew of each published article's place in lists (JSON of `ListingFacts`),
 * so an update that leaves every list as it was purges the article's own pages and nothing else.
 */
export interface CacheArticleFactsTable {
  article_id: number;
  facts: string;
  updated_at: string;
}
