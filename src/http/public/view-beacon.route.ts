import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from '../context.ts';

/** Where an article page's beacon reports a view (a path no section slug can take: slugs have no `_`). */
export const viewBeaconPath = (articleId: number) => `/_view/${articleId}`;

/**
 * `POST /_view/<articleId>`: the article page's beacon. Pages come from the page cache, so a view is
 * counted here rather than while rendering; the counter only hashes and adds in memory (see
 * readership/view-counter.ts), so this answers at once. Always 204 and never a cookie: a refused or
 * repeated view looks the same as a counted one.
 */
export async function viewBeaconRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }) {
  const siteOrigin = new URL(deps.config.siteUrl).origin;
  app.post<{ Params: { id: string } }>('/_view/:id', async (request, reply) => {
    const { origin } = request.headers;
    const purpose = String(request.headers['sec-purpose'] ?? request.headers.purpose ?? '');
    if (
      /^\d{1,10}$/.test(request.params.id) &&
      (origin === undefined || origin === siteOrigin) &&
      !purpose.includes('prefetch')
    ) {
      deps.viewCounter.record(Number(request.params.id), {
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
    }
    return reply.header('Cache-Control', 'no-store').status(204).send();
  });
}
