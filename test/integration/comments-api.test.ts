import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Article } from '../../src/content/types.ts';
import { commentsPageSchema } from '../../src/http/api/comments.route.tsx';
import { commentClock, formTokenOf, publishedStory, SITE_ORIGIN, storyPath } from '../helpers/comments.ts';
import { parsePage, text } from '../helpers/html.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

describe('comment threads, the JSON API and the comment feed', () => {
  let app: TestApp;
  let story: Article;
  let path: string;
  const clock = commentClock();
  let n = 0;

  /** Posts through the JSON endpoint as the page's script does. */
  async function postJson(
    fields: Record<string, unknown>,
    headers: Record<string, string> = { origin: SITE_ORIGIN },
  ) {
    const started = formTokenOf((await app.http.inject({ url: path })).body);
    clock.advance(15_000);
    return app.http.inject({
      method: 'POST',
      url: `/api/v1/articles/${story.slug}/comments?lang=en`,
      headers: { 'content-type': 'application/json', ...headers },
      remoteAddress: `192.0.2.${++n}`,
      payload: JSON.stringify({
        name: 'Reader',
        email: `reader${n}@example.com`,
        body: 'Hi',
        started,
        ...fields,
      }),
    });
  }

  before(async () => {
    app = await createTestApp({ clock });
    story = await publishedStory(app);
    path = storyPath(story);
  });
  after(() => app.close());

  it('posts JSON from this site: 201 with the comment, its place, and the HTML the page shows', async () => {
    const res = await postJson({ name: 'Olena', email: 'olena@example.com', body: 'First <b>thoughts</b>' });
    assert.equal(res.statusCode, 201);
    const answer = res.json();
    assert.equal(answer.comment.status, 'pending');
    assert.equal(answer.comment.author.name, 'Olena');
    assert.equal(answer.comment.url, `http://newsdesk.test${path}#comment-${answer.comment.id}`);
    assert.equal(answer.message, 'Thank you. Your comment is awaiting moderation.');
    assert.match(
      answer.html,
      new RegExp(`<li class="comment comment--level-1 comment--pending" id="comment-${answer.comment.id}"`),
    );
    assert.match(answer.html, /First &lt;b>thoughts&lt;\/b>/);
    assert.ok(!JSON.stringify(answer).includes('olena@example.com'));
    assert.ok(res.cookies.some((c: { name: string }) => c.name === 'nd_commenter'));
  });

  it('refuses JSON from another site, and explains invalid fields per field in the story’s language', async () => {
    const evil = await postJson({}, { origin: 'https://evil.example' });
    assert.equal(evil.statusCode, 403);
    assert.equal(
      evil.json().error.message,
      'This form was sent from another site, so it was not posted. Please send it from this page.',
    );
    const bad = await postJson({ email: 'nope', name: '' });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(Object.keys(bad.json().error.fields).sort(), ['email', 'name']);
  });

  it('threads: nested three levels, deeper replies flattened on the third with “in reply to”', async () => {
    // Approve everyone up front so the thread is public.
    let parent: number | null = null;
    const ids: number[] = [];
    for (const name of ['Anna', 'Bohdan', 'Chen', 'Dara', 'Emil']) {
      const res = await postJson({
        name,
        email: `${name}@example.com`,
        body: `${name} speaks`,
        parentId: parent,
      });
      assert.equal(res.statusCode, 201, res.body);
      const id: number = res.json().comment.id;
      await app.services.comments.moderate([id], 'approve');
      ids.push(id);
      parent = id;
    }
    const doc = parsePage((await app.http.inject({ url: path })).body);
    const [anna, bohdan, chen, dara, emil] = ids.map((id) => doc.querySelector(`#comment-${id}`)!);
    assert.ok(anna!.classList.contains('comment--level-1'));
    assert.equal(bohdan!.parentElement!.parentElement, anna, 'Bohdan nested under Anna');
    assert.equal(chen!.parentElement!.parentElement, bohdan, 'Chen nested under Bohdan');
    assert.ok(chen!.classList.contains('comment--level-3'));
    assert.equal(dara!.parentElement, chen!.parentElement, 'Dara beside Chen, not deeper');
    assert.equal(emil!.parentElement, chen!.parentElement, 'Emil too');
    assert.equal(text(dara!.querySelector('.comment-reply-to')), 'in reply to Chen');
    assert.equal(text(emil!.querySelector('.comment-reply-to')), 'in reply to Dara');
    assert.equal(chen!.querySelector('.comment-reply-to'), null);
    // Newest first puts the newest thread first; a thread reads oldest first inside.
    const late = await postJson({ name: 'Zoe', email: 'anna@example.com', body: 'A new thread' });
    const newest = parsePage((await app.http.inject({ url: `${path}?order=newest` })).body);
    const tops = Array.from(newest.querySelectorAll('.comment-list > li')).map((li) => li.id);
    assert.deepEqual(tops, [`comment-${late.json().comment.id}`, `comment-${ids[0]}`]);
  });

  it('a reply link without script addresses the form to the comment', async () => {
    const doc = parsePage((await app.http.inject({ url: path })).body);
    const first = doc.querySelector('.comment-reply')!;
    const href = first.getAttribute('href')!;
    assert.match(href, /\?replyto=\d+#leave-comment$/);
    const form = parsePage((await app.http.inject({ url: href.split('#')[0]! })).body);
    assert.equal(
      form.querySelector('input[name="parentId"]')?.getAttribute('value'),
      href.match(/replyto=(\d+)/)![1],
    );
    assert.match(text(form.querySelector('.comment-replying')), /^Replying to Anna\. Cancel reply$/);
  });

  it('GET lists approved comments with pages, and never an email address', async () => {
    const res = await app.http.inject({ url: `/api/v1/articles/${story.slug}/comments` });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.total, 6);
    assert.equal(body.page, 1);
    assert.ok(body.comments.every((c: { status: string }) => c.status === 'approved'));
    assert.deepEqual(Object.keys(body.comments[0]).sort(), [
      'author',
      'byPublication',
      'createdAt',
      'depth',
      'id',
      'inReplyTo',
      'parentId',
      'status',
      'text',
      'url',
    ]);
    assert.ok(commentsPageSchema.safeParse(body).success, 'the shape the OpenAPI document promises');
    const bad = await app.http.inject({ url: `/api/v1/articles/${story.slug}/comments?page=zero` });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.message, /“page” parameter must be a whole number/);
    const order = await app.http.inject({ url: `/api/v1/articles/${story.slug}/comments?order=sideways` });
    assert.equal(order.statusCode, 400);
    assert.match(order.json().error.message, /oldest or newest/);
    const missing = await app.http.inject({ url: `/api/v1/articles/no-such-story/comments` });
    assert.equal(missing.statusCode, 404);
  });

  it('both comment endpoints are in the OpenAPI document and on the /api page', async () => {
    const doc = (await app.http.inject({ url: '/api/v1/openapi.json' })).json();
    const path = doc.paths['/articles/{slug}/comments'];
    assert.equal(path.get.operationId, 'listComments');
    assert.equal(path.post.operationId, 'postComment');
    assert.deepEqual(
      Object.keys(path.post.requestBody.content['application/json'].schema.properties).sort(),
      ['body', 'email', 'name', 'parentId', 'started', 'website'],
    );
    assert.deepEqual(Object.keys(path.post.responses).sort(), ['201', '400', '403', '404', '429']);
    const page = (await app.http.inject({ url: '/api' })).body;
    assert.match(page, /POST[\s\S]{0,200}\/api\/v1\/articles\/\{slug\}\/comments/);
    assert.match(page, /GET[\s\S]{0,200}\/api\/v1\/articles\/\{slug\}\/comments/);
  });

  it('the story’s comment feed (linked from the page head) lists approved comments', async () => {
    const page = parsePage((await app.http.inject({ url: path })).body);
    const link = page.querySelector('link[rel="alternate"][href$="/comments.xml"]');
    assert.equal(link?.getAttribute('href'), `http://newsdesk.test${path}/comments.xml`);
    const feed = await app.http.inject({ url: `${path}/comments.xml` });
    assert.equal(feed.statusCode, 200);
    assert.match(String(feed.headers['content-type']), /application\/rss\+xml/);
    assert.equal((feed.body.match(/<item>/g) ?? []).length, 6);
    assert.match(feed.body, /<title>Emil on “Talks resume in Geneva”<\/title>/);
    assert.match(feed.body, /<dc:creator>Emil<\/dc:creator>/);
  });

  it('no email address appears in the page, the feed or the API, pending comments included', async () => {
    const emails = (await app.database.db.selectFrom('comments').select('author_email').execute()).map(
      (r) => r.author_email,
    );
    assert.ok(emails.length >= 7);
    const outputs = [
      (await app.http.inject({ url: path })).body,
      (await app.http.inject({ url: `${path}?order=newest` })).body,
      (await app.http.inject({ url: `${path}/comments.xml` })).body,
      (await app.http.inject({ url: `/api/v1/articles/${story.slug}/comments` })).body,
      (await app.http.inject({ url: '/' })).body,
    ];
    for (const output of outputs)
      for (const email of emails) assert.ok(!output.toLowerCase().includes(email), email);
  });
});
