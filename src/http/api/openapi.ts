import { z } from 'zod';
import type { Translator } from '../../i18n/i18n.ts';
import type { ApiRoute } from './api-route.ts';
import { errorSchema } from './api-schemas.ts';

/** One parameter of an endpoint, as the OpenAPI document and the /api page describe it. */
export interface ApiParameterDoc {
  name: string;
  in: 'query' | 'path';
  required: boolean;
  description: string;
  schema: Record<string, unknown>;
}

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
}

/** The parameters of a route, from its zod shapes and catalogue descriptions. */
export function parametersOf(route: ApiRoute, t: Translator['t']): ApiParameterDoc[] {
  const describe = route.describe as Record<string, Parameters<Translator['t']>[0]>;
  const read = (shape: z.ZodRawShape, where: 'query' | 'path') =>
    Object.entries(shape).map(([name, field]) => {
      const optional = field instanceof z.ZodOptional;
      return {
        name,
        in: where,
        required: !optional,
        description: t(describe[name]!),
        schema: jsonSchema(optional ? (field as z.ZodOptional<z.ZodType>).unwrap() : (field as z.ZodType)),
      };
    });
  return [...read(route.params, 'path'), ...read(route.query, 'query')];
}

/** `/articles/:slug` → `/articles/{slug}`. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

/**
 * The OpenAPI 3.1 document of the content API, generated from the same route declarations that
 * validate requests, so it cannot drift from what the server does. Schemas are JSON Schema 2020-12,
 * which OpenAPI 3.1 uses as is.
 */
export function buildOpenApiDocument(
  routes: readonly ApiRoute[],
  options: { siteName: string; siteUrl: string; t: Translator['t'] },
) {
  const { t } = options;
  const errorResponse = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  });
  const paths: Record<string, unknown> = {};
  for (const route of routes) {
    paths[openApiPath(route.path)] = {
      get: {
        operationId: route.operationId,
        tags: [route.group],
        summary: t(route.summary),
        description: t(route.description),
        parameters: parametersOf(route, t),
        responses: {
          '200': {
            description: t('api.openapi.ok'),
            headers: {
              ETag: { description: t('api.openapi.etag'), schema: { type: 'string' } },
              ...(route.operationId === 'listArticles'
                ? { Link: { description: t('api.openapi.link'), schema: { type: 'string' } } }
                : {}),
            },
            content: { 'application/json': { schema: jsonSchema(route.response) } },
          },
          '304': { description: t('api.openapi.notModified') },
          '400': errorResponse(t('api.openapi.badRequest')),
          ...(route.path.includes(':') ? { '404': errorResponse(t('api.openapi.notFound')) } : {}),
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: t('api.openapi.title', { siteName: options.siteName }),
      version: '1',
      description: t('api.openapi.description'),
    },
    servers: [{ url: `${options.siteUrl}/api/v1` }],
    tags: [
      { name: 'articles', description: t('api.group.articles') },
      { name: 'taxonomy', description: t('api.group.taxonomy') },
      { name: 'search', description: t('api.group.search') },
    ],
    paths,
    components: { schemas: { Error: jsonSchema(errorSchema) } },
  };
}
