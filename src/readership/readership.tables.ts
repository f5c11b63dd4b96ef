/** Views of a story on one UTC day (`2024-06-20`): a count and nothing about who. */
export interface ArticleViewsTable {
  article_id: number;
  day: string;
  views: number;
}
