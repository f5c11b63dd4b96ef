import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../shared/errors.ts';
import type { HttpDeps } from './context.ts';

interface SaveBody {
  slug?: string;
  title?: string;
  text?: string;
  tags?: string[];
  version?: number;
}

/**
 * Test-only routes (`NEWSDESK_TEST_ROUTES=1`, which config.ts allows with `NODE_ENV=test` only): article
 * saves as small JSON requests, through the article service exactly as the editor's saves go, so
 * `scripts/crash-test.mjs` and `npm run soak` can flood a real server with writes and know which were
 * acknowledged. Never registered in development or production.
 */
export async function testSupportRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }) {
  const language = deps.config.defaultLanguage;
  const paragraph = (text: string) => [{ type: 'paragraph', text }];

  app.post<{ Body: SaveBody }>('/articles', async (request) => {
    const body = request.body ?? {};
    const article = await deps.articles.create({
      language,
      slug: body.slug,
      title: String(body.title ?? ''),
      body: paragraph(String(body.text ?? 'Text.')),
      status: 'published',
      tags: body.tags ?? [],
    });
    return { id: article.id, version: article.version, slug: article.slug };
  });

  app.put<{ Params: { id: string }; Body: SaveBody }>('/articles/:id', async (request) => {
    const id = Number(request.params.id);
    const current = Number.isSafeInteger(id) ? await deps.articles.getById(id) : undefined;
    if (!current) throw new NotFoundError('There is no article with that id.');
    const body = request.body ?? {};
    const article = await deps.articles.update(id, Number(body.version), {
      language: current.language,
      title: String(body.title ?? current.title),
      dek: current.dek,
      slug: current.slug,
      body: body.text === undefined ? current.body : paragraph(String(body.text)),
      status: current.status,
      sectionId: current.section?.id ?? null,
      authorIds: current.authors.map((a) => a.id),
      tags: body.tags ?? current.tags.map((t) => t.name),
      publishedAt: current.publishedAt,
      translationGroupId: current.translationGroupId,
    });
    return { id: article.id, version: article.version, slug: article.slug };
  });
}
