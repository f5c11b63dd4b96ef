import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BAD_CREDENTIALS } from '../../src/auth/auth.service.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { cookieHeader, cookiesOf, csrfFor, postForm, signedInAs, signIn } from '../helpers/admin.ts';
import { parsePage, text } from '../helpers/html.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const PASSWORD = 'correct horse battery staple';

describe('signing in and out', () => {
  let app: TestApp;
  const clock = fixedClock('2026-01-10T10:00:00.000Z');
  before(async () => {
    app = await createTestApp({ clock });
    await app.services.auth.createUser({
      email: 'Edna@Newsroom.test',
      name: 'Edna',
      role: 'editor',
      password: PASSWORD,
    });
  });
  after(() => app.close());

  const login = async (email: string, password: string, extra: Record<string, string> = {}) => {
    const { token, jar } = await csrfFor(app, '/admin/login');
    return app.http.inject({
      method: 'POST',
      url: '/admin/login',
      headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded', ...extra },
      payload: new URLSearchParams({ _csrf: token, email, password, next: '/admin' }).toString(),
    });
  };

  it('sends visitors without a session to the sign-in page, and back after', async () => {
    const res = await app.http.inject({ url: '/admin', headers: { accept: 'text/html' } });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/login?next=%2Fadmin');
    const api = await app.http.inject({ method: 'POST', url: '/admin/logout' });
    assert.equal(api.statusCode, 403);
  });

  it('signs in with the plain form and sets an httpOnly, SameSite session cookie', async () => {
    const res = await login('edna@newsroom.test', PASSWORD);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin');
    const cookie = (
      res.cookies as Array<{ name: string; httpOnly?: boolean; sameSite?: string; path?: string }>
    ).find((c) => c.name === 'nd_session');
    assert.ok(cookie);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.path, '/');
    const dashboard = await app.http.inject({
      url: '/admin',
      headers: { cookie: `nd_session=${cookiesOf(res).nd_session}` },
    });
    assert.equal(dashboard.statusCode, 200);
    assert.equal(dashboard.headers['cache-control'], 'private, no-store');
    assert.match(text(parsePage(dashboard.body).querySelector('.admin-user')), /Edna · Editor/);
  });

  it('answers a wrong password and an unknown email with the same sentence, keeping the email typed', async () => {
    const wrong = await login('edna@newsroom.test', 'not the password');
    const unknown = await login('nobody@newsroom.test', 'not the password');
    for (const res of [wrong, unknown]) {
      assert.equal(res.statusCode, 401);
      const doc = parsePage(res.body);
      assert.equal(text(doc.querySelector('.notice')), BAD_CREDENTIALS);
    }
    assert.equal(
      parsePage(unknown.body).querySelector('#email')?.getAttribute('value'),
      'nobody@newsroom.test',
    );
  });

  it('refuses a form without its CSRF token', async () => {
    const res = await app.http.inject({
      method: 'POST',
      url: '/admin/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ email: 'edna@newsroom.test', password: PASSWORD }).toString(),
    });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /reload the page and try again/);
  });

  it('renews the session at every sign-in and kills it on the server at sign-out', async () => {
    const first = await signIn(app, 'edna@newsroom.test', PASSWORD);
    const second = await signIn(app, 'edna@newsroom.test', PASSWORD);
    assert.notEqual(first.nd_session, second.nd_session);
    const out = await postForm(app, '/admin', '/admin/logout', {}, first);
    assert.equal(out.statusCode, 303);
    const reuse = await app.http.inject({
      url: '/admin',
      headers: { cookie: `nd_session=${first.nd_session}` },
    });
    assert.equal(reuse.statusCode, 303, 'the old cookie no longer opens the admin');
    const other = await app.http.inject({
      url: '/admin',
      headers: { cookie: `nd_session=${second.nd_session}` },
    });
    assert.equal(other.statusCode, 200, 'the other session is untouched');
  });

  it('locks an account out after 4 free failures, for longer each time, even for the right password', async () => {
    await app.services.auth.createUser({
      email: 'locked@newsroom.test',
      name: 'L',
      role: 'author',
      password: PASSWORD,
    });
    for (let i = 0; i < 4; i++)
      assert.equal((await login('locked@newsroom.test', 'wrong password')).statusCode, 401);
    assert.equal(
      (await login('locked@newsroom.test', 'wrong password')).statusCode,
      401,
      'the fifth failure is counted…',
    );
    const locked = await login('locked@newsroom.test', PASSWORD);
    assert.equal(locked.statusCode, 429, '…and locks the account');
    assert.equal(locked.headers['retry-after'], '30');
    assert.match(
      text(parsePage(locked.body).querySelector('.notice')),
      /Too many failed sign-ins\. Please wait a minute/,
    );
    clock.advance(31_000);
    assert.equal((await login('locked@newsroom.test', 'wrong again')).statusCode, 401);
    const longer = await login('locked@newsroom.test', PASSWORD);
    assert.equal(longer.statusCode, 429);
    assert.equal(longer.headers['retry-after'], '60', 'the second lock lasts twice as long');
    clock.advance(61_000);
    assert.equal((await login('locked@newsroom.test', PASSWORD)).statusCode, 303);
  });

  it('never redirects outside the admin after sign-in', async () => {
    const { token, jar } = await csrfFor(app, '/admin/login');
    const res = await app.http.inject({
      method: 'POST',
      url: '/admin/login',
      headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: token,
        email: 'edna@newsroom.test',
        password: PASSWORD,
        next: 'https://evil.example/',
      }).toString(),
    });
    assert.equal(res.headers.location, '/admin');
  });

  it('lets an invited colleague choose a password and sign in', async () => {
    const { token } = await app.services.auth.inviteUser({
      email: 'new@newsroom.test',
      name: 'Newcomer',
      role: 'contributor',
    });
    const page = await app.http.inject({ url: `/admin/invite/${token}` });
    assert.equal(page.statusCode, 200);
    assert.match(text(parsePage(page.body).querySelector('main')), /Welcome, Newcomer/);
    const mismatch = await postForm(
      app,
      `/admin/invite/${token}`,
      `/admin/invite/${token}`,
      { password: PASSWORD, confirm: 'something else entirely' },
      {},
    );
    assert.equal(mismatch.statusCode, 422);
    const accepted = await postForm(
      app,
      `/admin/invite/${token}`,
      `/admin/invite/${token}`,
      { password: PASSWORD, confirm: PASSWORD },
      {},
    );
    assert.equal(accepted.statusCode, 303);
    assert.ok(cookiesOf(accepted).nd_session);
    assert.equal(
      (await app.http.inject({ url: `/admin/invite/${token}` })).statusCode,
      404,
      'an invitation works once',
    );
  });

  it('gives the dashboard to every role, with counts of stories by status', async () => {
    const { jar } = await signedInAs(app, 'contributor', 'c1@newsroom.test');
    const res = await app.http.inject({ url: '/admin', headers: { cookie: cookieHeader(jar) } });
    assert.equal(res.statusCode, 200);
    assert.equal(parsePage(res.body).querySelectorAll('.stat').length, 5);
  });
});
