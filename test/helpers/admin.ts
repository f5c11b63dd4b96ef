import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from './test-app.ts';

/** Cookies from a response's Set-Cookie headers, as `name=value` pairs. */
export function cookiesOf(res: LightMyRequestResponse): Record<string, string> {
  const jar: Record<string, string> = {};
  for (const c of res.cookies as Array<{ name: string; value: string }>) jar[c.name] = c.value;
  return jar;
}

export function cookieHeader(jar: Record<string, string>): string {
  return Object.entries(jar)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
}

/** Fetches a page with a form and returns its CSRF token and the cookie that goes with it. */
export async function csrfFor(app: TestApp, url: string, jar: Record<string, string> = {}) {
  const res = await app.http.inject({ url, headers: { cookie: cookieHeader(jar) } });
  const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
  if (!token) throw new Error(`no CSRF token on ${url} (status ${res.statusCode})`);
  return { token, jar: { ...jar, ...cookiesOf(res) }, res };
}

/** Signs in through the real form and returns the cookie jar of the signed-in browser. */
export async function signIn(app: TestApp, email: string, password: string): Promise<Record<string, string>> {
  const { token, jar } = await csrfFor(app, '/admin/login');
  const res = await app.http.inject({
    method: 'POST',
    url: '/admin/login',
    headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: token, email, password, next: '/admin' }).toString(),
  });
  if (res.statusCode !== 303)
    throw new Error(`sign-in failed with ${res.statusCode}: ${res.body.slice(0, 200)}`);
  return { ...jar, ...cookiesOf(res) };
}

/** Creates a user of the given role and signs them in; returns the user and their cookie jar. */
export async function signedInAs(
  app: TestApp,
  role: 'admin' | 'editor' | 'author' | 'contributor',
  email = `${role}@newsroom.test`,
) {
  const password = 'correct horse battery staple';
  const user = await app.services.auth.createUser({
    email,
    name: `${role[0]!.toUpperCase()}${role.slice(1)} Person`,
    role,
    password,
  });
  return { user, jar: await signIn(app, email, password), password };
}

/** POSTs a form with a fresh CSRF token taken from `formUrl`. */
export async function postForm(
  app: TestApp,
  formUrl: string,
  action: string,
  fields: Record<string, string>,
  jar: Record<string, string>,
) {
  const { token, jar: withCsrf } = await csrfFor(app, formUrl, jar);
  return app.http.inject({
    method: 'POST',
    url: action,
    headers: { cookie: cookieHeader(withCsrf), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: token, ...fields }).toString(),
  });
}
