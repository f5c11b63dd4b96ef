import type { FastifyInstance } from 'fastify';
import { surrogateKeys } from '../../cache/surrogate-keys.ts';
import { ApiDocsPage, type ApiEndpointModel } from '../../views/pages/api-docs.page.tsx';
import { sendCacheable } from '../cacheable.ts';
import type { HttpDeps } from '../context.ts';
import { Presenter } from '../public/presenters.ts';
import { sendPage } from '../public/reply.ts';
import {
  API_CACHE_CONTROL,
  API_GROUPS,
  type ApiRoute,
  type ApiWriteDoc,
  registerApiRoutes,
} from './api-route.ts';
import { commentsApiRoute, postCommentDoc } from './comments.route.tsx';
import { contentApiRoutes } from './content.routes.ts';
import { buildOpenApiDocument, openApiPath, parametersOf } from './openapi.ts';
import { searchApiRoute } from './search.route.ts';

/** Every endpoint of the content API, in the order the documentation lists them. */
export function apiRoutes(deps: HttpDeps): ApiRoute[] {
  return [
    ...contentApiRoutes(deps),
    searchApiRoute(deps) as unknown as ApiRoute,
    commentsApiRoute(deps) as unknown as ApiRoute,
  ];
}

/** Write endpoints registered by hand, documented beside the declared ones. */
const apiWrites: readonly ApiWriteDoc[] = [postCommentDoc];

/** `/api/v1/*`: the content API (read-only but for comments), and its OpenAPI document at `/api/v1/openapi.json`. */
export async function contentApi(app: FastifyInstance, { deps }: { deps: HttpDeps }) {
  const routes = apiRoutes(deps);
  registerApiRoutes(app, deps, routes);
  const t = deps.translators.get(deps.config.defaultLanguage)!.t;
  const document = JSON.stringify(
    buildOpenApiDocument(routes, apiWrites, {
      siteName: deps.config.siteName,
      siteUrl: deps.config.siteUrl,
      t,
    }),
  );
  app.get('/openapi.json', async (request, reply) =>
    sendCacheable(request, reply, {
      body: document,
      contentType: 'application/json; charset=utf-8',
      cacheControl: API_CACHE_CONTROL,
    }),
  );
}

/** A parameter's type in a word or two: `en | uk`, `string`. */
function typeOf(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.enum)) return schema.enum.join(' | ');
  return typeof schema.type === 'string' ? schema.type : 'string';
}

/** `/api`: the browsable documentation, rendered from the same declarations as the OpenAPI document. */
export async function apiDocsPage(app: FastifyInstance, { deps }: { deps: HttpDeps }) {
  const routes = apiRoutes(deps);
  app.get('/api', async (_request, reply) => {
    const lang = deps.config.defaultLanguage;
    const present = new Presenter(deps, lang);
    const { t } = present.i18n;
    const endpoint = (route: ApiRoute): ApiEndpointModel => ({
      id: route.operationId,
      method: 'GET',
      path: `/api/v1${openApiPath(route.path)}`,
      summary: t(route.summary),
      description: t(route.description),
      parameters: parametersOf(route, t).map((p) => ({ ...p, type: typeOf(p.schema) })),
      examples: route.examples.map((href) => ({ href, label: decodeURIComponent(href) })),
    });
    const write = (doc: ApiWriteDoc): ApiEndpointModel => ({
      id: doc.operationId,
      method: 'POST',
      path: `/api/v1${openApiPath(doc.path)}`,
      summary: t(doc.summary),
      description: t(doc.description),
      parameters: parametersOf(doc, t, true).map((p) => ({ ...p, type: typeOf(p.schema) })),
      examples: [],
    });
    const groups = API_GROUPS.map((group) => ({
      heading: t(`api.group.${group}`),
      endpoints: [
        ...routes.filter((r) => r.group === group).map(endpoint),
        ...apiWrites.filter((w) => w.group === group).map(write),
      ],
    }));
    const heading = t('api.docs.title');
    const intro = t('api.docs.intro', { siteName: deps.config.siteName });
    const sections = await deps.taxonomy.listSections(lang);
    return sendPage(
      reply,
      present.context({ sections }),
      <ApiDocsPage
        model={{
          meta: present.meta('/api', { title: `${heading} — ${deps.config.siteName}`, description: intro }),
          trail: [{ label: t('site.home'), href: deps.urls.home(lang) }],
          heading,
          intro,
          openApiHref: '/api/v1/openapi.json',
          groups,
          conventions: [
            { heading: t('api.docs.cachingHeading'), text: t('api.docs.caching') },
            { heading: t('api.docs.paginationHeading'), text: t('api.docs.pagination') },
            { heading: t('api.docs.errorsHeading'), text: t('api.docs.errors') },
            { heading: t('api.docs.corsHeading'), text: t('api.docs.cors') },
          ],
        }}
      />,
      { surrogateKeys: [surrogateKeys.site] },
    );
  });
}
