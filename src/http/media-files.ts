import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { MediaStorage } from '../media/storage.ts';
import { NotFoundError } from '../shared/errors.ts';

const TYPES: Record<string, string> = {
  '.avif': 'image/avif',
  '.webp': 'image/webp',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
};

/**
 * `/media/<key>` when files live in an S3-compatible store: the app reads the file from the store and
 * answers with it, so pages keep the same addresses whichever store holds the files (a CDN in front
 * keeps them: they never change, a year with `immutable`). A local directory is served by
 * @fastify/static instead (server.ts).
 */
export function registerStoredMedia(app: FastifyInstance, storage: MediaStorage): void {
  app.get<{ Params: { '*': string } }>('/media/*', async (request, reply) => {
    const key = request.params['*'];
    const type = TYPES[path.extname(key).toLowerCase()];
    let data: Buffer | undefined;
    try {
      data = type ? await storage.get(key) : undefined;
    } catch (error) {
      // A key the store could never hold (`..`, capitals) is simply not there.
      if (error instanceof Error && /not a valid media key/.test(error.message)) data = undefined;
      else throw error;
    }
    if (!data) throw new NotFoundError('There is no such file.');
    return reply
      .header('Cache-Control', 'public, max-age=31536000, immutable')
      .header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
      .type(type!)
      .send(data);
  });
}
