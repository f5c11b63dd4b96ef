import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Article } from '../../src/content/types.ts';
import {
  commentClock,
  commenterCookieOf,
  postComment,
  publishedStory,
  storyPath,
} from '../helpers/comments.ts';
import { parsePage, text } from '../helpers/html.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

describe('posting a comment with the plain form', () => {
  let app: TestApp;
  let story: Article;
  let path: string;
  const clock = commentClock();

  before(async () => {
    app = await createTestApp({ clock });
    story = await publishedStory(app);
    path = storyPath(story);
  });
  after(() => app.close());

  it('shows "Leave a Comment" under the story with every field', async () => {
    const doc = parsePage((await app.http.inject({ url: path })).body);
    const form = doc.querySelector('form#leave-comment');
    assert.ok(form);
    assert.equal(form.getAttribute('method'), 'post');
    assert.equal(form.getAttribute('action'), `${path}/comments`);
    assert.equal(text(form.querySelector('h2')), 'Leave a Comment');
    for (const name of ['body', 'name', 'email', 'website', 'parentId', 'started', 'phone'])
      assert.ok(form.querySelector(`[name="${name}"]`), `field ${name}`);
  });

  it('holds a first-time commenter: 303 to the comment, shown to them as awaiting moderation and to no one else', async () => {
    const res = await postComment(app, clock, path, { body: 'First time here.\n\nSecond paragraph.' });
    assert.equal(res.statusCode, 303);
    const location = String(res.headers.location);
    assert.match(location, new RegExp(`^${path}#comment-\\d+$`));
    const id = location.split('#comment-')[1];
    const cookie = commenterCookieOf(res);
    assert.ok(cookie, 'the commenter cookie is set');
    const mine = parsePage((await app.http.inject({ url: path, headers: { cookie } })).body);
    const item = mine.querySelector(`#comment-${id}`);
    assert.ok(item, 'the author sees their comment');
    assert.match(text(item), /awaiting moderation/);
    assert.equal(item.querySelectorAll('.comment-body p').length, 2);
    const theirs = await app.http.inject({ url: path });
    assert.equal(parsePage(theirs.body).querySelector(`#comment-${id}`), null, 'nobody else sees it');
    const row = await app.database.db
      .selectFrom('comments')
      .selectAll()
      .where('id', '=', Number(id))
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'pending');
    assert.equal(row.held_reason, 'first-time');
  });

  it('publishes at once once an editor approved one of the commenter’s comments', async () => {
    const pending = await app.database.db
      .selectFrom('comments')
      .select('id')
      .where('author_email', '=', 'olena@example.com')
      .execute();
    await app.services.comments.moderate(
      pending.map((r) => r.id),
      'approve',
    );
    const res = await postComment(app, clock, path, {
      body: 'Back again, and trusted now.',
      email: 'OLENA@example.com',
    });
    assert.equal(res.statusCode, 303);
    const id = String(res.headers.location).split('#comment-')[1];
    const page = parsePage((await app.http.inject({ url: path })).body);
    const item = page.querySelector(`#comment-${id}`);
    assert.ok(item, 'everyone sees it');
    assert.doesNotMatch(text(item), /awaiting moderation/);
    assert.equal(text(page.querySelector('#comments-heading')), '2 comments');
  });
});
