import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Article } from '../../src/content/types.ts';
import {
  commentClock,
  commenterCookieOf,
  postComment,
  publishedStory,
  SITE_ORIGIN,
  storyPath,
} from '../helpers/comments.ts';
import { parsePage, text } from '../helpers/html.ts';
import { eventually, listen, request } from '../helpers/http-client.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/** The form as it came back: what is in each field, and the reason beside each. */
function formBack(html: string) {
  const doc = parsePage(html);
  const form = doc.querySelector('form#leave-comment')!;
  const value = (name: string) =>
    name === 'body'
      ? (form.querySelector('textarea[name="body"]')?.textContent ?? '')
      : (form.querySelector(`input[name="${name}"]`)?.getAttribute('value') ?? '');
  return {
    value,
    error: (field: string) => text(form.querySelector(`[data-error-for="${field}"]`)),
    formError: text(form.querySelector('#comment-form-error')),
  };
}

const typed = {
  body: 'My careful thoughts, typed for ten minutes.',
  name: 'Olena',
  email: 'olena@example.com',
  website: 'https://olena.example.org/',
};

describe('what is refused, and what waits for an editor', () => {
  let app: TestApp;
  let story: Article;
  let path: string;
  const clock = commentClock();
  let ip = 0;
  // Every test posts from its own address, so the per-address flood limit only trips where it is tested.
  const nextIp = () => `198.51.100.${++ip}`;
  const rowOf = async (res: { headers: Record<string, unknown> }) =>
    app.database.db
      .selectFrom('comments')
      .selectAll()
      .where('id', '=', Number(String(res.headers.location).split('#comment-')[1]))
      .executeTakeFirstOrThrow();

  before(async () => {
    app = await createTestApp({
      clock,
      env: { COMMENTS_BLOCKED_WORDS: 'casino, cheap pills', COMMENTS_MAX_LINKS: '2' },
    });
    story = await publishedStory(app);
    path = storyPath(story);
    // A trusted commenter: one comment approved.
    const first = await postComment(app, clock, path, { ...typed, body: 'Hello.' }, { ip: nextIp() });
    await app.services.comments.moderate([(await rowOf(first)).id], 'approve');
  });
  after(() => app.close());

  for (const [label, fields, field, reason] of [
    ['an empty comment', { body: '   ' }, 'body', 'Write a comment before posting it.'],
    [
      'a comment over the length limit',
      { body: 'x'.repeat(5001) },
      'body',
      'at most 5,000 characters; yours has 5,001',
    ],
    ['a missing name', { name: '' }, 'name', 'Please give a name'],
    ['a bad email', { email: 'olena at example' }, 'email', 'does not look like an email address'],
    ['a bad website', { website: 'not a site' }, 'website', 'does not look like a web address'],
  ] as const) {
    it(`refuses ${label} with 422, everything typed kept, the reason beside the field`, async () => {
      const res = await postComment(app, clock, path, { ...typed, ...fields }, { ip: nextIp() });
      assert.equal(res.statusCode, 422);
      const back = formBack(res.body);
      assert.match(back.error(field), new RegExp(reason));
      for (const [name, value] of Object.entries({ ...typed, ...fields }))
        assert.equal(
          back.value(name),
          name === 'body' && value.length > 5000 ? value : value,
          `${name} kept`,
        );
      assert.match(back.formError, /Some fields need another look/);
    });
  }

  it('refuses the honeypot filled in (a program), keeping the text', async () => {
    const res = await postComment(app, clock, path, { ...typed, phone: '555-1234' }, { ip: nextIp() });
    assert.equal(res.statusCode, 422);
    assert.match(formBack(res.body).formError, /filled in by a program/);
    assert.equal(formBack(res.body).value('body'), typed.body);
  });

  it('refuses a form sent back faster than a person can type', async () => {
    const res = await postComment(app, clock, path, typed, { waitMs: 500, ip: nextIp() });
    assert.equal(res.statusCode, 422);
    assert.match(formBack(res.body).formError, /faster than anyone can write/);
    assert.equal(formBack(res.body).value('email'), typed.email);
  });

  it('refuses a form posted from another site (origin check)', async () => {
    const evil = await postComment(app, clock, path, typed, { origin: 'https://evil.example', ip: nextIp() });
    assert.equal(evil.statusCode, 403);
    assert.match(formBack(evil.body).formError, /sent from another site/);
    assert.equal(formBack(evil.body).value('body'), typed.body);
    const none = await postComment(app, clock, path, typed, { origin: null, ip: nextIp() });
    assert.equal(none.statusCode, 403, 'no Origin and no Referer');
  });

  it('answers a flood from one address with 429, Retry-After and a sentence, input kept', async () => {
    const address = nextIp();
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 6; i++) {
      last = await postComment(
        app,
        clock,
        path,
        { ...typed, body: `Flood ${i}` },
        { ip: address, waitMs: 4000 },
      );
      statuses.push(last.statusCode);
    }
    assert.deepEqual(statuses, [303, 303, 303, 303, 303, 429]);
    assert.ok(Number(last!.headers['retry-after']) >= 1);
    assert.match(formBack(last!.body).formError, /faster than we can take them\. Please wait \d+ seconds?/);
    assert.equal(formBack(last!.body).value('body'), 'Flood 5');
  });

  it('limits comments per email address across addresses too', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++)
      statuses.push(
        (
          await postComment(
            app,
            clock,
            path,
            { ...typed, email: 'busy@example.com', body: `Busy ${i}` },
            { ip: nextIp() },
          )
        ).statusCode,
      );
    assert.equal(statuses.filter((s) => s === 303).length, 20);
    assert.equal(statuses.at(-1), 429);
  });

  it('holds for moderation: too many links, a blocked word, a repeat of the same text', async () => {
    const links = await postComment(
      app,
      clock,
      path,
      { ...typed, body: 'See https://a.example/1 and https://b.example/2 and www.c.example' },
      { ip: nextIp() },
    );
    assert.equal((await rowOf(links)).held_reason, 'links');
    const word = await postComment(
      app,
      clock,
      path,
      { ...typed, body: 'Visit my CASINO tonight' },
      { ip: nextIp() },
    );
    assert.equal((await rowOf(word)).held_reason, 'blocked-word');
    const repeat = await postComment(app, clock, path, { ...typed, body: 'hello.' }, { ip: nextIp() });
    assert.equal((await rowOf(repeat)).held_reason, 'repeat');
    for (const res of [links, word, repeat]) assert.equal((await rowOf(res)).status, 'pending');
    const fine = await postComment(
      app,
      clock,
      path,
      { ...typed, body: 'Cheap flights, not pills.' },
      { ip: nextIp() },
    );
    assert.equal((await rowOf(fine)).status, 'approved', 'a trusted commenter posts directly');
  });

  it('shows hostile HTML as text, and links the reader wrote with rel="nofollow ugc noopener"', async () => {
    const hostile =
      '<script>alert(1)</script><img src=x onerror=alert(2)> <a href="javascript:alert(3)">x</a> see https://example.com/a?b=1&c=<2>.';
    const res = await postComment(app, clock, path, { ...typed, body: hostile }, { ip: nextIp() });
    const id = (await rowOf(res)).id;
    const html = (await app.http.inject({ url: path, headers: { cookie: 'nd_commenter=x' } })).body;
    const doc = parsePage(html);
    const body = doc.querySelector(`#comment-${id} .comment-body`)!;
    assert.equal(body.querySelectorAll('script, img').length, 0);
    assert.ok(text(body).includes('<script>alert(1)</script><img src=x onerror=alert(2)>'));
    const links = Array.from(body.querySelectorAll('a'));
    assert.deepEqual(
      links.map((a) => a.getAttribute('href')),
      ['https://example.com/a?b=1&c='],
      'javascript: is never a link',
    );
    assert.equal(links[0]!.getAttribute('rel'), 'nofollow ugc noopener');
    assert.ok(!html.includes('<script>alert'));
  });

  it('closes automatically COMMENTS_CLOSE_AFTER_DAYS after publication', async () => {
    const closing = await createTestApp({ clock, env: { COMMENTS_CLOSE_AFTER_DAYS: '14' } });
    try {
      const old = await publishedStory(closing, 'An old story', '2026-01-01T08:00:00.000Z');
      const fresh = await publishedStory(closing, 'A fresh story', '2026-03-01T08:00:00.000Z');
      const oldPage = parsePage((await closing.http.inject({ url: storyPath(old) })).body);
      assert.equal(oldPage.querySelector('form#leave-comment'), null);
      assert.equal(text(oldPage.querySelector('.comments-closed')), 'Comments on this story are closed.');
      assert.ok(
        parsePage((await closing.http.inject({ url: storyPath(fresh) })).body).querySelector(
          'form#leave-comment',
        ),
      );
      const late = await closing.http.inject({
        method: 'POST',
        url: `${storyPath(old)}/comments`,
        headers: { origin: SITE_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ ...typed, started: '1' }).toString(),
      });
      assert.equal(late.statusCode, 403);
      assert.match(late.body, /My careful thoughts, typed for ten minutes\./);
    } finally {
      await closing.close();
    }
  });

  it('forgets client addresses after COMMENTS_IP_RETENTION_DAYS, and keeps the comments', async () => {
    const before = await app.database.db
      .selectFrom('comments')
      .select('id')
      .where('author_ip', 'is not', null)
      .execute();
    assert.ok(before.length > 0);
    clock.advance(31 * 86_400_000);
    await app.services.jobs.runDueNow();
    const after = await app.database.db
      .selectFrom('comments')
      .select('id')
      .where('author_ip', 'is not', null)
      .execute();
    assert.equal(after.length, 0);
    assert.ok((await app.database.db.selectFrom('comments').select('id').execute()).length >= before.length);
  });

  it('the commenter cookie keeps a pending commenter off the shared cache; approval purges the story’s page', async () => {
    clock.advance(60_000);
    // Purges of earlier tests (approvals) are batched: let them land first, or one landing during the
    // first render rightly stores that page already stale.
    await app.services.purger.idle();
    const base = await listen(app);
    await request(base, path);
    const cached = await request(base, path);
    assert.equal(cached.headers['x-cache'], 'HIT');
    const res = await postComment(
      app,
      clock,
      path,
      { ...typed, email: 'new@example.com', body: 'New here' },
      { ip: nextIp() },
    );
    const cookie = commenterCookieOf(res)!;
    const mine = await request(base, path, { headers: { cookie } });
    assert.equal(mine.headers['x-cache'], undefined, 'never from the cache');
    assert.equal(mine.headers['cache-control'], 'private, no-store', 'and never stored');
    assert.match(mine.text, /New here/);
    const shared = await request(base, path);
    assert.equal(shared.headers['x-cache'], 'HIT');
    assert.doesNotMatch(shared.text, /New here/);
    await app.services.comments.moderate([(await rowOf(res)).id], 'approve');
    await app.services.purger.idle();
    const fresh = await eventually(async () => {
      const page = await request(base, path);
      return page.headers['x-cache'] === 'HIT' && page.text.includes('New here') ? page : undefined;
    }, 5000);
    assert.ok(fresh, 'after the purge readers get the page with the approved comment');
  });
});
