import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { seriousAxeViolations } from '../helpers/axe.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const PASSWORD = 'correct horse battery staple';
const PHOTO = path.resolve(import.meta.dirname, '../fixtures/media/harbour-cranes.jpg');

// A reporter's morning in Chromium: sign in, write with the rich-text editor, watch autosave, publish,
// find the story on the home page; leaving with unsaved changes warns; the editor passes axe-core.
describe('writing and publishing in the browser', () => {
  let app: TestApp;
  let base: string;
  let chrome: TestBrowser;
  let page: Page;

  before(async () => {
    app = await createTestApp();
    await app.services.taxonomy.createSection({ name: 'World' });
    await app.services.auth.createUser({
      email: 'edna@newsroom.test',
      name: 'Edna',
      role: 'editor',
      password: PASSWORD,
    });
    base = await app.http.listen({ port: 0, host: '127.0.0.1' });
    chrome = await launchBrowser({ onlyOrigin: base });
    page = await chrome.browser.newPage();
  });
  after(async () => {
    await chrome?.close();
    await app?.close();
  });

  it('writes an article with a heading, a quote and an image, autosaves, publishes, and shows it on the home page', async () => {
    await page.goto(`${base}/admin/login?next=/admin/articles/new`);
    await page.fill('#email', 'edna@newsroom.test');
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(/\/admin\/articles\/new/), page.click('button[type=submit]')]);
    await page.fill('#title', 'Harbour cranes move again');
    await page.selectOption('#sectionId', { label: 'World' });
    const body = page.locator('.ProseMirror');
    await body.click();
    await page.keyboard.type('Back at work');
    await page.click('.rich-toolbar button[data-command="h2"]');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('The cranes of the port moved for the first time in a month.');

    // An image from a file, uploaded through the picker into the library, with its texts.
    await page.click('.rich-toolbar button[data-command="image"]');
    const picker = page.locator('dialog.media-picker');
    await picker.waitFor({ state: 'visible' });
    // Refusals are said in the dialog, and nothing reaches the library.
    const uploadButton = picker.getByRole('button', { name: 'Upload', exact: true });
    await uploadButton.click();
    assert.equal(await picker.locator('[role="alert"]').innerText(), 'Choose an image file first.');
    await page.setInputFiles('#media-picker-file', {
      name: 'notes.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from('These are notes, not a photograph.'),
    });
    await uploadButton.click();
    await page.waitForFunction(() =>
      /not uploaded: \S/.test(document.querySelector('dialog [role="alert"]')?.textContent ?? ''),
    );
    assert.equal((await app.services.media.search({ query: '', limit: 5, offset: 0 })).total, 0);
    await page.setInputFiles('#media-picker-file', PHOTO);
    await page.fill('#media-picker-upload-alt', 'Two red cranes over the harbour at sunset');
    await page.fill('#media-picker-upload-caption', 'The cranes on Monday');
    await page.fill('#media-picker-upload-credit', 'Newsdesk test fixture');
    await picker.getByRole('button', { name: 'Upload', exact: true }).click();
    // The library's texts come back to be checked, and may be changed for this story.
    await page.locator('#media-picker-alt').waitFor({ state: 'visible' });
    assert.equal(await page.inputValue('#media-picker-alt'), 'Two red cranes over the harbour at sunset');
    assert.equal(await page.inputValue('#media-picker-credit'), 'Newsdesk test fixture');
    // An image needs its alt text.
    await page.fill('#media-picker-alt', ' ');
    await picker.getByRole('button', { name: 'Insert image' }).click();
    assert.match(await page.locator('#media-picker-alt-error').innerText(), /Write the alt text/);
    assert.equal(await page.getAttribute('#media-picker-alt', 'aria-invalid'), 'true');
    await page.fill('#media-picker-alt', 'Two red cranes over the harbour at sunset');
    await picker.getByRole('button', { name: 'Insert image' }).click();
    await picker.waitFor({ state: 'hidden' });
    await page.locator('.ProseMirror figure img').waitFor({ state: 'visible' });
    assert.match(await page.locator('.ProseMirror figcaption').innerText(), /^The cranes on Monday/);
    // Its texts stay editable in the body, for this story only.
    await page.click('.ProseMirror .editor-figure-edit');
    assert.equal(await page.inputValue('#media-picker-caption'), 'The cranes on Monday');
    await page.fill('#media-picker-caption', 'The cranes moving again on Monday');
    await picker.getByRole('button', { name: 'Update image' }).click();
    await picker.waitFor({ state: 'hidden' });
    assert.match(await page.locator('.ProseMirror figcaption').innerText(), /moving again on Monday/);
    // Writing goes on in the empty paragraph below the picture (clicking the picture would select it).
    await page.locator('.ProseMirror > p').last().click();
    const media = await app.services.media.search({ query: 'cranes', limit: 5, offset: 0 });
    assert.equal(media.total, 1, 'the upload is in the library');
    const photo = media.items[0]!;
    assert.equal(photo.credit, 'Newsdesk test fixture');
    assert.equal(photo.caption, 'The cranes on Monday', 'the library keeps its own caption');

    // The cursor waits below the picture; the quote follows it.
    await page.keyboard.type('We are back.');
    await page.click('.rich-toolbar button[data-command="quote"]');
    assert.equal(await page.locator('textarea[name="body"]').isVisible(), false, 'the JSON field is hidden');

    // The same library as the lead image: searched this time, not uploaded.
    await page.click('button[data-lead-picker="choose"]');
    await picker.waitFor({ state: 'visible' });
    await page.fill('#media-picker-q', 'harbour');
    await picker.locator(`button[data-media-id="${photo.id}"]`).click();
    await picker.getByRole('button', { name: 'Use as lead image' }).click();
    assert.equal(await page.inputValue('#leadMediaId'), String(photo.id));
    assert.equal(await page.inputValue('#leadAlt'), 'Two red cranes over the harbour at sunset');

    await Promise.all([page.waitForURL(/done=created/), page.click('button[value="save"]')]);
    const id = Number(/articles\/(\d+)/.exec(page.url())![1]);
    const saved = (await app.services.articles.getById(id))!;
    assert.deepEqual(
      saved.body.map((b) => b.type),
      ['heading', 'paragraph', 'image', 'quote'],
    );
    assert.deepEqual(saved.body[2], {
      type: 'image',
      src: photo.url,
      alt: 'Two red cranes over the harbour at sunset',
      caption: 'The cranes moving again on Monday',
      credit: 'Newsdesk test fixture',
      width: photo.width,
      height: photo.height,
      mediaId: photo.id,
    });
    assert.equal(saved.leadImage?.mediaId, photo.id);
    // Reopened, the editor shows the picture as it was saved.
    await page.locator('.ProseMirror figure img').waitFor({ state: 'visible' });

    // Autosave: a change becomes a revision within a few seconds, without saving the article.
    await page.locator('.ProseMirror p').first().click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Ships queue outside.');
    await page.waitForFunction(
      () => document.getElementById('autosave-status')?.dataset.state === 'saved',
      null,
      {
        timeout: 15_000,
      },
    );
    const revisions = await app.services.editorial.revisions(id);
    assert.equal(revisions[0]?.kind, 'autosave');

    await Promise.all([page.waitForURL(/done=publish/), page.click('button[value="publish"]')]);
    const live = (await app.services.articles.getById(id))!;
    assert.equal(live.status, 'published');
    assert.match(JSON.stringify(live.body), /Ships queue outside\./);
    await app.services.purger.idle();
    await page.goto(`${base}/`);
    assert.ok(await page.locator('text=Harbour cranes move again').first().isVisible());
    const card = page.locator('article', { hasText: 'Harbour cranes move again' }).first();
    assert.match((await card.locator('img').first().getAttribute('src')) ?? '', /^\/media\/lib\//);

    // The article page: the picture in the body, responsive, and really loaded.
    await page.goto(`${base}${live.section ? `/${live.section.slug}` : ''}/${live.slug}`);
    const figure = page.locator('article figure', { hasText: 'The cranes moving again on Monday' });
    const img = figure.locator('img');
    await img.scrollIntoViewIfNeeded();
    assert.equal(await img.getAttribute('alt'), 'Two red cranes over the harbour at sunset');
    assert.match((await img.getAttribute('srcset')) ?? '', /\/320\.jpg 320w, .*\/1280\.jpg 1280w/);
    assert.equal(await figure.locator('source[type="image/avif"]').count(), 1);
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll<HTMLImageElement>('article figure img')].every(
          (i) => i.complete && i.naturalWidth > 0,
        ),
      null,
      { timeout: 10_000 },
    );
    assert.match((await figure.textContent()) ?? '', /Newsdesk test fixture/);
  });

  it('warns before leaving with unsaved changes', async () => {
    const id = (await app.services.articles.listPublished({ language: 'en' }, { limit: 1 }))[0]!.id;
    await page.goto(`${base}/admin/articles/${id}/edit`);
    await page.fill('#dek', 'A change nobody saved.');
    let warned = false;
    page.once('dialog', async (dialog) => {
      warned = dialog.type() === 'beforeunload';
      await dialog.dismiss();
    });
    await page.goto(`${base}/admin/articles`).catch(() => {});
    assert.equal(warned, true);
    assert.match(page.url(), new RegExp(`/admin/articles/${id}/edit`));
  });

  it('has no serious accessibility violations in the list and the editor', async () => {
    const fresh = await chrome.browser.newPage();
    fresh.on('dialog', (dialog) => void dialog.accept());
    for (const path of ['/admin/articles', '/admin/articles/new']) {
      await fresh.goto(`${base}${path}`);
      await fresh.waitForSelector('.admin-main');
      assert.deepEqual(await seriousAxeViolations(fresh), [], path);
    }
    // The media picker, open over the editor.
    await fresh.click('.rich-toolbar button[data-command="image"]');
    await fresh.locator('dialog.media-picker .media-picker-item').first().waitFor();
    assert.deepEqual(await seriousAxeViolations(fresh), [], 'the media picker');
    await fresh.close();
  });
});
