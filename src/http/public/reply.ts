import type { FastifyReply } from 'fastify';
import type { ComponentChildren } from 'preact';
import { renderPage } from '../../views/render.tsx';
import type { PageContextValue } from '../../views/page-context.ts';

/**
 * Sends a rendered page. `surrogateKeys` name what the page shows (`article:12 section:3 home`), so a
 * cache in front — ours or a CDN's — can purge exactly the pages a change touches.
 */
export function sendPage(
  reply: FastifyReply,
  context: PageContextValue,
  page: ComponentChildren,
  options: { status?: number; surrogateKeys?: readonly string[] } = {},
): FastifyReply {
  if (options.surrogateKeys?.length)
    reply.header('Surrogate-Key', [...new Set(options.surrogateKeys)].join(' '));
  if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'public, max-age=60');
  return reply
    .status(options.status ?? 200)
    .type('text/html; charset=utf-8')
    .send(renderPage(context, page));
}
