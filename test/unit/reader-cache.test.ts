import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createReaderCache } from '../../src/cache/reader-cache.ts';
import { createEventBus } from '../../src/shared/events.ts';

const keep = <T>(value: T) => Promise.resolve(value);

describe('reader cache', () => {
  it('answers from memory until a purge names one of its keys, and only then', async () => {
    const cache = createReaderCache({ maxBytes: 1_000_000 });
    let loads = 0;
    const story = () =>
      cache.remember(
        'published:en:talks',
        () => keep({ id: 7, title: `version ${++loads}` }),
        (s) => [`article:${s.id}`, 'author:3'],
        () => 100,
      );
    assert.equal((await story()).title, 'version 1');
    assert.equal((await story()).title, 'version 1');
    cache.purge({ keys: ['article:8', 'tag:3'] });
    assert.equal((await story()).title, 'version 1');
    cache.purge({ keys: ['author:3'] });
    assert.equal((await story()).title, 'version 2');
    cache.purge({ keys: 'all' });
    assert.equal((await story()).title, 'version 3');
    // Every entry may show a section name: a `site` purge (a section changed) drops it too.
    cache.purge({ keys: ['site'] });
    assert.equal((await story()).title, 'version 4');
    assert.equal(cache.stats.hits, 2);
  });

  it('never stores what was being loaded while a purge happened, nor a story not found', async () => {
    const cache = createReaderCache({ maxBytes: 1_000_000 });
    let release!: () => void;
    const slow = cache.remember(
      'a',
      () => new Promise<string>((resolve) => (release = () => resolve('before the purge'))),
      () => ['article:1'],
      () => 10,
    );
    cache.purge({ keys: ['article:1'] });
    release();
    assert.equal(await slow, 'before the purge');
    assert.equal(
      await cache.remember(
        'a',
        () => keep('after'),
        () => ['article:1'],
        () => 10,
      ),
      'after',
    );
    let asked = 0;
    for (let i = 0; i < 2; i++)
      assert.equal(
        await cache.remember(
          'missing',
          () => keep(void asked++),
          () => [],
          () => 1,
        ),
        undefined,
      );
    assert.equal(asked, 2);
  });

  it('keeps within its size, dropping the least recently used first', async () => {
    const cache = createReaderCache({ maxBytes: 3 * (1000 + 512) });
    const put = (name: string) =>
      cache.remember(
        name,
        () => keep(name),
        () => [],
        () => 1000,
      );
    await put('a');
    await put('b');
    await put('c');
    await put('a'); // used again: now the most recent
    await put('d'); // over the bound: b goes
    assert.equal(cache.stats.entries, 3);
    let reloaded = false;
    await cache.remember(
      'b',
      async () => ((reloaded = true), 'b'),
      () => [],
      () => 1000,
    );
    assert.equal(reloaded, true);
    reloaded = false;
    await cache.remember(
      'a',
      async () => ((reloaded = true), 'a'),
      () => [],
      () => 1000,
    );
    assert.equal(reloaded, false);
  });

  it('drops at once what a domain event names, before any purge is planned', async () => {
    const events = createEventBus((error) => {
      throw error;
    });
    const cache = createReaderCache({ maxBytes: 1_000_000 });
    cache.listenTo(events);
    const put = (name: string, keys: string[]) =>
      cache.remember(
        name,
        () => keep(name),
        () => keys,
        () => 1,
      );
    await put('story', ['article:5', 'comments:5', 'author:2', 'tag:9']);
    await put('related', ['list:related:5', 'article:6']);
    await put('other', ['article:7']);
    await events.emit('comment.approved', { commentId: 1, articleId: 5 });
    assert.equal(cache.stats.entries, 2);
    await events.emit('article.updated', { articleId: 6 });
    assert.equal(cache.stats.entries, 1);
    await events.emit('tag.changed', { tagId: 9 });
    await events.emit('author.changed', { authorId: 2 });
    assert.equal(cache.stats.entries, 1);
    await events.emit('section.changed', { sectionId: 1 });
    assert.equal(cache.stats.entries, 0);
  });
});
