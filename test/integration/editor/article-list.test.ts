import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../../../src/shared/clock.ts';
import { cookieHeader, signedInAs } from '../../helpers/admin.ts';
import { updateArticle } from '../../helpers/articles.ts';
import { parsePage, text } from '../../helpers/html.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

const para = (t: string) => [{ type: 'paragraph', text: t }];

describe('the newsroom article list', () => {
  let app: TestApp;
  const clock = fixedClock('2026-03-01T09:00:00.000Z');
  let editorJar: Record<string, string>;
  let contributorJar: Record<string, string>;
  let originalId: number;
  let translationId: number;

  before(async () => {
    app = await createTestApp({ clock });
    const world = await app.services.taxonomy.createSection({ name: 'World' });
    const sport = await app.services.taxonomy.createSection({ name: 'Sport' });
    const ada = await app.services.taxonomy.createAuthor({ name: 'Ada Reporter' });
    editorJar = (await signedInAs(app, 'editor')).jar;
    const contributor = await signedInAs(app, 'contributor');
    contributorJar = contributor.jar;
    const original = await app.services.articles.create({
      language: 'en',
      title: 'Grain ships leave Odesa',
      body: para('The first ships left.'),
      status: 'published',
      sectionId: world.id,
      authorIds: [ada.id],
    });
    originalId = original.id;
    clock.advance(60_000);
    const translation = await app.services.articles.create({
      language: 'uk',
      title: 'Зернові судна вийшли з Одеси',
      body: para('Перші судна вийшли.'),
      status: 'draft',
      sectionId: world.id,
      translationOfId: original.id,
    });
    translationId = translation.id;
    for (let i = 1; i <= 27; i++) {
      clock.advance(1000);
      await app.services.articles.create({
        language: 'en',
        title: `Match report ${i}`,
        body: para('A goal.'),
        status: i % 2 ? 'draft' : 'published',
        sectionId: sport.id,
      });
    }
    // The contributor's own story.
    await app.services.editorial.create(contributor.user, {
      ...app.services.editorial.emptyForm('en'),
      title: 'Contributor pitch about grain',
      body: JSON.stringify(para('Idea.')),
    });
    clock.advance(60_000);
    // The original changes after the translation was saved: the translation is now out of date.
    await updateArticle(app, original.id, { body: para('The first ships left, and more followed.') });
  });
  after(() => app.close());

  const get = (url: string, jar: Record<string, string>) =>
    app.http.inject({ url, headers: { cookie: cookieHeader(jar) } });

  it('is in the admin navigation and lists stories newest change first, 25 a page', async () => {
    const res = await get('/admin/articles', editorJar);
    assert.equal(res.statusCode, 200);
    const doc = parsePage(res.body);
    assert.ok(doc.querySelector('.admin-nav a[href="/admin/articles"][aria-current="page"]'));
    const rows = doc.querySelectorAll('.article-table tbody tr');
    assert.equal(rows.length, 25);
    assert.equal(text(rows[0]!.querySelector('.article-title')), 'Grain ships leave Odesa');
    assert.match(text(doc.querySelector('[role="status"]')), /30 articles/);
    const next = doc.querySelector('.pagination a[rel="next"]')?.getAttribute('href');
    assert.equal(next, '/admin/articles?page=2');
    const page2 = parsePage((await get(next!, editorJar)).body);
    assert.equal(page2.querySelectorAll('.article-table tbody tr').length, 5);
  });

  it('shows each story’s languages and marks a translation whose original changed since', async () => {
    const doc = parsePage((await get('/admin/articles?q=odesa', editorJar)).body);
    const row = doc.querySelector('.article-table tbody tr')!;
    const chips = Array.from(row.querySelectorAll('.lang-chip')).map((c) => text(c));
    assert.deepEqual(chips, ['en', 'uk · out of date']);
    assert.equal(
      row.querySelector('.lang-chip--stale')?.getAttribute('href'),
      `/admin/articles/${translationId}/edit`,
    );
    const uk = parsePage((await get('/admin/articles?lang=uk', editorJar)).body);
    const ukRow = uk.querySelector('.article-table tbody tr')!;
    assert.equal(text(ukRow.querySelector('.article-title')), 'Зернові судна вийшли з Одеси');
    assert.ok(ukRow.querySelector('.lang-chip--stale'), 'the translation itself is flagged');
    assert.equal(
      ukRow.querySelectorAll('.lang-chip')[1]?.getAttribute('href'),
      `/admin/articles/${originalId}/edit`,
    );
  });

  it('filters by status, section, author and headline words, keeping filters in the pager', async () => {
    const sections = await app.services.taxonomy.listSections('en');
    const sport = sections.find((s) => s.name === 'Sport')!;
    const drafts = parsePage((await get(`/admin/articles?status=draft&section=${sport.id}`, editorJar)).body);
    assert.match(text(drafts.querySelector('[role="status"]')), /14 articles/);
    assert.equal(drafts.querySelector('#filter-status option[selected]')?.getAttribute('value'), 'draft');
    const authors = await app.services.taxonomy.listAuthors();
    const byAda = parsePage((await get(`/admin/articles?author=${authors[0]!.id}`, editorJar)).body);
    assert.deepEqual(
      Array.from(byAda.querySelectorAll('.article-title')).map((a) => text(a)),
      ['Grain ships leave Odesa'],
    );
    const none = parsePage((await get('/admin/articles?q=nothing+like+this', editorJar)).body);
    assert.equal(text(none.querySelector('[role="status"]')), 'No articles match.');
    const bad = await get('/admin/articles?page=zero', editorJar);
    assert.equal(bad.statusCode, 400);
  });

  it('shows a contributor only their own stories', async () => {
    const doc = parsePage((await get('/admin/articles', contributorJar)).body);
    assert.deepEqual(
      Array.from(doc.querySelectorAll('.article-title')).map((a) => text(a)),
      ['Contributor pitch about grain'],
    );
  });

  it('sends visitors who are not signed in to the sign-in page', async () => {
    const res = await app.http.inject({ url: '/admin/articles', headers: { accept: 'text/html' } });
    assert.equal(res.statusCode, 303);
  });
});
