import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { commentClock, publishedStory, storyPath } from '../helpers/comments.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

// The comment form posts in place with its script: the comment appears without a page load, a refusal
// shows its reason beside the field with the text kept, and the details are remembered only on consent.
describe('posting a comment in place, in Chromium', () => {
  const port = 3105;
  const base = `http://127.0.0.1:${port}`;
  const clock = commentClock();
  let app: TestApp;
  let chrome: TestBrowser;
  let path: string;

  before(async () => {
    app = await createTestApp({ clock, env: { SITE_URL: base } });
    path = storyPath(await publishedStory(app));
    await app.http.listen({ port, host: '127.0.0.1' });
    chrome = await launchBrowser({ onlyOrigin: base });
  });
  after(async () => {
    await chrome?.close();
    await app?.close();
  });

  it('a refusal comes back beside the field, with nothing typed lost', async () => {
    const page = await chrome.browser.newPage();
    await page.goto(`${base}${path}`);
    await page.fill('#comment-body', 'My first thoughts on the talks.');
    await page.fill('#comment-name', 'Olena');
    await page.fill('#comment-email', 'not an email');
    clock.advance(10_000);
    let loads = 0;
    page.on('load', () => loads++);
    await page.click('form#leave-comment button[type="submit"]');
    await page.waitForSelector('[data-error-for="email"]:not([hidden])');
    assert.match(
      (await page.textContent('[data-error-for="email"]')) ?? '',
      /does not look like an email address/,
    );
    assert.equal(await page.inputValue('#comment-body'), 'My first thoughts on the talks.');
    assert.equal(await page.getAttribute('#comment-email', 'aria-invalid'), 'true');
    assert.equal(loads, 0, 'no page load');
    await page.close();
  });

  it('posts in place: the comment appears as awaiting moderation, the details are kept only with consent', async () => {
    const page = await chrome.browser.newPage();
    await page.goto(`${base}${path}`);
    assert.equal(await page.isVisible('[data-remember]'), true, 'the script offers to remember');
    await page.fill('#comment-body', 'Posted without a reload.');
    await page.fill('#comment-name', 'Olena');
    await page.fill('#comment-email', 'olena@example.com');
    await page.check('#comment-remember');
    clock.advance(10_000);
    await page.click('form#leave-comment button[type="submit"]');
    await page.waitForSelector('.comment--pending');
    assert.match(
      (await page.textContent('.comment--pending')) ?? '',
      /Posted without a reload\.[\s\S]*awaiting moderation|awaiting moderation[\s\S]*Posted without a reload\./,
    );
    assert.match((await page.textContent('[data-status]')) ?? '', /awaiting moderation/);
    assert.equal(await page.inputValue('#comment-body'), '');
    const stored = await page.evaluate(() => localStorage.getItem('newsdesk.commenter'));
    assert.deepEqual(JSON.parse(stored!), { name: 'Olena', email: 'olena@example.com', website: '' });
    // A reload shows it again (the commenter cookie), and the form is filled from this browser.
    await page.reload();
    assert.match((await page.textContent('.comment--pending')) ?? '', /Posted without a reload\./);
    assert.equal(await page.inputValue('#comment-name'), 'Olena');
    await page.close();
  });

  it('without consent nothing is stored', async () => {
    const page = await chrome.browser.newPage();
    await page.goto(`${base}${path}`);
    await page.uncheck('#comment-remember');
    await page.fill('#comment-body', 'A second thought.');
    clock.advance(10_000);
    await page.click('form#leave-comment button[type="submit"]');
    await page.waitForFunction(() => document.querySelectorAll('.comment--pending').length === 2);
    assert.equal(await page.evaluate(() => localStorage.getItem('newsdesk.commenter')), null);
    await page.close();
  });
});
