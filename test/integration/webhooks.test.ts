import assert from 'node:assert/strict';
import type http from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { App } from '../../src/app.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { MAX_DELIVERY_ATTEMPTS } from '../../src/webhooks/webhook.service.ts';
import { verifySignature } from '../../src/webhooks/signature.ts';
import { cookieHeader, csrfFor, postForm, signedInAs } from '../helpers/admin.ts';
import { updateArticle } from '../helpers/articles.ts';
import { parsePage, text } from '../helpers/html.ts';
import { type LocalServer, startLocalServer } from '../helpers/local-server.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

const LOOPBACK = { NEWSDESK_FETCH_ALLOW_LOOPBACK: '1' };

/** A receiver on a loopback port that records what it gets and answers with the next queued status. */
async function receiver() {
  const received: Received[] = [];
  const statuses: number[] = [];
  const server: LocalServer = await startLocalServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(statuses.shift() ?? 200, { 'content-type': 'text/plain' });
      res.end('ok');
    });
  });
  return { server, received, statuses, url: `${server.url}/hooks/newsdesk` };
}

async function publish(app: TestApp, slug: string) {
  const world = await app.services.taxonomy.findSectionBySlug('world');
  return app.services.articles.create({
    language: 'en',
    slug,
    title: `Story ${slug}`,
    status: 'published',
    sectionId: world?.id ?? null,
    authorIds: [],
    tags: [],
    publishedAt: '2030-01-01T09:00:00.000Z',
    body: [{ type: 'paragraph', text: 'Text.' }],
  });
}

const deliveriesOf = (app: TestApp) =>
  app.database.db.selectFrom('webhook_deliveries').selectAll().orderBy('id').execute();

describe('webhooks: signed deliveries from the job queue', () => {
  let app: TestApp;
  let hook: Awaited<ReturnType<typeof receiver>>;
  const clock = fixedClock('2030-01-01T10:00:00.000Z');

  before(async () => {
    hook = await receiver();
    app = await createTestApp({ env: LOOPBACK, clock });
  });
  after(async () => {
    await app.close();
    await hook.server.close();
  });
  beforeEach(async () => {
    hook.received.length = 0;
    hook.statuses.length = 0;
    for (const w of await app.services.webhooks.list()) await app.services.webhooks.remove(w.id);
  });

  it('POSTs a signed JSON event that verifies with the secret, and logs the delivery', async () => {
    const { secret } = await app.services.webhooks.create(
      { url: hook.url, events: ['article.published'] },
      null,
    );
    const story = await publish(app, 'signed-story');
    assert.equal(hook.received.length, 0, 'queued, not sent inside the request');
    await app.services.jobs.runDueNow();
    assert.equal(hook.received.length, 1);
    const [got] = hook.received;
    assert.equal(got!.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(got!.headers['newsdesk-event'], 'article.published');
    const signature = got!.headers['newsdesk-signature'] as string;
    assert.match(signature, /^t=\d{10},v1=[0-9a-f]{64}$/);
    const now = Math.floor(clock.now().getTime() / 1000);
    assert.equal(signature.slice(2, 12), String(now), 'signed at the time of sending');
    assert.ok(verifySignature(secret, signature, got!.body, now));
    assert.ok(
      !verifySignature(secret, signature, got!.body.replace('signed', 'forged'), now),
      'body tampered',
    );
    assert.ok(!verifySignature('whsec_other', signature, got!.body, now), 'wrong secret');
    assert.ok(!verifySignature(secret, signature, got!.body, now + 301), 'replayed after 5 minutes');
    const event = JSON.parse(got!.body);
    assert.equal(event.event, 'article.published');
    assert.match(event.id, /^[0-9a-f-]{36}$/);
    assert.equal(event.data.article.id, story.id);
    assert.equal(event.data.article.title, 'Story signed-story');
    assert.equal(event.data.article.url, 'http://newsdesk.test/article/signed-story');
    assert.equal(event.data.article.api, 'http://newsdesk.test/api/v1/articles/signed-story?lang=en');
    const [delivery] = await deliveriesOf(app);
    assert.equal(delivery!.status, 'delivered');
    assert.equal(delivery!.response_status, 200);
    assert.equal(delivery!.attempts, 1);
    assert.equal(got!.headers['newsdesk-delivery'], String(delivery!.id));
  });

  it('sends only subscribed events; draft saves and paused webhooks send nothing', async () => {
    const { webhook } = await app.services.webhooks.create(
      { url: hook.url, events: ['article.updated', 'article.unpublished', 'comment.approved'] },
      null,
    );
    const story = await publish(app, 'subscribed-story');
    await app.services.jobs.runDueNow();
    assert.equal(hook.received.length, 0, 'article.published not subscribed');
    await updateArticle(app, story.id, { title: 'Changed title' });
    await updateArticle(app, story.id, { status: 'unpublished' });
    await updateArticle(app, story.id, { title: 'Draft edit while unpublished' });
    await app.services.events.emit('comment.approved', { commentId: 77, articleId: story.id });
    await app.services.jobs.runDueNow();
    const events = hook.received.map((r) => JSON.parse(r.body));
    assert.deepEqual(
      events.map((e) => e.event),
      ['article.updated', 'article.unpublished', 'comment.approved'],
    );
    assert.equal(events[0].data.article.title, 'Changed title');
    assert.equal(events[2].data.comment.id, 77);
    assert.equal(events[2].data.article.id, story.id);

    await app.services.webhooks.setActive(webhook.id, false);
    await app.services.events.emit('comment.approved', { commentId: 78, articleId: story.id });
    await app.services.jobs.runDueNow();
    assert.equal(hook.received.length, 3);
  });

  it('retries after a 500 with exponential backoff, then delivers the same body', async () => {
    await app.services.webhooks.create({ url: hook.url, events: ['article.published'] }, null);
    hook.statuses.push(500, 503);
    await publish(app, 'retried-story');
    await app.services.jobs.runDueNow();
    assert.equal(hook.received.length, 1);
    let [delivery] = await deliveriesOf(app);
    assert.equal(delivery!.status, 'pending');
    assert.equal(delivery!.response_status, 500);
    assert.match(delivery!.last_error!, /answered 500/);
    assert.equal(delivery!.next_attempt_at, new Date(clock.now().getTime() + 30_000).toISOString());

    await app.services.jobs.runDueNow();
    assert.equal(hook.received.length, 1, 'not before its time');
    clock.advance(30_000);
    await app.services.jobs.runDueNow();
    assert.equal(hook.received.length, 2);
    [delivery] = await deliveriesOf(app);
    assert.equal(delivery!.response_status, 503);
    assert.equal(
      delivery!.next_attempt_at,
      new Date(clock.now().getTime() + 60_000).toISOString(),
      'doubled',
    );
    clock.advance(60_000);
    await app.services.jobs.runDueNow();
    assert.equal(hook.received.length, 3);
    [delivery] = await deliveriesOf(app);
    assert.equal(delivery!.status, 'delivered');
    assert.equal(delivery!.attempts, 3);
    assert.equal(hook.received[0]!.body, hook.received[2]!.body, 'the same event each time');
    assert.notEqual(
      hook.received[0]!.headers['newsdesk-signature'],
      hook.received[2]!.headers['newsdesk-signature'],
    );
  });

  it(`gives up after ${MAX_DELIVERY_ATTEMPTS} attempts and says so in the log`, async () => {
    await app.services.webhooks.create({ url: hook.url, events: ['article.published'] }, null);
    hook.statuses.push(...Array<number>(MAX_DELIVERY_ATTEMPTS).fill(500));
    await publish(app, 'never-delivered');
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS + 2; i++) {
      await app.services.jobs.runDueNow();
      clock.advance(6 * 3600_000);
    }
    assert.equal(hook.received.length, MAX_DELIVERY_ATTEMPTS);
    const [delivery] = await deliveriesOf(app);
    assert.equal(delivery!.status, 'failed');
    assert.equal(delivery!.attempts, MAX_DELIVERY_ATTEMPTS);
    assert.equal(delivery!.next_attempt_at, null);
  });
});

