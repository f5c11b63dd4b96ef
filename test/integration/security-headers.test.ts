import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { signedInAs } from '../helpers/admin.ts';
import { parsePage } from '../helpers/html.ts';
import { getUrls, routeSamples } from '../helpers/routes.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/** What every response must carry, whatever answered it (a page, JSON, a feed, a file, a 404). */
function assertSecurityHeaders(res: { headers: Record<string, unknown> }, where: string) {
  const csp = String(res.headers['content-security-policy'] ?? '');
  assert.match(csp, /default-src 'self'/, `${where}: CSP`);
  assert.match(csp, /script-src 'self'(;|$)/, `${where}: scripts only from the site, none inline`);
  assert.match(csp, /script-src-attr 'none'/, `${where}: no handler attributes`);
  assert.match(csp, /style-src 'self'(;|$)/, `${where}: styles only from the site`);
  assert.match(csp, /object-src 'none'/, `${where}: no plugins`);
  assert.match(csp, /frame-ancestors 'none'/, `${where}: nobody may frame the page`);
  assert.match(csp, /base-uri 'self'/, `${where}: base-uri`);
  assert.match(csp, /form-action 'self'/, `${where}: form-action`);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, `${where}: nothing unsafe`);
  assert.equal(res.headers['x-content-type-options'], 'nosniff', where);
  assert.equal(res.headers['referrer-policy'], 'strict-origin-when-cross-origin', where);
  assert.match(String(res.headers['permissions-policy']), /camera=\(\).*geolocation=\(\)/, where);
  assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN', where);
}

/** An HTML page must work under that CSP: no inline script, no style element or attribute, no handler. */
function assertNothingInline(res: LightMyRequestResponse, where: string) {
  if (!String(res.headers['content-type']).startsWith('text/html')) return;
  const doc = parsePage(res.body);
  for (const script of Array.from(doc.querySelectorAll('script'))) {
    const dataBlock = script.getAttribute('type') === 'application/ld+json';
    assert.ok(script.getAttribute('src') || dataBlock, `${where}: inline <script> would be blocked`);
  }
  assert.equal(doc.querySelectorAll('style').length, 0, `${where}: a <style> element would be blocked`);
  assert.equal(doc.querySelectorAll('[style]').length, 0, `${where}: a style attribute would be blocked`);
  for (const el of Array.from(doc.querySelectorAll('*')))
    for (const name of el.getAttributeNames())
      assert.ok(!/^on/i.test(name), `${where}: <${el.tagName} ${name}> would be blocked`);
}

describe('security headers on every route', () => {
  let app: TestApp;
  let adminJar: Record<string, string>;
  let urls: string[];
  before(async () => {
    app = await createTestApp({ demo: 3 });
    adminJar = (await signedInAs(app, 'admin')).jar;
    urls = getUrls(app, await routeSamples(app));
  });
  after(() => app.close());

  const cookie = (jar: Record<string, string>) =>
    Object.entries(jar)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');

  it('walks the route table: every GET route, anonymous and signed in, carries the headers', async () => {
    assert.ok(urls.length >= 20, `only ${urls.length} GET routes found`);
    const seen = new Map<string, number>();
    for (const url of urls) {
      for (const jar of [{}, adminJar]) {
        const res = await app.http.inject({ url, headers: { accept: 'text/html', cookie: cookie(jar) } });
        const where = `GET ${url} (${res.statusCode}${Object.keys(jar).length ? ', signed in' : ''})`;
        assert.ok(res.statusCode < 500, `${where}: ${res.body.slice(0, 200)}`);
        assertSecurityHeaders(res, where);
        assertNothingInline(res, where);
        seen.set(url, res.statusCode);
      }
    }
    // The page types the issue names, each answered for real (not only as a 404).
    const samples = await routeSamples(app);
    const expectOk = [
      '/',
      `/${samples.section}`,
      `/author/${samples.author}`,
      `/tag/${samples.tag}`,
      `/${samples.section}/${samples.slug}`,
      '/search',
      '/feeds',
      '/admin/login',
      '/admin',
      `/api/v1/articles/${samples.slug}`,
    ];
    for (const url of expectOk)
      assert.ok([200, 303].includes(seen.get(url) ?? 0), `${url} answered ${seen.get(url)}`);
  });

  it('the 404 page, a search, an API error and an admin form post carry them too', async () => {
    const cases = [
      await app.http.inject({ url: '/no/such/page/here' }),
      await app.http.inject({ url: '/search?q=oil' }),
      await app.http.inject({ url: '/api/v1/articles/no-such-story' }),
      await app.http.inject({ method: 'POST', url: '/admin/login', payload: {} }),
    ];
    assert.deepEqual(
      cases.map((r) => r.statusCode),
      [404, 200, 404, 403],
    );
    cases.forEach((res, i) => assertSecurityHeaders(res, `case ${i}`));
    assert.match(String(cases[2]!.headers['content-type']), /application\/json/);
  });

  it('a page served from the page cache (a HIT, no Fastify) carries them', async () => {
    const address = await app.http.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.http.server.address() as AddressInfo).port;
    assert.ok(address.includes(String(port)));
    await fetch(`http://127.0.0.1:${port}/feeds`);
    const hit = await fetch(`http://127.0.0.1:${port}/feeds`);
    assert.equal(hit.headers.get('x-cache'), 'HIT');
    assertSecurityHeaders({ headers: Object.fromEntries(hit.headers) }, 'cached /feeds');
  });

  it('no HSTS over plain http, nor when an untrusted client claims https', async () => {
    assert.equal((await app.http.inject({ url: '/' })).headers['strict-transport-security'], undefined);
    const spoofed = await app.http.inject({ url: '/', headers: { 'x-forwarded-proto': 'https' } });
    assert.equal(spoofed.headers['strict-transport-security'], undefined);
  });
});

