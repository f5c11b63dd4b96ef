import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { updateArticle } from '../helpers/articles.ts';
import { commentClock, postComment, storyPath } from '../helpers/comments.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * With the full-page cache off, reader pages are built from the reader cache (stories, related
 * cards, bodies). Every change must show on the very next request — no waiting for the purger — and a
 * purge from elsewhere (another instance, an admin) must reach it too.
 */
describe('reader cache (page cache off): changes show at once', () => {
  let app: TestApp;
  const clock = commentClock();
  const page = async (path: string) => app.http.inject({ url: path });

  before(async () => {
    app = await createTestApp({ env: { PAGE_CACHE_MB: '0' }, clock });
  });
  after(() => app.close());

  it('a corrected headline, body, byline or tag shows on the next request', async () => {
    const { taxonomy, articles } = app.services;
    const maria = await taxonomy.createAuthor({ name: 'Maria Kovalenko' });
    const world = await taxonomy.createSection({ name: 'World' });
    const story = await articles.create({
      language: 'en',
      title: 'Talks resume in Geneva',
      body: [{ type: 'paragraph', text: 'The first paragraph of the story.' }],
      status: 'published',
      sectionId: world.id,
      authorIds: [maria.id],
      tags: ['Diplomacy'],
      publishedAt: '2026-03-01T08:00:00.000Z',
    });
    // The purges the publication plans come a moment later; let them pass before counting hits.
    await app.services.purger.idle();
    const path = storyPath(story);
    const first = await page(path);
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /Talks resume in Geneva/);
    assert.equal((await page(path)).body.includes('Talks resume in Geneva'), true);
    assert.ok(app.services.readerCache.stats.hits > 0, 'the second view came from the reader cache');

    await updateArticle(app, story.id, {
      title: 'Talks resume in Geneva after a pause',
      body: [{ type: 'paragraph', text: 'A corrected first paragraph.' }],
    });
    const corrected = await page(path);
    assert.match(corrected.body, /Talks resume in Geneva after a pause/);
    assert.match(corrected.body, /A corrected first paragraph\./);
    assert.doesNotMatch(corrected.body, /The first paragraph of the story\./);

    await taxonomy.updateAuthor(maria.id, { name: 'Maria Kovalenko-Reid' });
    assert.match((await page(path)).body, /Maria Kovalenko-Reid/);
    const tag = (await app.services.articles.getById(story.id))!.tags[0]!;
    await taxonomy.updateTag(tag.id, { name: 'Peace talks' });
    assert.match((await page(path)).body, /Peace talks/);
    await taxonomy.updateSection(world.id, { name: 'Worldwide', slug: world.slug });
    assert.match((await page(path)).body, /Worldwide/);

    await updateArticle(app, story.id, { status: 'draft' });
    assert.equal((await page(path)).statusCode, 404, 'a story taken down is gone at once');
  });

  it('an approved comment and its count show on the next request', async () => {
    const story = await app.services.articles.create({
      language: 'en',
      title: 'Harbour reopens',
      body: [{ type: 'paragraph', text: 'Ships return.' }],
      status: 'published',
      publishedAt: '2026-03-01T09:00:00.000Z',
    });
    const path = storyPath(story);
    assert.doesNotMatch((await page(path)).body, /A thoughtful comment about the harbour/);
    const posted = await postComment(app, clock, path, { body: 'A thoughtful comment about the harbour.' });
    assert.ok(posted.statusCode < 400, `posting answered ${posted.statusCode}`);
    const row = await app.database.db
      .selectFrom('comments')
      .select(['id', 'status'])
      .where('article_id', '=', story.id)
      .executeTakeFirstOrThrow();
    if (row.status !== 'approved') await app.services.comments.moderate([row.id], 'approve');
    const shown = await page(path);
    assert.match(shown.body, /A thoughtful comment about the harbour\./);
  });

  it('a purge from elsewhere (another instance, the CLI) drops what it names', async () => {
    const story = await app.services.articles.create({
      language: 'en',
      title: 'Bridge opens to traffic',
      body: [{ type: 'paragraph', text: 'Cars cross.' }],
      status: 'published',
      publishedAt: '2026-03-01T10:00:00.000Z',
    });
    await app.services.purger.idle();
    const path = storyPath(story);
    assert.match((await page(path)).body, /Bridge opens to traffic/);
    // Written behind this instance's back, as another instance's write looks from here.
    await app.database.db
      .updateTable('articles')
      .set({ title: 'Bridge opens to lorries' })
      .where('id', '=', story.id)
      .execute();
    assert.match((await page(path)).body, /Bridge opens to traffic/, 'kept until a purge');
    await app.services.purger.purge([{ keys: [`article:${story.id}`] }]);
    assert.match((await page(path)).body, /Bridge opens to lorries/);
  });
});