describe('webhooks: a restart loses no delivery', () => {
  it('deliveries queued before a shutdown are sent by the next start', async () => {
    const hook = await receiver();
    const first = await createTestApp({ env: LOOPBACK });
    let second: App | undefined;
    try {
      await first.services.webhooks.create({ url: hook.url, events: ['article.published'] }, null);
      hook.statuses.push(500);
      await publish(first, 'before-restart');
      await first.services.jobs.runDueNow();
      await publish(first, 'queued-at-shutdown');
      assert.equal(hook.received.length, 1, 'one failed attempt before the shutdown');
      // The first process stops working; a new one starts on the same database, a minute later.
      await first.services.jobs.stop();
      second = await first.reopen({ clock: fixedClock(new Date(Date.now() + 60_000)) });
      await second.services.jobs.runDueNow();
      const titles = hook.received
        .slice(1)
        .map((r) => JSON.parse(r.body).data.article.title)
        .sort();
      assert.deepEqual(titles, ['Story before-restart', 'Story queued-at-shutdown']);
      const rows = await second.database.db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .orderBy('id')
        .execute();
      assert.deepEqual(
        rows.map((r) => r.status),
        ['delivered', 'delivered'],
      );
    } finally {
      await second?.close();
      await first.close();
      await hook.server.close();
    }
  });
});

describe('webhooks: only through the SSRF-safe fetcher', () => {
  it('refuses to send to a loopback address when loopback is not allowed (production)', async () => {
    const hook = await receiver();
    const app = await createTestApp();
    try {
      await app.services.webhooks.create({ url: hook.url, events: ['article.published'] }, null);
      await publish(app, 'ssrf-story');
      await app.services.jobs.runDueNow();
      assert.equal(hook.received.length, 0);
      const [delivery] = await deliveriesOf(app);
      assert.equal(delivery!.status, 'pending');
      assert.match(delivery!.last_error!, /Newsdesk only fetches from public internet addresses/);
    } finally {
      await app.close();
      await hook.server.close();
    }
  });
});

