import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Article } from '../../src/content/types.ts';
import { cookieHeader, csrfFor, postForm, signedInAs } from '../helpers/admin.ts';
import { commentClock, postComment, publishedStory, storyPath } from '../helpers/comments.ts';
import { parsePage, text } from '../helpers/html.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

describe('moderating comments', () => {
  let app: TestApp;
  let talks: Article;
  let summit: Article;
  let editor: Record<string, string>;
  const clock = commentClock();
  const statusOf = async (id: number) =>
    (
      await app.database.db
        .selectFrom('comments')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).status;
  const idOf = (res: { headers: Record<string, unknown> }) =>
    Number(String(res.headers.location).split('#comment-')[1]);

  before(async () => {
    app = await createTestApp({ clock });
    talks = await publishedStory(app, 'Talks resume in Geneva');
    summit = await publishedStory(app, 'Summit ends without a deal');
    editor = (await signedInAs(app, 'editor')).jar;
  });
  after(() => app.close());

  it('one queue across stories, with the pending count as a badge in the navigation', async () => {
    await postComment(app, clock, storyPath(talks), {
      body: 'On talks.',
      email: 'a@example.com',
      name: 'Anna',
    });
    await postComment(app, clock, storyPath(summit), {
      body: 'On the summit.',
      email: 'b@example.com',
      name: 'Bohdan',
    });
    const res = await app.http.inject({ url: '/admin/comments', headers: { cookie: cookieHeader(editor) } });
    assert.equal(res.statusCode, 200);
    const doc = parsePage(res.body);
    assert.equal(text(doc.querySelector('.admin-nav a[href="/admin/comments"] .badge')), '2');
    const items = Array.from(doc.querySelectorAll('.queue-item'));
    assert.equal(items.length, 2);
    assert.match(text(items[0]), /Bohdan b@example\.com .*Summit ends without a deal/);
    assert.match(text(items[1]), /Held: first-time commenter/);
  });

  it('filters by story, commenter and status', async () => {
    const byStory = parsePage(
      (
        await app.http.inject({
          url: `/admin/comments?story=${talks.id}`,
          headers: { cookie: cookieHeader(editor) },
        })
      ).body,
    );
    assert.deepEqual(Array.from(byStory.querySelectorAll('.queue-item strong')).map(text), ['Anna']);
    const byEmail = parsePage(
      (
        await app.http.inject({
          url: '/admin/comments?status=all&email=B@example.com',
          headers: { cookie: cookieHeader(editor) },
        })
      ).body,
    );
    assert.deepEqual(Array.from(byEmail.querySelectorAll('.queue-item strong')).map(text), ['Bohdan']);
    assert.match(
      text(byEmail.querySelector('.queue-history')),
      /b@example\.com: 0 approved · 1 pending · 0 spam · 0 in trash/,
    );
    const approved = parsePage(
      (
        await app.http.inject({
          url: '/admin/comments?status=approved',
          headers: { cookie: cookieHeader(editor) },
        })
      ).body,
    );
    assert.equal(approved.querySelectorAll('.queue-item').length, 0);
  });

  it('approves in bulk: readers see the comments and the counts at once (the cached page is purged)', async () => {
    const path = storyPath(talks);
    const before = await app.http.inject({ url: path });
    assert.equal(parsePage(before.body).querySelectorAll('.comment').length, 0);
    await app.http.inject({ url: path }); // now in the page cache
    const ids = (await app.database.db.selectFrom('comments').select('id').execute()).map((r) =>
      String(r.id),
    );
    const done = await bulk(ids, 'approve', 'pending');
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/admin/comments?changed=2');
    for (const id of ids) assert.equal(await statusOf(Number(id)), 'approved');
    await app.services.purger.idle();
    await app.http.inject({ url: path }); // the stale copy, while it is rendered again
    await app.services.purger.idle();
    const fresh = parsePage((await app.http.inject({ url: path })).body);
    assert.equal(fresh.querySelectorAll('.comment').length, 1);
    assert.equal(text(fresh.querySelector('#comments-heading')), '1 comment');
    const home = parsePage((await app.http.inject({ url: '/' })).body);
    assert.match(text(home.body), /1 comment/);
  });

  /** Sends the queue's bulk form with several comments ticked. */
  async function bulk(ids: string[], action: string, status: string) {
    const { token, jar } = await csrfFor(app, `/admin/comments?status=${status}`, editor);
    const form = new URLSearchParams({ _csrf: token, action, status });
    for (const id of ids) form.append('ids', id);
    return app.http.inject({
      method: 'POST',
      url: '/admin/comments/bulk',
      headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
      payload: form.toString(),
    });
  }

  it('spam, trash and restore: a restored comment goes back to where it was', async () => {
    const res = await postComment(app, clock, storyPath(talks), {
      body: 'Trusted now.',
      email: 'a@example.com',
      name: 'Anna',
    });
    const id = idOf(res);
    assert.equal(await statusOf(id), 'approved');
    const act = (action: string) => bulk([String(id)], action, 'all');
    assert.equal((await act('spam')).statusCode, 303);
    assert.equal(await statusOf(id), 'spam');
    assert.equal((await app.services.articles.getById(talks.id))?.commentCount, 1);
    await act('trash');
    assert.equal(await statusOf(id), 'trash');
    await act('restore');
    assert.equal(await statusOf(id), 'approved', 'restored to approved, what it was before spam');
    assert.equal((await app.services.articles.getById(talks.id))?.commentCount, 2);
  });

  it('replies as the publication: published under the site name, answering the comment', async () => {
    const parent = (
      await app.database.db
        .selectFrom('comments')
        .select('id')
        .where('author_name', '=', 'Bohdan')
        .executeTakeFirstOrThrow()
    ).id;
    const res = await postForm(
      app,
      '/admin/comments?status=all',
      `/admin/comments/${parent}/reply`,
      { body: 'Thank you, we corrected the date.', status: 'all' },
      editor,
    );
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/comments?status=all&replied=1');
    await app.services.purger.idle();
    const page = parsePage(
      (await app.http.inject({ url: storyPath(summit), headers: { cookie: 'nd_commenter=x' } })).body,
    );
    const reply = page.querySelector('.comment--publication');
    assert.ok(reply);
    assert.match(text(reply), /^Newsdesk The newsroom/);
    assert.match(text(reply), /Thank you, we corrected the date\./);
    assert.ok(
      page.querySelector(`#comment-${parent} .comment--publication`),
      'nested under the comment it answers',
    );
  });

  it('an editor closes a story: the form is gone, and a late submission comes back refused with its text', async () => {
    const path = storyPath(talks);
    const page = await app.http.inject({ url: path });
    const started = /name="started" value="([^"]+)"/.exec(page.body)![1]!;
    const res = await postForm(
      app,
      `/admin/comments?story=${talks.id}`,
      `/admin/comments/stories/${talks.id}/closed`,
      { closed: '1', story: String(talks.id), status: 'pending' },
      editor,
    );
    assert.equal(res.statusCode, 303);
    await app.services.purger.idle();
    const closed = parsePage(
      (await app.http.inject({ url: path, headers: { cookie: 'nd_commenter=x' } })).body,
    );
    assert.equal(closed.querySelector('form#leave-comment'), null);
    assert.equal(text(closed.querySelector('.comments-closed')), 'Comments on this story are closed.');
    clock.advance(10_000);
    const late = await app.http.inject({
      method: 'POST',
      url: `${path}/comments`,
      headers: { origin: 'http://newsdesk.test', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        body: 'Too late, sadly.',
        name: 'Anna',
        email: 'a@example.com',
        started,
      }).toString(),
    });
    assert.equal(late.statusCode, 403);
    assert.match(late.body, /Comments on this story are closed\./);
    assert.match(late.body, /Too late, sadly\./, 'what they wrote is on the page to copy');
  });

  it('only roles that moderate see the queue', async () => {
    const author = (await signedInAs(app, 'author')).jar;
    const res = await app.http.inject({ url: '/admin/comments', headers: { cookie: cookieHeader(author) } });
    assert.equal(res.statusCode, 403);
  });
});
