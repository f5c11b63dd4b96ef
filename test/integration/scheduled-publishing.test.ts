import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PUBLISH_JOB } from '../../src/editorial/editorial.service.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/** Scheduled publishing as several instances run it: each story published, and announced, exactly once. */
describe('scheduled publishing', () => {
  let app: TestApp;
  const clock = fixedClock('2026-03-01T08:00:00.000Z');
  const published: number[] = [];
  before(async () => {
    app = await createTestApp({ clock });
    app.services.events.on('article.published', ({ articleId }) => void published.push(articleId));
  });
  after(() => app.close());

  const schedule = async (title: string, scheduledAt: string) =>
    app.services.articles.create({
      language: 'en',
      title,
      body: [{ type: 'paragraph', text: `${title}. Embargoed until the minister speaks.` }],
      status: 'scheduled',
      scheduledAt,
    });

  it('two instances sweeping for due stories at the same moment publish each once, at its scheduled time', async () => {
    const budget = await schedule('Budget passes first reading', '2026-03-01T09:00:00.000Z');
    const later = await schedule('Budget debate continues', '2026-03-01T12:00:00.000Z');
    assert.equal(await app.services.editorial.publishDue(), 0, 'nothing is due at 08:00');
    assert.equal((await app.http.inject({ url: `/article/${budget.slug}` })).statusCode, 404);

    clock.set('2026-03-01T09:00:05.000Z');
    published.length = 0;
    const [first, second] = await Promise.all([
      app.services.editorial.publishDue(),
      app.services.editorial.publishDue(),
    ]);
    assert.equal(first + second, 1);
    assert.deepEqual(published, [budget.id], 'announced (purges, search, webhooks) exactly once');
    const live = (await app.services.articles.getById(budget.id))!;
    assert.equal(live.status, 'published');
    assert.equal(live.publishedAt, '2026-03-01T09:00:00.000Z');
    assert.equal(live.version, budget.version + 1);
    assert.equal((await app.http.inject({ url: `/article/${budget.slug}` })).statusCode, 200);
    assert.equal((await app.services.articles.getById(later.id))!.status, 'scheduled', 'not due yet');
  });

  it('a story’s own job publishes it when its time comes, and only then', async () => {
    const story = await schedule('Ceasefire announced', '2026-03-01T13:00:00.000Z');
    await app.services.jobs.enqueue(
      PUBLISH_JOB,
      { articleId: story.id },
      { runAt: new Date(story.scheduledAt!) },
    );
    clock.set('2026-03-01T12:59:00.000Z');
    await app.services.jobs.runDueNow();
    assert.equal((await app.services.articles.getById(story.id))!.status, 'scheduled');
    clock.set('2026-03-01T13:00:01.000Z');
    published.length = 0;
    await app.services.jobs.runDueNow();
    assert.equal((await app.services.articles.getById(story.id))!.status, 'published');
    assert.deepEqual(published, [story.id]);
  });
});
