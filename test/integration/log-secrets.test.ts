import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { cookieHeader, cookiesOf, csrfFor, postForm, signIn } from '../helpers/admin.ts';
import { postComment, publishedStory, SITE_ORIGIN, storyPath } from '../helpers/comments.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * Drives the paths that carry secrets — sign-in (right and wrong passwords), a session, sign-out, an
 * invitation (its link, the invited person's email and new password), searches for an email
 * address, commenters posting (through the form and the JSON API, accepted, refused, flooding) and an
 * editor looking up a commenter's history — while capturing every log line, then scans each line for
 * every secret that went by.
 */
describe('logs', () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  let app: TestApp;
  const secrets = new Map<string, string>();
  const remember = (what: string, value: string) => secrets.set(value, what);

  // Real time, moved on when a commenter "writes" (the form refuses what comes back too fast).
  let offset = 0;
  const clock = {
    now: () => new Date(Date.now() + offset),
    advance: (ms: number) => void (offset += ms),
  };

  before(async () => {
    app = await createTestApp({ logStream: stream, demo: 1, clock });
    const password = `pw-${crypto.randomBytes(8).toString('hex')}`;
    const email = 'Edna.Private@newsroom.test';
    remember('password', password);
    remember('email', email.toLowerCase());
    remember('email', email);
    await app.services.auth.createUser({ email, name: 'Edna', role: 'admin', password });

    const wrong = `wrong-${crypto.randomBytes(8).toString('hex')}`;
    remember('wrong password', wrong);
    const { token, jar } = await csrfFor(app, '/admin/login');
    remember('csrf token', token);
    for (const [who, pw] of [
      [email, wrong],
      ['nobody.at.all@elsewhere.test', wrong],
    ] as const) {
      remember('email', who);
      await app.http.inject({
        method: 'POST',
        url: '/admin/login',
        headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: token, email: who, password: pw }).toString(),
      });
    }
    const session = await signIn(app, email, password);
    remember('session id', session.nd_session!);
    await app.http.inject({ url: '/admin', headers: { cookie: cookieHeader(session) } });
    await app.http.inject({ url: '/admin/import', headers: { cookie: cookieHeader(session) } });

    const invitee = 'Invited.Person@newsroom.test';
    remember('email', invitee.toLowerCase());
    const invite = await app.services.auth.inviteUser({ email: invitee, name: 'Ivy', role: 'author' });
    remember('invitation token', invite.token);
    const newPassword = `new-${crypto.randomBytes(8).toString('hex')}`;
    remember('password', newPassword);
    await app.http.inject({ url: `/admin/invite/${invite.token}` });
    const accepted = await postForm(
      app,
      `/admin/invite/${invite.token}`,
      `/admin/invite/${invite.token}`,
      { password: newPassword, confirm: newPassword },
      {},
    );
    assert.equal(accepted.statusCode, 303);
    remember('session id', cookiesOf(accepted).nd_session!);
    // Creating the same account twice makes the database quote the email in its error.
    await app.services.auth
      .inviteUser({ email: invitee, name: 'Ivy', role: 'author' })
      .catch((error: unknown) => app.logger.error({ err: error }, 'invitation failed'));

    for (const url of [
      `/search?q=${encodeURIComponent('reach me at leak.me@example.org')}`,
      '/api/v1/search?q=leak.me@example.org',
      `/admin/login?next=/admin&email=${encodeURIComponent('leak.me@example.org')}`,
    ])
      await app.http.inject({ url });
    remember('email', 'leak.me@example.org');
    remember('email', 'leak.me%40example.org');

    // Commenters: their emails are for editors only, never for the logs.
    const story = await publishedStory(app, 'Comments arrive');
    const path = storyPath(story);
    const commenter = 'Olena.Private@readers.test';
    remember('commenter email', commenter.toLowerCase());
    const posted = await postComment(app, clock, path, { email: commenter, body: 'I was there.' });
    assert.equal(posted.statusCode, 303, posted.body);
    const refused = await postComment(app, clock, path, {
      email: 'Refused.Reader@readers.test',
      website: 'not a website at all',
    });
    assert.equal(refused.statusCode, 422);
    remember('commenter email', 'refused.reader@readers.test');
    // The same address until the per-address limit answers 429.
    let limited = false;
    for (let i = 0; i < 8 && !limited; i++) {
      const res = await postComment(
        app,
        clock,
        path,
        {
          email: `flood${i}.reader@readers.test`,
          body: `Flooding ${i}`,
        },
        { ip: '203.0.113.99' },
      );
      remember('commenter email', `flood${i}.reader@readers.test`);
      limited = res.statusCode === 429;
    }
    assert.ok(limited, 'the flood was refused');
    clock.advance(60_000);
    const viaApi = await app.http.inject({
      method: 'POST',
      url: `/api/v1/articles/${story.slug}/comments?lang=en`,
      headers: { origin: SITE_ORIGIN, 'content-type': 'application/json' },
      remoteAddress: '198.51.100.44',
      payload: JSON.stringify({
        body: 'Via the API.',
        name: 'Api Reader',
        email: 'Api.Reader@readers.test',
        started: '',
      }),
    });
    assert.ok(viaApi.statusCode < 500, viaApi.body);
    remember('commenter email', 'api.reader@readers.test');
    await app.http.inject({
      url: `/admin/comments?status=all&email=${encodeURIComponent(commenter)}`,
      headers: { cookie: cookieHeader(session) },
    });

    await postForm(app, '/admin', '/admin/logout', {}, session);
  });
  after(() => app.close());

  it('are JSON, one object per line, and every request line carries a request id', () => {
    // One line per request (when it is answered), besides whatever else was logged.
    assert.ok(lines.length > 10, `only ${lines.length} lines captured`);
    const requests = new Set<string>();
    for (const line of lines) {
      const entry = JSON.parse(line) as { level: number; time: number; msg?: string; reqId?: string };
      assert.equal(typeof entry.level, 'number');
      assert.equal(typeof entry.time, 'number');
      if (entry.msg === 'incoming request' || entry.msg === 'request completed') {
        assert.match(entry.reqId ?? '', /^[0-9a-f-]{36}$/, line);
        requests.add(entry.reqId!);
      }
    }
    assert.ok(requests.size >= 10, `${requests.size} requests logged`);
  });

  it('never contain a password, a session id, an invitation token or an email address', () => {
    assert.ok(secrets.size >= 10);
    for (const line of lines) {
      const lower = line.toLowerCase();
      for (const [secret, what] of secrets)
        assert.ok(!lower.includes(secret.toLowerCase()), `a log line contains the ${what}: ${line}`);
      assert.doesNotMatch(line, /[\w.+-]+@[\w-]+\.[\w.]+/, `an email-like string in: ${line}`);
    }
  });
});
