import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { seriousAxeViolations } from '../helpers/axe.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const PASSWORD = 'correct horse battery staple';

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

  it('writes an article with a heading and a quote, autosaves, publishes, and shows it on the home page', async () => {
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
    await page.keyboard.press('Enter');
    await page.keyboard.type('We are back.');
    await page.click('.rich-toolbar button[data-command="quote"]');
    assert.equal(await page.locator('textarea[name="body"]').isVisible(), false, 'the JSON field is hidden');
    await Promise.all([page.waitForURL(/done=created/), page.click('button[value="save"]')]);
    const id = Number(/articles\/(\d+)/.exec(page.url())![1]);
    const saved = (await app.services.articles.getById(id))!;
    assert.deepEqual(
      saved.body.map((b) => b.type),
      ['heading', 'paragraph', 'quote'],
    );

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
    await fresh.close();
  });
});
