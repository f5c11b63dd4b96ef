import type { ArticleInput } from '../../src/content/article.input.ts';
import type { Article } from '../../src/content/types.ts';
import type { TestApp } from './test-app.ts';

/** The input that would save `article` as it is, with `changes` on top (for updates in tests). */
export function inputOf(article: Article, changes: Partial<ArticleInput> = {}): ArticleInput {
  return {
    language: article.language,
    title: article.title,
    dek: article.dek,
    slug: article.slug,
    body: article.body,
    status: article.status,
    sectionId: article.section?.id ?? null,
    authorIds: article.authors.map((a) => a.id),
    tags: article.tags.map((t) => t.name),
    publishedAt: article.publishedAt,
    translationGroupId: article.translationGroupId,
    ...changes,
  };
}

/** Saves changes to an article through the service (as the editor would), returning the new version. */
export async function updateArticle(app: TestApp, id: number, changes: Partial<ArticleInput>) {
  const article = (await app.services.articles.getById(id))!;
  return app.services.articles.update(id, article.version, inputOf(article, changes));
}