describe('webhooks: the admin page', () => {
  let app: TestApp;
  before(async () => {
    app = await createTestApp({ env: LOOPBACK });
  });
  after(() => app.close());

  it('is for admins only', async () => {
    const { jar } = await signedInAs(app, 'editor');
    const res = await app.http.inject({ url: '/admin/webhooks', headers: { cookie: cookieHeader(jar) } });
    assert.equal(res.statusCode, 403);
  });

  it('adds a webhook, shows its secret once, lists it, shows its log, pauses and deletes it', async () => {
    const { jar } = await signedInAs(app, 'admin');
    const page = parsePage((await csrfFor(app, '/admin/webhooks', jar)).res.body);
    assert.ok(page.querySelector('nav a[href="/admin/webhooks"][aria-current="page"]'));

    const bad = await postForm(
      app,
      '/admin/webhooks',
      '/admin/webhooks',
      { url: 'ftp://example.com/x', description: 'Mine' },
      jar,
    );
    assert.equal(bad.statusCode, 422);
    const badPage = parsePage(bad.body);
    assert.match(text(badPage.querySelector('#webhook-url-error')), /http\(s\) address/);
    assert.match(text(badPage.querySelector('#webhook-events-error')), /at least one event/);
    assert.equal(
      badPage.querySelector<HTMLInputElement>('#webhook-url')!.getAttribute('value'),
      'ftp://example.com/x',
    );
    assert.equal(badPage.querySelector('#webhook-description')!.getAttribute('value'), 'Mine');

    const hook = await receiver();
    try {
      const body = new URLSearchParams({ url: hook.url, description: 'Mobile app' });
      body.append('events', 'article.published');
      body.append('events', 'comment.approved');
      const { token, jar: withCsrf } = await csrfFor(app, '/admin/webhooks', jar);
      body.append('_csrf', token);
      const created = await app.http.inject({
        method: 'POST',
        url: '/admin/webhooks',
        headers: { cookie: cookieHeader(withCsrf), 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      });
      assert.equal(created.statusCode, 200);
      const createdPage = parsePage(created.body);
      const secret = text(createdPage.querySelector('.webhook-secret-value'));
      assert.match(secret, /^whsec_[\w-]{43}$/);
      const list = await app.http.inject({ url: '/admin/webhooks', headers: { cookie: cookieHeader(jar) } });
      assert.ok(!list.body.includes(secret), 'the secret is shown once only');
      const row = parsePage(list.body).querySelector('.webhooks-table tbody tr')!;
      assert.match(text(row), /Mobile app/);
      assert.match(text(row), /article\.published/);
      assert.match(text(row), /comment\.approved/);

      await publish(app, 'admin-story');
      await app.services.jobs.runDueNow();
      assert.equal(hook.received.length, 1);
      assert.ok(
        verifySignature(
          secret,
          hook.received[0]!.headers['newsdesk-signature'] as string,
          hook.received[0]!.body,
          Math.floor(Date.now() / 1000),
        ),
      );

      const [webhook] = await app.services.webhooks.list();
      const log = parsePage(
        (
          await app.http.inject({
            url: `/admin/webhooks/${webhook!.id}`,
            headers: { cookie: cookieHeader(jar) },
          })
        ).body,
      );
      const entry = log.querySelector('.deliveries-table tbody tr')!;
      assert.match(text(entry), /article\.published/);
      assert.match(text(entry), /Delivered/);
      assert.match(text(entry), /200/);

      const paused = await postForm(
        app,
        '/admin/webhooks',
        `/admin/webhooks/${webhook!.id}/active`,
        { active: '0' },
        jar,
      );
      assert.equal(paused.statusCode, 303);
      assert.equal((await app.services.webhooks.get(webhook!.id)).active, false);
      const deleted = await postForm(
        app,
        '/admin/webhooks',
        `/admin/webhooks/${webhook!.id}/delete`,
        {},
        jar,
      );
      assert.equal(deleted.statusCode, 303);
      assert.equal((await app.services.webhooks.list()).length, 0);
      assert.equal((await deliveriesOf(app)).length, 0);
      const missing = await app.http.inject({
        url: `/admin/webhooks/${webhook!.id}`,
        headers: { cookie: cookieHeader(jar) },
      });
      assert.equal(missing.statusCode, 404);
    } finally {
      await hook.server.close();
    }
  });

  it('refuses a form without its CSRF token', async () => {
    const { jar } = await signedInAs(app, 'admin', 'admin2@newsroom.test');
    const res = await app.http.inject({
      method: 'POST',
      url: '/admin/webhooks',
      headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'url=https%3A%2F%2Fexample.com%2F&events=article.published',
    });
    assert.equal(res.statusCode, 403);
    assert.equal((await app.services.webhooks.list()).length, 0);
  });
});
