import type { FastifyInstance } from 'fastify';
import { BadRequestError, NotFoundError } from '../../shared/errors.ts';
import { isSlug } from '../../shared/slug.ts';
import type { HttpDeps } from '../context.ts';
import { articleJson } from './article.json.ts';

export async function articleApiRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }) {
  app.get<{ Params: { slug: string }; Querystring: { lang?: string } }>(
    '/articles/:slug',
    async (request) => {
      const lang = request.query.lang ?? deps.config.defaultLanguage;
      if (!deps.config.languages.includes(lang)) {
        throw new BadRequestError(
          `The language “${String(lang).slice(0, 20)}” is not published here; use one of ${deps.config.languages.join(', ')}.`,
        );
      }
      const article = isSlug(request.params.slug)
        ? await deps.articles.getPublished(lang, request.params.slug)
        : undefined;
      if (!article) throw new NotFoundError('There is no published article with this slug.');
      return articleJson(article, deps.urls);
    },
  );
}
