import { Breadcrumb } from '../components/breadcrumb.tsx';
import { Layout } from '../layout.tsx';
import type { Link, PageMeta } from '../models.ts';
import { usePage } from '../page-context.ts';

export interface ApiEndpointModel {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  parameters: ReadonlyArray<{
    name: string;
    in: string;
    type: string;
    required: boolean;
    description: string;
  }>;
  examples: Link[];
}

export interface ApiDocsModel {
  meta: PageMeta;
  trail: Link[];
  heading: string;
  intro: string;
  openApiHref: string;
  groups: ReadonlyArray<{ heading: string; endpoints: ApiEndpointModel[] }>;
  /** Short paragraphs on caching, pagination, errors and CORS. */
  conventions: ReadonlyArray<{ heading: string; text: string }>;
}

/** `/api`: the content API for people — every endpoint, its parameters and examples to open. */
export function ApiDocsPage({ model }: { model: ApiDocsModel }) {
  const { t } = usePage().i18n;
  return (
    <Layout meta={model.meta} bodyClass="page-api">
      <Breadcrumb trail={model.trail} current={model.heading} />
      <header class="listing-header">
        <div>
          <h1>{model.heading}</h1>
          <p class="listing-intro">{model.intro}</p>
          <p>
            <a href={model.openApiHref} type="application/json">
              {t('api.docs.openapiLink')}
            </a>
          </p>
        </div>
      </header>
      <nav class="api-toc" aria-label={t('api.docs.tocLabel')}>
        <ul role="list">
          {model.groups.flatMap((group) =>
            group.endpoints.map((endpoint) => (
              <li key={endpoint.id}>
                <a href={`#${endpoint.id}`}>
                  <code>
                    {endpoint.method} {endpoint.path}
                  </code>
                </a>
              </li>
            )),
          )}
        </ul>
      </nav>
      {model.groups.map((group) => (
        <section class="api-group" key={group.heading}>
          <h2 class="rule-heading">{group.heading}</h2>
          {group.endpoints.map((endpoint) => (
            <article class="api-endpoint" id={endpoint.id} key={endpoint.id}>
              <h3>
                <code>
                  <span class="api-method">{endpoint.method}</span> {endpoint.path}
                </code>
              </h3>
              <p class="api-summary">{endpoint.summary}</p>
              <p>{endpoint.description}</p>
              {endpoint.parameters.length > 0 && (
                <div class="api-table-wrap">
                  <table class="api-params">
                    <caption>{t('api.docs.parameters')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('api.docs.name')}</th>
                        <th scope="col">{t('api.docs.in')}</th>
                        <th scope="col">{t('api.docs.type')}</th>
                        <th scope="col">{t('api.docs.description')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {endpoint.parameters.map((p) => (
                        <tr key={`${p.in}:${p.name}`}>
                          <th scope="row">
                            <code>{p.name}</code>
                            {p.required && <span class="api-required"> {t('api.docs.required')}</span>}
                          </th>
                          <td>
                            {p.in === 'path'
                              ? t('api.docs.inPath')
                              : p.in === 'body'
                                ? t('api.docs.inBody')
                                : t('api.docs.inQuery')}
                          </td>
                          <td>
                            <code>{p.type}</code>
                          </td>
                          <td>{p.description}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {endpoint.examples.length > 0 && (
                <p class="api-examples">
                  {t('api.docs.examples')}{' '}
                  {endpoint.examples.map((example, index) => (
                    <span key={example.href}>
                      {index > 0 && ' · '}
                      <a href={example.href}>
                        <code>{example.label}</code>
                      </a>
                    </span>
                  ))}
                </p>
              )}
            </article>
          ))}
        </section>
      ))}
      <section class="api-group">
        <h2 class="rule-heading">{t('api.docs.conventions')}</h2>
        {model.conventions.map((c) => (
          <div key={c.heading}>
            <h3>{c.heading}</h3>
            <p>{c.text}</p>
          </div>
        ))}
      </section>
    </Layout>
  );
}
