import { cardKeys, surrogateKeys as sk } from '../../cache/surrogate-keys.ts';
import type { ArticleSummary } from '../../content/types.ts';
import type { HttpDeps } from '../context.ts';

/**
 * The stories "You may also like" shows under an article: its stored picks that readers can open, in
 * the order the engine chose them. The page always carries the list's surrogate key, so a list that
 * appears or changes later purges it, whether it shows the picks or the section fallback.
 */
export async function relatedStories(
  deps: HttpDeps,
  article: { id: number; language: string },
): Promise<{ stories: ArticleSummary[]; surrogateKeys: string[] }> {
  const picks = await deps.related.picksOf(article.id);
  const order = picks.map((p) => p.pickId);
  const found =
    order.length === 0
      ? []
      : await deps.articles.listPublished(
          { language: article.language, ids: order },
          { limit: order.length },
        );
  const stories = order.flatMap((id) => found.filter((s) => s.id === id));
  return {
    stories,
    surrogateKeys: [sk.relatedList(article.id), ...stories.flatMap(cardKeys)],
  };
}
