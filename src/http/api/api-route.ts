import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { MessageKey } from '../../i18n/i18n.ts';
import { BadRequestError } from '../../shared/errors.ts';
import { sendCacheable } from '../cacheable.ts';
import type { HttpDeps } from '../context.ts';

/** What a handler answers: the JSON body and what caches need to know about it. */
export interface ApiAnswer {
  body: unknown;
  /** What the answer shows (cache/surrogate-keys.ts); with them the page cache may keep it until a purge. */
  surrogateKeys?: readonly string[];
  /** A `Link` header (`<…>; rel="next"`). */
  link?: string;
}

type Shape = z.ZodRawShape;

/** The groups the OpenAPI document and the /api page list endpoints under, in this order. */
export const API_GROUPS = ['articles', 'taxonomy', 'search', 'comments'] as const;
export type ApiGroup = (typeof API_GROUPS)[number];

/**
 * A write endpoint registered by hand (the comment form's JSON twin), described here so the OpenAPI
 * document and the /api page show it beside the read-only ones.
 */
export interface ApiWriteDoc {
  path: string;
  operationId: string;
  group: ApiGroup;
  summary: MessageKey;
  description: MessageKey;
  params: Shape;
  describe: Record<string, MessageKey>;
  body: z.ZodType;
  response: z.ZodType;
  /** Refusal statuses, each answered with the Error shape. */
  refusals: readonly number[];
}

/**
 * One endpoint of the content API, declared once: its parameters as zod schemas (which validate the
 * request and become the OpenAPI document's parameters), the shape of its answer (which the OpenAPI
 * document shows and the tests check real answers against), and its handler.
 */
export interface ApiRoute<Q extends Shape = Shape, P extends Shape = Shape> {
  /** Fastify's path under `/api/v1`, e.g. `/articles/:slug`. */
  path: string;
  operationId: string;
  group: ApiGroup;
  summary: MessageKey;
  description: MessageKey;
  query: Q;
  params: P;
  /** Catalogue sentences saying what each parameter means. */
  describe: { [K in keyof Q | keyof P]: MessageKey };
  response: z.ZodType;
  /** Example requests (paths under the site, with query), shown on /api and tried by the tests. */
  examples: readonly string[];
  handle(
    input: { query: z.infer<z.ZodObject<Q>>; params: z.infer<z.ZodObject<P>> },
    request: FastifyRequest,
    deps: HttpDeps,
  ): Promise<ApiAnswer>;
}

/** Declares an endpoint; the identity function, there so TypeScript infers the handler's input. */
export function defineApiRoute<Q extends Shape, P extends Shape>(route: ApiRoute<Q, P>): ApiRoute<Q, P> {
  return route;
}

/** Browsers and CDNs keep answers a minute; our page cache keeps those with surrogate keys until a purge. */
export const API_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=60';

/**
 * Reads one group of parameters (query or path) against its schema. Unknown query parameters are
 * refused rather than ignored, so a misspelt filter (`?sectoin=world`) is not silently dropped.
 */
function readParameters<S extends Shape>(
  shape: S,
  raw: unknown,
  where: 'query' | 'path',
): z.infer<z.ZodObject<S>> {
  const given = (raw ?? {}) as Record<string, unknown>;
  const known = Object.keys(shape);
  for (const [name, value] of Object.entries(given)) {
    if (!known.includes(name)) {
      throw new BadRequestError(
        known.length
          ? `This address does not take a “${name.slice(0, 40)}” parameter; it takes ${known.join(', ')}.`
          : `This address does not take a “${name.slice(0, 40)}” parameter, or any other.`,
        { [name.slice(0, 40)]: 'Unknown parameter.' },
      );
    }
    if (Array.isArray(value))
      throw new BadRequestError(`Give the “${name}” parameter once, not ${value.length} times.`, {
        [name]: 'Given more than once.',
      });
  }
  const parsed = z.object(shape).safeParse(given);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = String(issue.path[0] ?? '');
  const what = where === 'query' ? 'parameter' : 'part of the address';
  throw new BadRequestError(`The “${name}” ${what} ${issue.message}.`, { [name]: issue.message });
}

function sendJson(request: FastifyRequest, reply: FastifyReply, answer: ApiAnswer): FastifyReply {
  if (answer.link) reply.header('Link', answer.link);
  return sendCacheable(request, reply, {
    body: JSON.stringify(answer.body),
    contentType: 'application/json; charset=utf-8',
    cacheControl: API_CACHE_CONTROL,
    surrogateKeys: answer.surrogateKeys,
  });
}

/** Registers declared endpoints on a plugin mounted at `/api/v1`. */
export function registerApiRoutes(app: FastifyInstance, deps: HttpDeps, routes: readonly ApiRoute[]): void {
  for (const route of routes) {
    app.get(route.path, async (request, reply) => {
      const query = readParameters(route.query, request.query, 'query');
      const params = readParameters(route.params, request.params, 'path');
      return sendJson(request, reply, await route.handle({ query, params }, request, deps));
    });
  }
}
