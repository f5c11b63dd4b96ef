import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const PASSWORD = 'correct horse battery staple';

// The newsroom's harder days in Chromium: two people saving one story, a contributor's review round,
// and a connection that drops while someone writes. Each person has a browser of their own.
describe('the editor when several people and a bad connection are involved', () => {
  let app: TestApp;
  let base: string;
  const browsers: TestBrowser[] = [];
  let sectionId: number;
  let ednaUser: Awaited<ReturnType<typeof user>>;

  async function personIn(email: string): Promise<{ page: Page; browser: TestBrowser }> {
    const browser = await launchBrowser({ onlyOrigin: base });
    browsers.push(browser);
    const page = await browser.browser.newPage();
    await page.goto(`${base}/admin/login?next=/admin`);
    await page.fill('#email', email);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(/\/admin$/), page.click('button[type=submit]')]);
    return { page, browser };
  }

  async function user(email: string, name: string, role: 'editor' | 'contributor') {
    return app.services.auth.createUser({ email, name, role, password: PASSWORD });
  }

  const bodyText = (page: Page) => page.locator('.ProseMirror').innerText();
  const waitForAutosave = (page: Page, state: string) =>
    page.waitForFunction((s) => document.getElementById('autosave-status')?.dataset.state === s, state, {
      timeout: 20_000,
    });

  before(async () => {
    app = await createTestApp();
    sectionId = (await app.services.taxonomy.createSection({ name: 'World' })).id;
    ednaUser = await user('edna@newsroom.test', 'Edna Editor', 'editor');
    await user('eddie@newsroom.test', 'Eddie Editor', 'editor');
    await user('cora@newsroom.test', 'Cora Contributor', 'contributor');
    base = await app.http.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    for (const b of browsers) await b.close();
    await app?.close();
  });

  it('shows the second of two saves a conflict page with both versions, and overwrites nothing', async () => {
    const article = await app.services.editorial.create(ednaUser, {
      ...app.services.editorial.emptyForm('en'),
      title: 'Port reopens',
      sectionId: String(sectionId),
      body: JSON.stringify([{ type: 'paragraph', text: 'The port reopened on Monday.' }]),
    });
    const first = await personIn('edna@newsroom.test');
    const second = await personIn('eddie@newsroom.test');
    const edit = `${base}/admin/articles/${article.id}/edit`;
    await first.page.goto(edit);
    await second.page.goto(edit);

    await first.page.fill('#title', 'Port reopens after a month');
    await Promise.all([first.page.waitForURL(/done=save/), first.page.click('button[value="save"]')]);

    await second.page.fill('#title', 'Port reopens to ships');
    await second.page.fill('#dek', 'Dockers are back at work.');
    const [response] = await Promise.all([
      second.page.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url().endsWith(`/${article.id}`),
      ),
      second.page.click('button[value="save"]'),
    ]);
    assert.equal(response.status(), 409);
    await second.page.waitForSelector('h1:has-text("Someone else saved this article")');
    const yours = second.page.locator('section[aria-label="Your version"]');
    const theirs = second.page.locator('section[aria-label="The saved version"]');
    assert.equal(await yours.locator('h2').innerText(), 'Port reopens to ships');
    assert.match(await yours.innerText(), /Dockers are back at work\./);
    assert.equal(await theirs.locator('h2').innerText(), 'Port reopens after a month');
    assert.match(await second.page.locator('[role="alert"]').innerText(), /Edna Editor saved this article/);

    const stored = (await app.services.articles.getById(article.id))!;
    assert.equal(stored.title, 'Port reopens after a month', 'the first save stands');
    assert.equal(stored.dek, null);
    assert.equal(stored.version, article.version + 1, 'the second save wrote nothing');

    // Keeping theirs knowingly saves over the current version, not the one the second editor opened.
    await Promise.all([
      second.page.waitForURL(/done=save/),
      second.page.click('button:has-text("Save my version over theirs")'),
    ]);
    const kept = (await app.services.articles.getById(article.id))!;
    assert.equal(kept.title, 'Port reopens to ships');
    assert.equal(kept.version, article.version + 2);
  });

  it('runs a contributor’s review round: submit, returned with a note, edit and resubmit, published', async () => {
    const cora = await personIn('cora@newsroom.test');
    const edna = await personIn('edna@newsroom.test');

    await cora.page.goto(`${base}/admin/articles/new`);
    // Contributors may not use the media library: no picker, the image button asks for an address.
    assert.equal(await cora.page.locator('#article-editor[data-media-search]').count(), 0);
    assert.equal(await cora.page.locator('button[data-lead-picker]').count(), 0);
    assert.equal(await cora.page.locator('.rich-toolbar button[data-command="image"]').count(), 1);
    await cora.page.fill('#title', 'Night ferry returns');
    await cora.page.selectOption('#sectionId', { label: 'World' });
    await cora.page.locator('.ProseMirror').click();
    await cora.page.keyboard.type('The night ferry sails again from Friday.');
    await Promise.all([cora.page.waitForURL(/done=created/), cora.page.click('button[value="save"]')]);
    const id = Number(/articles\/(\d+)/.exec(cora.page.url())![1]);
    assert.equal(
      await cora.page.locator('button[value="publish"]').count(),
      0,
      'a contributor cannot publish',
    );
    await Promise.all([cora.page.waitForURL(/done=submit/), cora.page.click('button[value="submit"]')]);
    assert.equal((await app.services.articles.getById(id))!.status, 'review');

    await edna.page.goto(`${base}/admin/articles?status=review`);
    await Promise.all([
      edna.page.waitForURL(new RegExp(`/admin/articles/${id}/edit`)),
      edna.page.click('a:has-text("Night ferry returns")'),
    ]);
    await edna.page.fill('#note', 'Say which port it sails from.');
    await Promise.all([edna.page.waitForURL(/done=return/), edna.page.click('button[value="return"]')]);
    assert.equal((await app.services.articles.getById(id))!.status, 'draft');

    await cora.page.goto(`${base}/admin/articles/${id}/edit`);
    const notes = cora.page.locator('section[aria-labelledby="notes-heading"]');
    assert.match(await notes.innerText(), /Edna Editor returned it/);
    assert.match(await notes.innerText(), /Say which port it sails from\./);
    await cora.page.locator('.ProseMirror p').first().click();
    await cora.page.keyboard.press('End');
    await cora.page.keyboard.type(' It leaves from the north quay.');
    await Promise.all([cora.page.waitForURL(/done=submit/), cora.page.click('button[value="submit"]')]);
    const resubmitted = (await app.services.articles.getById(id))!;
    assert.equal(resubmitted.status, 'review');
    assert.match(JSON.stringify(resubmitted.body), /north quay/);

    await edna.page.goto(`${base}/admin/articles/${id}/edit`);
    assert.match(await bodyText(edna.page), /north quay/);
    await Promise.all([edna.page.waitForURL(/done=publish/), edna.page.click('button[value="publish"]')]);
    const live = (await app.services.articles.getById(id))!;
    assert.equal(live.status, 'published');
    await app.services.purger.idle();
    await cora.page.goto(`${base}/world/${live.slug}`);
    assert.match(await cora.page.locator('article').first().innerText(), /It leaves from the north quay\./);
  });

  it('keeps text typed without a connection in the browser, says it is not saved, and saves it when back', async () => {
    const edna = await personIn('edna@newsroom.test');
    const article = await app.services.editorial.create(ednaUser, {
      ...app.services.editorial.emptyForm('en'),
      title: 'Storm closes the bridge',
      sectionId: String(sectionId),
      body: JSON.stringify([{ type: 'paragraph', text: 'The bridge closed at noon.' }]),
    });
    await edna.page.goto(`${base}/admin/articles/${article.id}/edit`);
    await edna.page.locator('.ProseMirror p').first().click();
    await edna.page.keyboard.press('End');

    await edna.browser.browser.setOffline(true);
    await edna.page.keyboard.type(' Winds reached 120 km/h.');
    await waitForAutosave(edna.page, 'offline');
    assert.match(await edna.page.locator('#autosave-status').innerText(), /No connection: your text is kept/);
    const kept = await edna.page.evaluate(
      (key) => localStorage.getItem(key),
      `newsdesk:article:${article.id}`,
    );
    assert.match(kept ?? '', /Winds reached 120 km\/h\./, 'the text is in the browser');
    assert.deepEqual(await app.services.editorial.revisions(article.id).then((r) => r.map((x) => x.kind)), [
      'save',
    ]);
    // Still typing while offline: nothing is lost either.
    await edna.page.keyboard.type(' Ferries stopped.');

    await edna.browser.browser.setOffline(false);
    await waitForAutosave(edna.page, 'saved');
    const revisions = await app.services.editorial.revisions(article.id);
    assert.equal(revisions[0]?.kind, 'autosave');
    const latest = await app.services.editorial.revision(article.id, revisions[0]!.id);
    assert.match(latest.form.body, /Winds reached 120 km\/h\. Ferries stopped\./);
  });

  it('puts back what a closed tab never saved, the lead image included, and saves it', async () => {
    const photo = await app.services.media.upload({
      data: fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/media/harbour-cranes.jpg')),
      fileName: 'harbour-cranes.jpg',
      texts: { alt: 'Two red cranes over the harbour', caption: 'Monday', credit: 'Newsdesk' },
      uploadedBy: ednaUser.id,
    });
    const article = await app.services.editorial.create(ednaUser, {
      ...app.services.editorial.emptyForm('en'),
      title: 'Cranes idle',
      sectionId: String(sectionId),
    });
    const edna = await personIn('edna@newsroom.test');
    const edit = `${base}/admin/articles/${article.id}/edit`;
    await edna.page.goto(edit);
    await edna.browser.browser.setOffline(true);
    await edna.page.click('button[data-lead-picker="choose"]');
    // Offline, the library cannot be searched; back online it can, and the tab closes unsaved.
    await edna.page.waitForFunction(() =>
      /could not be loaded/.test(document.querySelector('.media-picker-count')?.textContent ?? ''),
    );
    await edna.browser.browser.setOffline(false);
    await edna.page.fill('#media-picker-q', 'cranes');
    await edna.page.click(`dialog button[data-media-id="${photo.id}"]`);
    await edna.page.click('dialog button:has-text("Use as lead image")');
    await edna.page.fill('#title', 'Cranes idle no more');
    await edna.page.close({ runBeforeUnload: false });

    const again = await edna.browser.browser.newPage();
    await again.goto(edit);
    assert.equal(await again.inputValue('#title'), 'Cranes idle no more');
    assert.equal(await again.inputValue('#leadMediaId'), String(photo.id));
    assert.equal(await again.locator('.lead-preview').getAttribute('src'), photo.url);
    await waitForAutosave(again, 'saved');
    const revisions = await app.services.editorial.revisions(article.id);
    const latest = await app.services.editorial.revision(article.id, revisions[0]!.id);
    assert.equal(latest.form.title, 'Cranes idle no more');
    assert.equal(latest.form.leadMediaId, String(photo.id));
  });
});
