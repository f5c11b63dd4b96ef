import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ArticleInput } from '../../src/content/article.input.ts';
import { ConflictError, ValidationError } from '../../src/shared/errors.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

describe('article service', () => {
  let app: TestApp;
  let base: ArticleInput;
  before(async () => {
    app = await createTestApp();
    const section = await app.services.taxonomy.createSection({ name: 'World' });
    const author = await app.services.taxonomy.createAuthor({ name: 'Maria Kovalenko' });
    base = {
      language: 'en',
      title: 'Talks resume in Geneva',
      body: [{ type: 'paragraph', text: 'Negotiators met again on Monday.' }],
      status: 'published',
      sectionId: section.id,
      authorIds: [author.id],
      tags: ['Diplomacy', 'Switzerland'],
    };
  });
  after(() => app.close());

  it('creates an article with a slug from its headline, an excerpt and its relations', async () => {
    const article = await app.services.articles.create(base);
    assert.equal(article.slug, 'talks-resume-in-geneva');
    assert.equal(article.excerpt, 'Negotiators met again on Monday.');
    assert.deepEqual(
      article.authors.map((a) => a.name),
      ['Maria Kovalenko'],
    );
    assert.deepEqual(
      article.tags.map((t) => t.slug),
      ['diplomacy', 'switzerland'],
    );
    assert.ok(article.publishedAt);
    assert.equal(article.version, 1);
  });

  it('gives a second story with the same headline its own address', async () => {
    const again = await app.services.articles.create(base);
    assert.equal(again.slug, 'talks-resume-in-geneva-2');
  });

  it('refuses an address another article already has, naming the field', async () => {
    await assert.rejects(
      app.services.articles.create({ ...base, slug: 'talks-resume-in-geneva' }),
      (e: unknown) => e instanceof ValidationError && /already uses this address/.test(e.fields.slug ?? ''),
    );
  });

  it('refuses invalid input with a sentence and writes nothing', async () => {
    const before = await app.database.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await assert.rejects(
      app.services.articles.create({ ...base, title: '   ' }),
      /Please give the article a headline/,
    );
    await assert.rejects(
      app.services.articles.create({ ...base, body: [{ type: 'script', text: 'x' }] }),
      /The article body is not valid/,
    );
    await assert.rejects(
      app.services.articles.createMany([
        { ...base, title: 'Valid one' },
        { ...base, status: 'bogus' as never },
      ]),
      /not a known article status/,
    );
    const afterCount = await app.database.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(afterCount.n), Number(before.n));
  });

  it('checks the version on save: the second of two concurrent edits gets a conflict, not an overwrite', async () => {
    const article = await app.services.articles.create({ ...base, title: 'Versioned story' });
    const first = await app.services.articles.update(article.id, article.version, {
      ...base,
      title: 'Versioned story, first edit',
    });
    assert.equal(first.version, 2);
    await assert.rejects(
      app.services.articles.update(article.id, article.version, {
        ...base,
        title: 'Versioned story, second edit',
      }),
      (e: unknown) => e instanceof ConflictError,
    );
    assert.equal((await app.services.articles.getById(article.id))?.title, 'Versioned story, first edit');
  });

  it('marks a published story as revised when it is updated, and keeps its first publication time', async () => {
    const article = await app.services.articles.create({ ...base, title: 'Revised story' });
    const updated = await app.services.articles.update(article.id, article.version, {
      ...base,
      title: 'Revised story (updated)',
    });
    assert.equal(updated.publishedAt, article.publishedAt);
    assert.ok(updated.revisedAt);
  });

  it('links a translation to its original in one translation group', async () => {
    const original = await app.services.articles.create({ ...base, title: 'Original story' });
    const translation = await app.services.articles.create({
      ...base,
      language: 'uk',
      title: 'Оригінальна історія',
      translationOfId: original.id,
    });
    const reloaded = await app.services.articles.getById(original.id);
    assert.ok(translation.translationGroupId);
    assert.equal(reloaded?.translationGroupId, translation.translationGroupId);
    assert.equal(translation.slug, 'oryhinalna-istoriia');
    const links = await app.services.articles.publishedTranslations(reloaded!);
    assert.deepEqual(
      links.map((l) => l.language),
      ['uk'],
    );
  });

  it('stores provenance and reads it back', async () => {
    const article = await app.services.articles.create({
      ...base,
      title: 'Imported story',
      source: {
        outlet: '24 Channel',
        originalAuthor: 'Polina Buyanova',
        originalLanguage: 'uk',
        originalUrl: 'https://24tv.ua/x',
      },
    });
    assert.equal(article.source?.outlet, '24 Channel');
    assert.equal(article.source?.originalUrl, 'https://24tv.ua/x');
    await assert.rejects(
      app.services.articles.create({
        ...base,
        title: 'Bad source',
        source: { originalUrl: 'javascript:alert(1)' },
      }),
      /Original address must be an http\(s\) address/,
    );
  });
});
