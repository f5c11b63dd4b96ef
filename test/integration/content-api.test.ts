import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiRoutes } from '../../src/http/api/index.tsx';
import type { HttpDeps } from '../../src/http/context.ts';
import { updateArticle } from '../helpers/articles.ts';
import { parsePage, text } from '../helpers/html.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

interface Listed {
  id: number;
  slug: string;
  publishedAt: string;
  section: { slug: string } | null;
  authors: Array<{ slug: string }>;
}
interface ListAnswer {
  data: Listed[];
  next: string | null;
  nextCursor: string | null;
}

const LAB_STORIES = 25;

describe('content API: /api/v1 articles, sections, authors, tags', () => {
  let app: TestApp;
  const get = (url: string, headers: Record<string, string> = {}) => app.http.inject({ url, headers });
  const json = async <T = ListAnswer>(url: string) => {
    const res = await get(url);
    assert.equal(res.statusCode, 200, `${url} → ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res.json() as T;
  };
  /** Follows `next` links from `url` to the last page; returns every story seen. */
  const all = async (url: string) => {
    const seen: Listed[] = [];
    let next: string | null = url;
    while (next) {
      const page: ListAnswer = await json(next.replace('http://newsdesk.test', ''));
      seen.push(...page.data);
      next = page.next;
    }
    return seen;
  };

  before(async () => {
    app = await createTestApp({ demo: 12 });
    const { taxonomy, articles } = app.services;
    const lab = await taxonomy.createSection({ name: 'Lab', slug: 'lab' });
    const bench = await taxonomy.createSection({ name: 'Bench', slug: 'bench', parentId: lab.id });
    const tester = await taxonomy.createAuthor({ name: 'Tess Tester', slug: 'tester' });
    for (let i = 0; i < LAB_STORIES; i++) {
      // Days 1–25 of January 2030; stories 10–12 share one instant, so the id must break the tie.
      const day = i >= 10 && i <= 12 ? 10 : i;
      await articles.create({
        language: 'en',
        slug: `lab-story-${i}`,
        title: `Lab story ${i}`,
        status: 'published',
        sectionId: i % 2 ? bench.id : lab.id,
        authorIds: i % 3 === 0 ? [tester.id] : [],
        tags: i % 5 === 0 ? ['Probe'] : [],
        publishedAt: new Date(Date.UTC(2030, 0, 1 + day, 12)).toISOString(),
        body: [{ type: 'paragraph', text: `Story number ${i}.` }],
      });
    }
  });
  after(() => app.close());

  it('lists published stories newest first, and pages by cursor to the end without repeats', async () => {
    const first = await json('/api/v1/articles?limit=7');
    assert.equal(first.data.length, 7);
    assert.ok(first.nextCursor);
    assert.match(first.next!, /^http:\/\/newsdesk\.test\/api\/v1\/articles\?limit=7&cursor=/);
    const res = await get('/api/v1/articles?limit=7');
    assert.equal(res.headers.link, `<${first.next}>; rel="next"`);
    const stories = await all('/api/v1/articles?limit=7');
    const total = await app.services.articles.countPublished({ language: 'en' });
    assert.equal(stories.length, total);
    assert.equal(new Set(stories.map((s) => s.id)).size, total, 'no story twice');
    for (let i = 1; i < stories.length; i++) {
      const [a, b] = [stories[i - 1]!, stories[i]!];
      assert.ok(
        a.publishedAt > b.publishedAt || (a.publishedAt === b.publishedAt && a.id > b.id),
        `order at ${i}: ${a.publishedAt}/${a.id} then ${b.publishedAt}/${b.id}`,
      );
    }
    const last = await json(
      stories.length % 7 === 0 ? '/api/v1/articles?limit=7' : '/api/v1/articles?limit=100',
    );
    assert.equal(last.next, null);
    assert.equal(last.nextCursor, null);
  });

  it('a story published while paging does not shift the next page (keyset, not offset)', async () => {
    const first = await json('/api/v1/articles?section=lab&limit=5');
    const newest = await app.services.articles.create({
      language: 'en',
      slug: 'lab-late-breaking',
      title: 'Late-breaking lab story',
      status: 'published',
      sectionId: (await app.services.taxonomy.findSectionBySlug('lab'))!.id,
      authorIds: [],
      tags: [],
      publishedAt: '2031-01-01T00:00:00.000Z',
      body: [{ type: 'paragraph', text: 'New.' }],
    });
    const second = await json(`/api/v1/articles?section=lab&limit=5&cursor=${first.nextCursor}`);
    const firstIds = first.data.map((s) => s.id);
    assert.ok(second.data.every((s) => !firstIds.includes(s.id)));
    assert.ok(second.data[0]!.publishedAt <= first.data.at(-1)!.publishedAt);
    await updateArticle(app, newest.id, { status: 'unpublished' });
  });

  it('filters by section (with its subsections), author, tag, language and dates', async () => {
    const lab = await all('/api/v1/articles?section=lab&to=2030-12-31&limit=100');
    assert.equal(lab.length, LAB_STORIES);
    const bench = await all('/api/v1/articles?section=bench');
    assert.equal(bench.length, 12);
    assert.ok(bench.every((s) => s.section?.slug === 'bench'));
    const byTester = await all('/api/v1/articles?author=tester');
    assert.equal(byTester.length, 9);
    assert.ok(byTester.every((s) => s.authors.some((a) => a.slug === 'tester')));
    const probe = await all('/api/v1/articles?tag=probe');
    assert.deepEqual(
      probe.map((s) => s.slug),
      ['lab-story-20', 'lab-story-15', 'lab-story-10', 'lab-story-5', 'lab-story-0'],
    );
    const days = await all('/api/v1/articles?section=lab&from=2030-01-05&to=2030-01-08');
    assert.deepEqual(
      days.map((s) => s.slug),
      ['lab-story-7', 'lab-story-6', 'lab-story-5', 'lab-story-4'],
    );
    const instants = await all('/api/v1/articles?from=2030-01-05T12:00:00Z&to=2030-01-06T11:59:59Z');
    assert.deepEqual(
      instants.map((s) => s.slug),
      ['lab-story-4'],
    );
    const combined = await all('/api/v1/articles?section=bench&author=tester&tag=probe');
    assert.deepEqual(
      combined.map((s) => s.slug),
      ['lab-story-15'],
    );
    const uk = await json('/api/v1/articles?lang=uk&limit=100');
    assert.ok(uk.data.length > 0);
    assert.ok(uk.data.every((s) => (s as unknown as { language: string }).language === 'uk'));
  });

  it('answers bad requests with 400 and a sentence naming the parameter', async () => {
    const cases: Array<[string, RegExp]> = [
      ['/api/v1/articles?limit=0', /“limit” parameter must be a whole number from 1 to 100/],
      ['/api/v1/articles?limit=abc', /“limit” parameter must be a whole number from 1 to 100/],
      ['/api/v1/articles?limit=101', /from 1 to 100/],
      ['/api/v1/articles?from=2024-02-30', /“from” parameter must be a date such as 2024-06-20/],
      ['/api/v1/articles?to=yesterday', /“to” parameter must be a date/],
      ['/api/v1/articles?from=2030-02-01&to=2030-01-01', /“from” date must come before the “to” date/],
      ['/api/v1/articles?sectoin=world', /does not take a “sectoin” parameter; it takes lang, section/],
      [
        '/api/v1/articles?section=nowhere',
        /no section “nowhere” in the language “en”; GET \/api\/v1\/sections/,
      ],
      ['/api/v1/articles?author=nobody', /no author “nobody”/],
      ['/api/v1/articles?tag=Not%20A%20Slug', /“tag” parameter must be a slug/],
      ['/api/v1/articles?lang=xx', /“lang” parameter names a language not published here; use one of en, uk/],
      ['/api/v1/articles?cursor=abc', /not a cursor this API gave out/],
      ['/api/v1/articles?cursor=%24%24', /not a cursor this API gave out/],
      ['/api/v1/articles?limit=5&limit=6', /Give the “limit” parameter once/],
      ['/api/v1/sections?page=2', /does not take a “page” parameter; it takes lang/],
    ];
    for (const [url, message] of cases) {
      const res = await get(url);
      assert.equal(res.statusCode, 400, `${url} → ${res.statusCode}`);
      assert.match(res.headers['content-type'] as string, /^application\/json/);
      const body = res.json();
      assert.equal(body.error.code, 'bad_request');
      assert.match(body.error.message, message, url);
      assert.match(body.error.message, /\.$/, 'a whole sentence');
    }
  });

  it('answers unknown things with 404 JSON', async () => {
    for (const [url, message] of [
      ['/api/v1/sections/nowhere', /There is no section “nowhere”/],
      ['/api/v1/authors/nobody', /There is no author “nobody”/],
      ['/api/v1/tags/nothing', /There is no tag “nothing”/],
      ['/api/v1/articles/no-such-story', /There is no published article with this slug/],
      ['/api/v1/nothing-here', /There is nothing at this address/],
    ] as const) {
      const res = await get(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(res.json().error.message, message);
    }
  });

  it('sections, authors and tags: lists and single items', async () => {
    const sections = (await json<{ data: Array<Record<string, unknown>> }>('/api/v1/sections')).data;
    const bench = sections.find((s) => s.slug === 'bench')!;
    assert.equal(bench.parent, 'lab');
    assert.equal(bench.url, 'http://newsdesk.test/bench');
    assert.deepEqual(bench.feeds, {
      rss: 'http://newsdesk.test/bench/feed.xml',
      atom: 'http://newsdesk.test/bench/feed.atom',
      json: 'http://newsdesk.test/bench/feed.json',
    });
    assert.equal(bench.articles, 'http://newsdesk.test/api/v1/articles?lang=en&section=bench');
    const uk = (await json<{ data: Array<{ slug: string; name: string }> }>('/api/v1/sections?lang=uk')).data;
    assert.equal(uk.find((s) => s.slug === 'world')?.name, 'Світ');
    assert.deepEqual(await json('/api/v1/sections/bench'), bench);

    const authors = (await json<{ data: Array<{ slug: string }> }>('/api/v1/authors')).data;
    assert.ok(authors.some((a) => a.slug === 'tester'));
    const tester = await json<{ name: string; url: string }>('/api/v1/authors/tester');
    assert.equal(tester.name, 'Tess Tester');
    assert.equal(tester.url, 'http://newsdesk.test/author/tester');

    const tags = (await json<{ data: Array<{ slug: string }> }>('/api/v1/tags')).data;
    assert.ok(tags.some((t) => t.slug === 'probe'));
    const probe = await json<{ name: string; articles: string }>('/api/v1/tags/probe');
    assert.equal(probe.name, 'Probe');
    assert.equal((await all(probe.articles)).length, 5);
  });

  it('every GET has an ETag and answers If-None-Match with 304', async () => {
    const urls = [
      '/api/v1/articles?limit=3',
      '/api/v1/articles/lab-story-3',
      '/api/v1/sections',
      '/api/v1/sections/lab',
      '/api/v1/authors',
      '/api/v1/authors/tester',
      '/api/v1/tags',
      '/api/v1/tags/probe',
      '/api/v1/search?q=lab',
      '/api/v1/openapi.json',
    ];
    for (const url of urls) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      const etag = res.headers.etag as string;
      assert.match(etag, /^"[\w-]+"$/, url);
      const again = await get(url, { 'if-none-match': etag });
      assert.equal(again.statusCode, 304, url);
      assert.equal(again.body, '');
      const other = await get(url, { 'if-none-match': '"something-else"' });
      assert.equal(other.statusCode, 200, url);
    }
  });

  it('the ETag changes when the content does', async () => {
    const before = (await get('/api/v1/articles/lab-story-3')).headers.etag as string;
    const story = (await app.services.articles.getPublished('en', 'lab-story-3'))!;
    await app.services.articles.update(story.id, story.version, {
      language: 'en',
      slug: story.slug,
      title: 'Lab story 3, revised',
      status: 'published',
      sectionId: story.section!.id,
      authorIds: story.authors.map((a) => a.id),
      tags: [],
      publishedAt: story.publishedAt,
      body: story.body,
    });
    const res = await get('/api/v1/articles/lab-story-3', { 'if-none-match': before });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().title, 'Lab story 3, revised');
  });

  it('CORS: any origin by default, with a preflight answer', async () => {
    const res = await get('/api/v1/sections', { origin: 'https://app.example.com' });
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.match(res.headers['access-control-expose-headers'] as string, /ETag/);
    assert.equal(res.headers['access-control-allow-credentials'], undefined);
    const preflight = await app.http.inject({
      method: 'OPTIONS',
      url: '/api/v1/articles',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'GET' },
    });
    assert.equal(preflight.statusCode, 204);
    assert.match(preflight.headers['access-control-allow-methods'] as string, /GET/);
    assert.equal(preflight.headers['access-control-allow-origin'], '*');
    const notFound = await get('/api/v1/nowhere', { origin: 'https://app.example.com' });
    assert.equal(notFound.headers['access-control-allow-origin'], '*', 'errors are readable too');
  });

  it('every documented example answers 200 with the shape the OpenAPI document promises', async () => {
    // Only the declarations are read here (examples, answer shapes); the handlers are not called.
    const routes = apiRoutes({ config: app.config } as HttpDeps);
    for (const route of routes)
      for (const example of route.examples) {
        const res = await get(example);
        assert.equal(res.statusCode, 200, example);
        const parsed = route.response.safeParse(res.json());
        assert.ok(parsed.success, `${example}: ${parsed.success ? '' : parsed.error.message}`);
      }
    const single = await get('/api/v1/articles/lab-story-1');
    const articleRoute = routes.find((r) => r.operationId === 'getArticle')!;
    assert.ok(articleRoute.response.safeParse(single.json()).success);
  });

  it('serves an OpenAPI 3.1 document generated from the route schemas', async () => {
    const doc = await json<Record<string, any>>('/api/v1/openapi.json'); // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.equal(doc.openapi, '3.1.0');
    assert.equal(doc.servers[0].url, 'http://newsdesk.test/api/v1');
    assert.deepEqual(Object.keys(doc.paths).sort(), [
      '/articles',
      '/articles/{slug}',
      '/articles/{slug}/comments',
      '/authors',
      '/authors/{slug}',
      '/search',
      '/sections',
      '/sections/{slug}',
      '/tags',
      '/tags/{slug}',
    ]);
    const list = doc.paths['/articles'].get;
    assert.equal(list.operationId, 'listArticles');
    const names = list.parameters.map((p: { name: string }) => p.name);
    assert.deepEqual(names, ['lang', 'section', 'author', 'tag', 'from', 'to', 'limit', 'cursor']);
    const lang = list.parameters.find((p: { name: string }) => p.name === 'lang');
    assert.deepEqual(lang.schema.enum, ['en', 'uk']);
    assert.equal(lang.required, false);
    assert.match(lang.description, /Language code/);
    const slug = doc.paths['/articles/{slug}'].get.parameters[0];
    assert.deepEqual([slug.name, slug.in, slug.required], ['slug', 'path', true]);
    const okSchema = list.responses['200'].content['application/json'].schema;
    assert.deepEqual(okSchema.required.sort(), ['data', 'next', 'nextCursor']);
    assert.equal(list.responses['400'].content['application/json'].schema.$ref, '#/components/schemas/Error');
    assert.ok(doc.components.schemas.Error.properties.error);
  });

  it('/api is a browsable page listing every endpoint with its parameters, without script', async () => {
    const res = await get('/api');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^text\/html/);
    const doc = parsePage(res.body);
    const endpoints = Array.from(doc.querySelectorAll('.api-endpoint h3')).map((h) => text(h));
    assert.ok(endpoints.includes('GET /api/v1/articles'), endpoints.join(' | '));
    assert.ok(endpoints.includes('GET /api/v1/tags/{slug}'));
    const list = doc.querySelector('#listArticles')!;
    const params = Array.from(list.querySelectorAll('tbody th code')).map((c) => text(c));
    assert.deepEqual(params, ['lang', 'section', 'author', 'tag', 'from', 'to', 'limit', 'cursor']);
    assert.ok(list.querySelector('a[href="/api/v1/articles?limit=5"]'));
    assert.ok(doc.querySelector('a[href="/api/v1/openapi.json"]'));
    for (const script of Array.from(doc.querySelectorAll('script')))
      assert.ok(script.getAttribute('src'), 'no inline script');
  });
});

describe('content API: CORS limited to a list of origins', () => {
  let app: TestApp;
  before(async () => {
    app = await createTestApp({ env: { API_CORS_ORIGINS: 'https://a.example.com,https://b.example.com' } });
  });
  after(() => app.close());

  it('echoes an allowed origin, says nothing to others, and always varies on Origin', async () => {
    const allowed = await app.http.inject({
      url: '/api/v1/sections',
      headers: { origin: 'https://b.example.com' },
    });
    assert.equal(allowed.headers['access-control-allow-origin'], 'https://b.example.com');
    assert.match(allowed.headers.vary as string, /Origin/);
    const other = await app.http.inject({
      url: '/api/v1/sections',
      headers: { origin: 'https://evil.example' },
    });
    assert.equal(other.statusCode, 200);
    assert.equal(other.headers['access-control-allow-origin'], undefined);
    const none = await app.http.inject({ url: '/api/v1/sections' });
    assert.match(none.headers.vary as string, /Origin/);
    const preflight = await app.http.inject({
      method: 'OPTIONS',
      url: '/api/v1/sections',
      headers: { origin: 'https://evil.example' },
    });
    assert.equal(preflight.statusCode, 204);
    assert.equal(preflight.headers['access-control-allow-methods'], undefined);
  });

  it('refuses a malformed setting at start-up with a sentence', async () => {
    const { loadConfig } = await import('../../src/config.ts');
    assert.throws(
      () => loadConfig({ API_CORS_ORIGINS: 'https://a.example.com/path' }),
      /API_CORS_ORIGINS must be \*, none, or a comma-separated list of origins/,
    );
  });
});
