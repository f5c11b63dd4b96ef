import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PurgeRequest } from '../../src/cache/page-store.ts';
import { updateArticle } from '../helpers/articles.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/** What the purger decides for each change, read off the purges it applies. */
describe('purge planning', () => {
  let app: TestApp;
  const purges: PurgeRequest[] = [];
  let ids: { world: number; asia: number; business: number; maria: number; tom: number };

  /** The purges one change causes, as sorted soft and hard key lists. */
  async function purgesOf(change: () => Promise<unknown>) {
    await app.services.purger.idle();
    purges.length = 0;
    await change();
    await app.services.purger.idle();
    const keys = (hard: boolean) =>
      purges
        .filter((p) => Boolean(p.hard) === hard)
        .flatMap((p) => (p.keys === 'all' ? ['*'] : p.keys))
        .sort();
    return { soft: keys(false), hard: keys(true) };
  }

  before(async () => {
    app = await createTestApp();
    app.services.purger.onPurge((request) => purges.push(request));
    const { taxonomy } = app.services;
    const world = await taxonomy.createSection({ name: 'World' });
    const asia = await taxonomy.createSection({ name: 'Asia', parentId: world.id });
    const business = await taxonomy.createSection({ name: 'Business' });
    const maria = await taxonomy.createAuthor({ name: 'Maria Kovalenko' });
    const tom = await taxonomy.createAuthor({ name: 'Tom Reid' });
    ids = { world: world.id, asia: asia.id, business: business.id, maria: maria.id, tom: tom.id };
  });
  after(() => app.close());

  const story = (changes: Record<string, unknown> = {}) =>
    app.services.articles.create({
      language: 'en',
      title: 'Typhoon reaches the coast',
      body: [{ type: 'paragraph', text: 'Winds of 150 km/h.' }],
      status: 'published',
      sectionId: ids.asia,
      authorIds: [ids.maria],
      tags: ['Weather'],
      ...changes,
    });

  it('publishing purges the story and every list it joins, up the section tree', async () => {
    let id = 0;
    const { soft, hard } = await purgesOf(async () => (id = (await story()).id));
    const tag = (await app.services.articles.getById(id))!.tags[0]!.id;
    assert.deepEqual(hard, []);
    assert.deepEqual(
      soft,
      [
        `article:${id}`,
        'home:en',
        `list:author:${ids.maria}`,
        `list:section:${ids.asia}`,
        `list:section:${ids.world}`,
        `list:tag:${tag}`,
      ].sort(),
    );
  });

  it('an edit that moves nothing purges the story alone; a move purges the lists it leaves and joins', async () => {
    const { id } = await story();
    assert.deepEqual(
      await purgesOf(() => updateArticle(app, id, { title: 'Typhoon makes landfall', body: [] })),
      { soft: [`article:${id}`], hard: [] },
    );
    const moved = await purgesOf(() =>
      updateArticle(app, id, { sectionId: ids.business, authorIds: [ids.tom] }),
    );
    for (const key of [
      `list:section:${ids.asia}`,
      `list:section:${ids.world}`,
      `list:section:${ids.business}`,
      `list:author:${ids.maria}`,
      `list:author:${ids.tom}`,
      'home:en',
    ])
      assert.ok(moved.soft.includes(key), key);
    const redated = await purgesOf(() => updateArticle(app, id, { publishedAt: '2020-01-01T00:00:00.000Z' }));
    assert.ok(redated.soft.includes(`list:section:${ids.business}`), 're-dating reorders its lists');
  });

  it('unpublishing purges the story hard (never shown again) and its lists softly', async () => {
    const { id } = await story();
    const { soft, hard } = await purgesOf(() => updateArticle(app, id, { status: 'unpublished' }));
    assert.deepEqual(hard, [`article:${id}`]);
    assert.ok(soft.includes(`list:section:${ids.asia}`) && soft.includes('home:en'));
    assert.deepEqual(
      await purgesOf(() => updateArticle(app, id, { title: 'Still a draft' })),
      { soft: [], hard: [] },
      'editing an unpublished story purges nothing',
    );
  });

  it('a new translation purges the pages of its other language versions (their language switchers)', async () => {
    const original = await story({ title: 'Floods in the north' });
    let translation = 0;
    const { soft } = await purgesOf(
      async () =>
        (translation = (
          await story({ language: 'uk', title: 'Повені на півночі', translationOfId: original.id, tags: [] })
        ).id),
    );
    assert.ok(soft.includes(`article:${original.id}`));
    assert.ok(soft.includes(`article:${translation}`) && soft.includes('home:uk'));
  });

  it('comments, authors, tags and sections purge what shows them', async () => {
    const { id } = await story();
    await app.services.purger.idle();
    assert.deepEqual(
      await purgesOf(() => app.services.events.emit('comment.approved', { commentId: 1, articleId: id })),
      { soft: [`comments:${id}`], hard: [] },
    );
    assert.deepEqual(
      await purgesOf(() => app.services.events.emit('author.changed', { authorId: ids.tom })),
      { soft: [`author:${ids.tom}`], hard: [] },
    );
    assert.deepEqual(await purgesOf(() => app.services.events.emit('tag.changed', { tagId: 7 })), {
      soft: ['tag:7'],
      hard: [],
    });
    assert.deepEqual(
      await purgesOf(() => app.services.taxonomy.createSection({ name: 'Science' })),
      { soft: ['site'], hard: [] },
      'a section change purges every page: the navigation lists the sections',
    );
  });

  it('events that arrive together (a bulk import) become a purge or two, not one per story', async () => {
    const inputs = Array.from({ length: 50 }, (_, i) => ({
      language: 'en',
      title: `Wire story ${i}`,
      body: [{ type: 'paragraph' as const, text: 'Text.' }],
      status: 'published' as const,
      sectionId: ids.business,
    }));
    const created = await app.services.articles.createMany(inputs);
    await app.services.purger.idle();
    purges.length = 0;
    await Promise.all(created.map((articleId) => app.services.events.emit('article.updated', { articleId })));
    await app.services.purger.idle();
    // Usually one; other listeners (the search index) run first and may spread the events out.
    assert.ok(purges.length <= 5, `${purges.length} purges`);
    assert.deepEqual(
      purges.flatMap((p) => (p.keys === 'all' ? [] : p.keys)).sort(),
      created.map((id) => `article:${id}`).sort(),
    );
  });
});
