import type { FastifyInstance } from 'fastify';
import { surrogateKeys } from '../../cache/surrogate-keys.ts';
import { ApiDocsPage, type ApiEndpointModel } from '../../views/pages/api-docs.page.tsx';
import { sendCacheable } from '../cacheable.ts';
import type { HttpDeps } from '../context.ts';
import { Presenter } from '../public/presenters.ts';
import { sendPage } from '../public/reply.ts';
import { API_CACHE_CONTROL, type ApiRoute, registerApiRoutes } from './api-route.ts';
import { contentApiRoutes } from './content.routes.ts';
import { buildOpenApiDocument, openApiPath, parametersOf } from './openapi.ts';
import { searchApiRoute } from './search.route.ts';

/** Every endpoint of the content API, in the order the documentation lists them. */
export function apiRoutes(deps: HttpDeps): ApiRoute[] {
  return [...contentApiRoutes(deps), searchApiRoute(deps) as unknown as ApiRoute];
}

/** `/api/v1/*`: the read-only content API, and its OpenAPI document at `/api/v1/openapi.json`. */
export async function contentApi(app: FastifyInstance, { deps }: { deps: HttpDeps }) {
  const routes = apiRoutes(deps);
  registerApiRoutes(app, deps, routes);
  const t = deps.translators.get(deps.config.defaultLanguage)!.t;
  const document = JSON.stringify(
    buildOpenApiDocument(routes, { siteName: deps.config.siteName, siteUrl: deps.config.siteUrl, t }),
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
    const groups = (['articles', 'taxonomy', 'search'] as const).map((group) => ({
      heading: t(`api.group.${group}`),
      endpoints: routes.filter((r) => r.group === group).map(endpoint),
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