describe('HSTS and cookies over https', () => {
  it('behind a trusted proxy that says https, every response has HSTS', async () => {
    const app = await createTestApp({ env: { TRUST_PROXY: '1' } });
    try {
      const res = await app.http.inject({ url: '/', headers: { 'x-forwarded-proto': 'https' } });
      assert.equal(res.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains');
      const plain = await app.http.inject({ url: '/', headers: { 'x-forwarded-proto': 'http' } });
      assert.equal(plain.headers['strict-transport-security'], undefined);
    } finally {
      await app.close();
    }
  });

  describe('with an https site address', () => {
    let app: TestApp;
    before(async () => {
      app = await createTestApp({ env: { SITE_URL: 'https://news.example.com' } });
      await app.services.auth.createUser({
        email: 'ed@newsroom.test',
        name: 'Ed',
        role: 'editor',
        password: 'correct horse battery staple',
      });
    });
    after(() => app.close());

    async function signIn(extraCookie = '') {
      const form = await app.http.inject({ url: '/admin/login' });
      const csrfCookie = form.cookies.find((c) => c.name === '__Host-nd_csrf')!;
      const token = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
      return app.http.inject({
        method: 'POST',
        url: '/admin/login',
        headers: {
          cookie: `__Host-nd_csrf=${csrfCookie.value}${extraCookie}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: new URLSearchParams({
          _csrf: token,
          email: 'ed@newsroom.test',
          password: 'correct horse battery staple',
        }).toString(),
      });
    }
    const setCookieLines = (res: LightMyRequestResponse) => [res.headers['set-cookie'] ?? []].flat();

    it('HSTS on every response', async () => {
      for (const url of ['/', '/admin/login', '/api/v1/search?q=x', '/nothing-here'])
        assert.match(
          String((await app.http.inject({ url })).headers['strict-transport-security']),
          /max-age=31536000/,
          url,
        );
    });

    it('the session and CSRF cookies are __Host-, Secure, HttpOnly, SameSite=Lax, Path=/ and no Domain', async () => {
      const form = await app.http.inject({ url: '/admin/login' });
      const res = await signIn();
      assert.equal(res.statusCode, 303);
      const lines = [...setCookieLines(form), ...setCookieLines(res)];
      for (const name of ['__Host-nd_session', '__Host-nd_csrf']) {
        const line = lines.find((l) => l.startsWith(`${name}=`));
        assert.ok(line, `${name} is set: ${lines.join(' | ')}`);
        assert.match(line, /; Secure/i, name);
        assert.match(line, /; HttpOnly/i, name);
        assert.match(line, /; SameSite=Lax/i, name);
        assert.match(line, /; Path=\/(;|$)/, name);
        assert.doesNotMatch(line, /Domain=/i, name);
      }
    });

    it('a session id planted before sign-in is never adopted, and the old session ends at sign-in', async () => {
      const first = await signIn();
      const firstToken = first.cookies.find((c) => c.name === '__Host-nd_session')!.value;
      const planted = await signIn('; __Host-nd_session=attacker-chosen-value');
      const second = await signIn(`; __Host-nd_session=${firstToken}`);
      const secondToken = second.cookies.find((c) => c.name === '__Host-nd_session')!.value;
      assert.notEqual(
        planted.cookies.find((c) => c.name === '__Host-nd_session')!.value,
        'attacker-chosen-value',
      );
      assert.notEqual(secondToken, firstToken, 'a new session id at every sign-in');
      const old = await app.http.inject({
        url: '/admin/',
        headers: { cookie: `__Host-nd_session=${firstToken}` },
      });
      assert.equal(old.statusCode, 303, 'the session the browser had before signing in again is gone');
      const current = await app.http.inject({
        url: '/admin/',
        headers: { cookie: `__Host-nd_session=${secondToken}` },
      });
      assert.equal(current.statusCode, 200);
    });

    it('sign-out deletes the session row on the server and clears the cookie', async () => {
      const res = await signIn();
      const token = res.cookies.find((c) => c.name === '__Host-nd_session')!.value;
      const count = async () =>
        Number(
          (
            await app.database.db
              .selectFrom('sessions')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      const page = await app.http.inject({
        url: '/admin/',
        headers: { cookie: `__Host-nd_session=${token}` },
      });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const csrfCookie = page.cookies.find((c) => c.name === '__Host-nd_csrf')!.value;
      const out = await app.http.inject({
        method: 'POST',
        url: '/admin/logout',
        headers: {
          cookie: `__Host-nd_session=${token}; __Host-nd_csrf=${csrfCookie}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: `_csrf=${encodeURIComponent(csrf)}`,
      });
      assert.equal(out.statusCode, 303);
      assert.equal(await count(), before - 1);
      assert.match(
        setCookieLines(out).find((l) => l.startsWith('__Host-nd_session=')) ?? '',
        /Expires=Thu, 01 Jan 1970/,
      );
      const reuse = await app.http.inject({
        url: '/admin/',
        headers: { cookie: `__Host-nd_session=${token}` },
      });
      assert.equal(reuse.statusCode, 303);
    });
  });
});
