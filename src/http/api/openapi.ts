import { z } from 'zod';
import type { Translator } from '../../i18n/i18n.ts';
import { API_GROUPS, type ApiRoute, type ApiWriteDoc } from './api-route.ts';
import { errorSchema } from './api-schemas.ts';

/** One parameter of an endpoint, as the OpenAPI document and the /api page describe it. */
export interface ApiParameterDoc {
  name: string;
  /** `body`: a field of the JSON body (the /api page lists them; OpenAPI puts them in requestBody). */
  in: 'query' | 'path' | 'body';
  required: boolean;
  description: string;
  schema: Record<string, unknown>;
}

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
}

/** The parameters of a route, from its zod shapes and catalogue descriptions. */
export function parametersOf(
  route: Pick<ApiRoute, 'describe' | 'params'> & { query?: z.ZodRawShape; body?: z.ZodType },
  t: Translator['t'],
  withBody = false,
): ApiParameterDoc[] {
  const describe = route.describe as Record<string, Parameters<Translator['t']>[0]>;
  const read = (shape: z.ZodRawShape, where: ApiParameterDoc['in']) =>
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
  const body = withBody && route.body instanceof z.ZodObject ? (route.body.shape as z.ZodRawShape) : {};
  return [...read(route.params, 'path'), ...read(route.query ?? {}, 'query'), ...read(body, 'body')];
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
  writes: readonly ApiWriteDoc[],
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
  const refusalText: Record<number, string> = {
    400: t('api.openapi.badRequest'),
    403: t('api.openapi.forbidden'),
    404: t('api.openapi.notFound'),
    429: t('api.openapi.tooMany'),
  };
  for (const write of writes) {
    const path = openApiPath(write.path);
    paths[path] = {
      ...(paths[path] as object | undefined),
      post: {
        operationId: write.operationId,
        tags: [write.group],
        summary: t(write.summary),
        description: t(write.description),
        parameters: parametersOf(write, t),
        requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(write.body) } } },
        responses: {
          '201': {
            description: t('api.openapi.created'),
            content: { 'application/json': { schema: jsonSchema(write.response) } },
          },
          ...Object.fromEntries(
            write.refusals.map((status) => [String(status), errorResponse(refusalText[status] ?? '')]),
          ),
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
    tags: API_GROUPS.map((name) => ({ name, description: t(`api.group.${name}`) })),
    paths,
    components: { schemas: { Error: jsonSchema(errorSchema) } },
  };
}
