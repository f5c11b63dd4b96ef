import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import type { PurgeRequest } from '../../src/cache/page-store.ts';
import { cookieHeader, csrfFor, postForm, signedInAs } from '../helpers/admin.ts';
import { parsePage, text } from '../helpers/html.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

describe('sections, tags and authors management pages', () => {
  let app: TestApp;
  let editor: Record<string, string>;
  const purges: PurgeRequest[] = [];
  const purgedKeys = async () => {
    await app.services.purger.idle();
    const keys = purges.flatMap((p) => (p.keys === 'all' ? ['all'] : [...p.keys]));
    purges.length = 0;
    return keys;
  };

  before(async () => {
    app = await createTestApp();
    app.services.purger.onPurge((request) => purges.push(request));
    editor = (await signedInAs(app, 'editor')).jar;
  });
  after(() => app.close());

  const get = (url: string, jar = editor) => app.http.inject({ url, headers: { cookie: cookieHeader(jar) } });
  const post = (formUrl: string, action: string, fields: Record<string, string>, jar = editor) =>
    postForm(app, formUrl, action, fields, jar);
  const sectionBySlug = async (slug: string) =>
    (await app.services.taxonomy.listSections()).find((s) => s.slug === slug)!;

  it('creates sections into a tree, and shows it indented', async () => {
    let res = await post('/admin/sections', '/admin/sections', {
      name: 'World',
      slug: '',
      description: 'News from abroad',
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/sections?created=1');
    const world = await sectionBySlug('world');
    res = await post('/admin/sections', '/admin/sections', { name: 'Europe', parentId: String(world.id) });
    assert.equal(res.statusCode, 303);
    const europe = await sectionBySlug('europe');
    assert.equal(europe.parentId, world.id);
    assert.ok((await purgedKeys()).includes('site'), 'a new section purges every page (navigation)');

    const doc = parsePage((await get('/admin/sections')).body);
    const rows = Array.from(doc.querySelectorAll('.tree-row'));
    assert.deepEqual(
      rows.map((r) => [text(r.querySelector('a')), r.getAttribute('class')]),
      [
        ['World', 'tree-row tree-depth-0'],
        ['Europe', 'tree-row tree-depth-1'],
      ],
    );
    assert.ok(doc.querySelector('nav.admin-nav a[href="/admin/sections"][aria-current="page"]'));
  });

  it('refuses a taken or reserved address with a sentence, keeping what was typed', async () => {
    let res = await post('/admin/sections', '/admin/sections', {
      name: 'Planet',
      slug: 'world',
      description: 'Kept text',
    });
    assert.equal(res.statusCode, 422);
    let doc = parsePage(res.body);
    assert.equal(
      text(doc.querySelector('#new-section-slug-error')),
      'Another one (“World”) already uses this address. Choose another.',
    );
    assert.equal(doc.querySelector('#new-section-name')?.getAttribute('value'), 'Planet');
    assert.equal(text(doc.querySelector('#new-section-description')), 'Kept text');

    res = await post('/admin/sections', '/admin/sections', { name: 'Admin' });
    assert.equal(res.statusCode, 422);
    doc = parsePage(res.body);
    assert.match(text(doc.querySelector('.notice--error')), /“admin” cannot be a section address/);

    res = await post('/admin/sections', '/admin/sections', { name: 'Sport', position: 'first' });
    assert.equal(res.statusCode, 422);
    doc = parsePage(res.body);
    assert.equal(
      text(doc.querySelector('#new-section-position-error')),
      'The position must be a whole number from 0 to 10000.',
    );
  });

  it('renames, re-addresses and moves a section; never under itself', async () => {
    const world = await sectionBySlug('world');
    const europe = await sectionBySlug('europe');
    const edit = `/admin/sections/${world.id}`;
    let res = await post(edit, edit, {
      name: 'World',
      slug: 'world',
      parentId: String(europe.id),
      position: '0',
    });
    assert.equal(res.statusCode, 422);
    assert.equal(
      text(parsePage(res.body).querySelector('#section-parent-error')),
      'A section cannot move under itself or one of its own subsections.',
    );
    // The parent list offers neither the section nor its subsections.
    const options = Array.from(
      parsePage((await get(edit)).body).querySelectorAll('#section-parent option'),
    ).map((o) => text(o));
    assert.deepEqual(options, ['— Top level —']);

    await purgedKeys();
    const europeEdit = `/admin/sections/${europe.id}`;
    res = await post(europeEdit, europeEdit, {
      name: 'Europe & Eurasia',
      slug: 'europe-eurasia',
      parentId: '',
      position: '2',
    });
    assert.equal(res.statusCode, 303);
    const moved = (await app.services.taxonomy.getSection(europe.id))!;
    assert.deepEqual(
      [moved.name, moved.slug, moved.parentId, moved.position],
      ['Europe & Eurasia', 'europe-eurasia', null, 2],
    );
    assert.ok((await purgedKeys()).includes('site'));
    const page = parsePage((await get(`${europeEdit}?saved=1`)).body);
    assert.equal(text(page.querySelector('.notice--success')), 'Saved.');
    assert.equal(page.querySelector('#section-slug')?.getAttribute('value'), 'europe-eurasia');
  });

  it('names a section in Ukrainian, shown to Ukrainian readers', async () => {
    const world = await sectionBySlug('world');
    const action = `/admin/sections/${world.id}/translations`;
    const res = await post(`/admin/sections/${world.id}`, action, {
      language: 'uk',
      name: 'Світ',
      description: 'Новини з-за кордону',
    });
    assert.equal(res.statusCode, 303);
    const page = await app.http.inject({ url: '/uk/world' });
    assert.equal(text(parsePage(page.body).querySelector('h1')), 'Світ');
    const refused = await post(`/admin/sections/${world.id}`, action, {
      language: 'uk',
      name: '',
      description: 'Опис без назви',
    });
    assert.equal(refused.statusCode, 422);
    assert.equal(parsePage(refused.body).querySelector('#tr-uk-description')?.textContent, 'Опис без назви');
  });

  it('creates and renames tags; a taken address is refused; the tag’s pages are purged', async () => {
    let res = await post('/admin/tags', '/admin/tags', { name: 'Energy' });
    assert.equal(res.statusCode, 303);
    res = await post('/admin/tags', '/admin/tags', { name: 'Oil' });
    const energy = (await app.services.taxonomy.findTagBySlug('energy'))!;
    const oil = (await app.services.taxonomy.findTagBySlug('oil'))!;
    res = await post('/admin/tags', '/admin/tags', { name: 'ENERGY' });
    assert.equal(res.statusCode, 422);
    assert.equal(parsePage(res.body).querySelector('#new-tag-name')?.getAttribute('value'), 'ENERGY');

    await purgedKeys();
    const edit = `/admin/tags/${oil.id}`;
    res = await post(edit, edit, { name: 'Crude oil', slug: 'energy' });
    assert.equal(res.statusCode, 422);
    assert.match(text(parsePage(res.body).querySelector('#tag-slug-error')), /“Energy”/);
    res = await post(edit, edit, { name: 'Crude oil', slug: 'crude-oil' });
    assert.equal(res.statusCode, 303);
    assert.deepEqual(await app.services.taxonomy.getTag(oil.id), {
      id: oil.id,
      slug: 'crude-oil',
      name: 'Crude oil',
    });
    const keys = await purgedKeys();
    assert.ok(keys.includes(`tag:${oil.id}`), keys.join());
    assert.ok(!keys.includes(`tag:${energy.id}`) && !keys.includes('site'), 'only that tag’s pages');

    const list = parsePage((await get('/admin/tags?q=crude')).body);
    assert.deepEqual(
      Array.from(list.querySelectorAll('tbody tr td a')).map((a) => text(a)),
      ['Crude oil'],
    );
  });

  it('edits an author profile with an avatar from the media library; the author page shows it responsively', async () => {
    const photo = await sharp({ create: { width: 800, height: 800, channels: 3, background: '#886644' } })
      .jpeg()
      .toBuffer();
    const item = await app.services.media.upload({
      data: photo,
      fileName: 'olena.jpg',
      texts: { alt: 'Olena Kovalenko', credit: 'Newsdesk' },
      uploadedBy: null,
    });
    let res = await post('/admin/authors', '/admin/authors', {
      name: 'Olena Kovalenko',
      jobTitle: 'Reporter',
    });
    assert.equal(res.statusCode, 303);
    const author = (await app.services.taxonomy.findAuthorBySlug('olena-kovalenko'))!;
    const edit = `/admin/authors/${author.id}`;
    assert.equal(res.headers.location, `${edit}?saved=1`);

    const form = parsePage((await get(edit)).body);
    assert.ok(form.querySelector(`input[name="avatar"][value="${item.id}"]`), 'the library image is offered');

    res = await post(edit, edit, {
      name: 'Olena Kovalenko',
      slug: 'olena',
      jobTitle: 'Reporter',
      bio: 'Covers energy.',
      websiteUrl: 'not a website',
      avatar: String(item.id),
    });
    assert.equal(res.statusCode, 422);
    let doc = parsePage(res.body);
    assert.equal(
      text(doc.querySelector('#author-website-error')),
      'A website must be a full address starting with https://.',
    );
    assert.equal(text(doc.querySelector('#author-bio')), 'Covers energy.');
    assert.equal(
      doc.querySelector(`input[name="avatar"][value="${item.id}"]`)?.hasAttribute('checked'),
      true,
    );

    await purgedKeys();
    res = await post(edit, edit, {
      name: 'Olena Kovalenko',
      slug: 'olena',
      jobTitle: 'Reporter',
      bio: 'Covers energy.',
      websiteUrl: 'https://olena.example',
      avatar: String(item.id),
    });
    assert.equal(res.statusCode, 303);
    assert.ok((await purgedKeys()).includes(`author:${author.id}`));
    const saved = (await app.services.taxonomy.getAuthor(author.id))!;
    assert.equal(saved.avatarUrl, item.url);
    assert.equal(saved.slug, 'olena');

    const page = await app.http.inject({ url: '/author/olena' });
    assert.equal(page.statusCode, 200);
    doc = parsePage(page.body);
    const img = doc.querySelector('.listing-header picture img.avatar')!;
    assert.ok(img, 'the avatar is a <picture>');
    assert.equal(img.getAttribute('sizes'), '96px');
    assert.match(img.getAttribute('srcset')!, /\/320\.jpg 320w/);
    assert.equal(img.getAttribute('width'), '96');

    const other = await post('/admin/authors', '/admin/authors', { name: 'Olena', slug: 'olena' });
    assert.equal(other.statusCode, 303, 'a new author whose address is taken gets the next free one');
    assert.ok(await app.services.taxonomy.findAuthorBySlug('olena-2'));
  });

  it('refuses every management page to roles without taxonomy.manage, and visitors', async () => {
    const author = (await signedInAs(app, 'author')).jar;
    const contributor = (await signedInAs(app, 'contributor')).jar;
    const world = await sectionBySlug('world');
    for (const jar of [author, contributor]) {
      for (const url of ['/admin/sections', `/admin/sections/${world.id}`, '/admin/tags', '/admin/authors']) {
        assert.equal((await get(url, jar)).statusCode, 403, url);
      }
      const nav = parsePage((await get('/admin', jar)).body);
      assert.equal(nav.querySelector('a[href="/admin/sections"]'), null);
    }
    // A form posted by someone who may not: refused before anything changes.
    const { token, jar } = await csrfFor(app, '/admin', author);
    const res = await app.http.inject({
      method: 'POST',
      url: '/admin/sections',
      headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: token, name: 'Sneaky' }).toString(),
    });
    assert.equal(res.statusCode, 403);
    assert.equal(await sectionBySlug('sneaky'), undefined);
    const anonymous = await app.http.inject({ url: '/admin/tags', headers: { accept: 'text/html' } });
    assert.equal(anonymous.statusCode, 303);
  });
});
