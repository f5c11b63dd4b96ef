import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';

const API_PREFIX = '/api/v1/';

/**
 * CORS for the content API, from `API_CORS_ORIGINS`. With `*` every answer says so, whoever asks, so a
 * cached answer is right for every origin. With a list, an allowed origin is echoed and every answer
 * says `Vary: Origin`, which also keeps our page cache from storing an answer meant for one origin.
 * Credentials are never allowed: the API reads no cookies. Preflights are answered here.
 */
export function registerApiCors(app: FastifyInstance, config: Config): void {
  const allowed = config.apiCorsOrigins;
  const allowOrigin = (origin: string | undefined): string | undefined => {
    if (allowed === '*') return '*';
    return origin !== undefined && allowed.includes(origin) ? origin : undefined;
  };

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(API_PREFIX)) return;
    if (allowed !== '*') reply.header('Vary', 'Origin');
    const origin = allowOrigin(request.headers.origin);
    if (!origin) return;
    reply.header('Access-Control-Allow-Origin', origin);
    reply.header('Access-Control-Expose-Headers', 'ETag, Last-Modified, Link');
  });

  app.options(`${API_PREFIX}*`, async (request, reply) => {
    if (allowOrigin(request.headers.origin)) {
      reply.header('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
      reply.header('Access-Control-Allow-Headers', 'Accept, If-None-Match, If-Modified-Since');
      reply.header('Access-Control-Max-Age', '86400');
    }
    return reply.header('Cache-Control', 'no-store').status(204).send();
  });
}
