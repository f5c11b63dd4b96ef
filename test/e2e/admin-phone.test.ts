import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const PASSWORD = 'correct horse battery staple';
const PHONE = 390;
const PHOTO = path.resolve(import.meta.dirname, '../fixtures/media/harbour-cranes.jpg');
/** Set NEWSDESK_SHOTS to a folder to keep a full-page screenshot of each page (light and dark). */
const SHOTS = process.env.NEWSDESK_SHOTS;

// The newsroom on a phone: no admin page scrolls sideways at 390 px; wide tables scroll inside
// their own box. Pages carry long words, long titles and full tables, as a real newsroom's do.
describe('admin pages at phone width', () => {
  let app: TestApp;
  let base: string;
  let chrome: TestBrowser;
  let page: Page;
  let articleId: number;
  let mediaId: number;

  before(async () => {
    app = await createTestApp();
    const admin = await app.services.auth.createUser({
      email: 'ada@newsroom.test',
      name: 'Ada Administrator-Longname',
      role: 'admin',
      password: PASSWORD,
    });
    for (const role of ['editor', 'author', 'contributor'] as const)
      await app.services.auth.createUser({
        email: `a-rather-long-address-for-the-${role}@regional-newsroom.example.test`,
        name: `${role} person`,
        role,
        password: PASSWORD,
      });
    const world = await app.services.taxonomy.createSection({ name: 'World' });
    await app.services.taxonomy.createSection({
      name: 'Infrastructure and Transportation',
      parentId: world.id,
    });
    const photo = await app.services.media.upload({
      data: fs.readFileSync(PHOTO),
      fileName: 'harbour-cranes-photographed-from-the-northern-breakwater-at-sunset.jpg',
      texts: { alt: 'Two red cranes over the harbour', caption: 'Monday', credit: 'Newsdesk' },
      uploadedBy: admin.id,
    });
    mediaId = photo.id;
    const article = await app.services.editorial.create(admin, {
      ...app.services.editorial.emptyForm('en'),
      title: 'Harbour cranes move again after a month-long standstill at the Northern Breakwater terminal',
      sectionId: String(world.id),
      tags: 'Shipping, Ports, Supercalifragilisticexpialidocious-logistics',
      body: JSON.stringify([
        { type: 'heading', level: 2, text: 'Back at work' },
        {
          type: 'paragraph',
          text: 'The cranes moved. https://example.com/a-very-long-address-without-any-spaces-in-it',
        },
        { type: 'image', src: photo.url, alt: photo.alt, width: photo.width, height: photo.height, mediaId },
      ]),
      leadMediaId: String(mediaId),
    });
    articleId = article.id;
    base = await app.http.listen({ port: 0, host: '127.0.0.1' });
    chrome = await launchBrowser({ onlyOrigin: base, viewport: { width: PHONE, height: 844 } });
    page = await chrome.browser.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${base}/admin/login?next=/admin`);
    await page.fill('#email', 'ada@newsroom.test');
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(/\/admin$/), page.click('button[type=submit]')]);
  });
  after(async () => {
    await chrome?.close();
    await app?.close();
  });

  const pages = () => [
    '/admin',
    '/admin/articles',
    `/admin/articles/${articleId}/edit`,
    '/admin/articles/new',
    `/admin/articles/${articleId}/revisions`,
    '/admin/media',
    `/admin/media/${mediaId}`,
    '/admin/sections',
    '/admin/tags',
    '/admin/authors',
    '/admin/users',
    '/admin/comments',
  ];

  it('scrolls no admin page sideways at 390 px, in light and dark colours', async () => {
    const wide: string[] = [];
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const url of pages()) {
        const res = await page.goto(`${base}${url}`);
        assert.equal(res?.status(), 200, url);
        await page.waitForSelector('.admin-main');
        const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
        if (width > PHONE) {
          // Name the culprits: elements whose right edge passes the screen's.
          const culprits = await page.evaluate((limit) => {
            const out: string[] = [];
            for (const el of document.querySelectorAll<HTMLElement>('body *')) {
              const box = el.getBoundingClientRect();
              const inScroller = el.parentElement?.closest('.table-scroll, .admin-nav ul, .rich-toolbar');
              if (
                box.right > limit + 1 &&
                el.offsetParent !== null &&
                !inScroller &&
                el.children.length === 0
              )
                out.push(`${el.tagName.toLowerCase()}.${el.className || '-'} → ${Math.round(box.right)}`);
              if (out.length > 4) break;
            }
            return out;
          }, PHONE);
          wide.push(`${scheme} ${url}: ${width}px (${culprits.join(', ')})`);
        }
        if (SHOTS) {
          const name = `${scheme}-${url.replace(/^\/admin\/?/, '').replace(/\W+/g, '-') || 'dashboard'}.png`;
          await page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
        }
      }
    }
    assert.deepEqual(wide, []);
  });

  it('lets wide tables scroll inside their own box', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${base}/admin/users`);
    const boxes = await page.evaluate(() =>
      [...document.querySelectorAll('table')].map((table) => {
        const scroller = table.parentElement!;
        return {
          fits: scroller.getBoundingClientRect().right <= window.innerWidth + 1,
          scrolls: getComputedStyle(scroller).overflowX === 'auto',
        };
      }),
    );
    assert.ok(boxes.length > 0, 'the users page has a table');
    for (const box of boxes) assert.deepEqual(box, { fits: true, scrolls: true });
  });

  it('fits the media picker on the phone screen', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${base}/admin/articles/${articleId}/edit`);
    await page.click('.rich-toolbar button[data-command="image"]');
    const picker = page.locator('dialog.media-picker');
    await picker.locator(`button[data-media-id="${mediaId}"]`).waitFor();
    assert.equal(await picker.locator('.media-picker-count').innerText(), 'Images found: 1');
    const box = (await picker.boundingBox())!;
    assert.ok(box.x >= 0 && box.x + box.width <= PHONE, `the dialog is ${box.width}px wide at ${box.x}`);
    const inner = await picker.evaluate((d) => d.scrollWidth <= d.clientWidth);
    assert.ok(inner, 'nothing in the dialog scrolls sideways');
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'light-picker.png') });
    await picker.locator(`button[data-media-id="${mediaId}"]`).click();
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'light-picker-details.png') });
    await picker.getByRole('button', { name: 'Cancel' }).click();
  });
});
