import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

// Arabic is not shipped, but configuring it must give a right-to-left site: the interface falls back to
// English text, while direction and layout follow the language (logical CSS properties throughout).
describe('a right-to-left language, seen in Chromium', () => {
  let app: TestApp;
  let base: string;
  let chrome: TestBrowser;
  before(async () => {
    app = await createTestApp({ env: { LANGUAGES: 'en,ar' } });
    const section = await app.services.taxonomy.createSection({ name: 'World' });
    const author = await app.services.taxonomy.createAuthor({ name: 'Alex' });
    await app.services.articles.create({
      language: 'ar',
      slug: 'pyongyang-visit',
      title: 'ماذا تعني زيارة بوتين إلى كوريا الشمالية حقاً',
      dek: 'تحليل لزيارة استمرت يومين وما وراءها.',
      body: [
        {
          type: 'paragraph',
          text: 'وصل الرئيس الروسي إلى بيونغ يانغ في زيارة هي الأولى منذ أربعة وعشرين عاماً.',
        },
        { type: 'heading', level: 2, text: 'ما الذي اتفق عليه الطرفان' },
        { type: 'paragraph', text: 'وقع الجانبان اتفاقية شراكة استراتيجية شاملة.' },
      ],
      status: 'published',
      sectionId: section.id,
      authorIds: [author.id],
      tags: ['كوريا الشمالية'],
    });
    base = await app.http.listen({ port: 0, host: '127.0.0.1' });
    chrome = await launchBrowser({ onlyOrigin: base });
  });
  after(async () => {
    await chrome?.close();
    await app?.close();
  });

  it('lays the article out from the right: headline, breadcrumb and body start at the right edge', async () => {
    const page = await chrome.browser.newPage();
    const response = await page.goto(`${base}/ar/world/pyongyang-visit`);
    assert.equal(response?.status(), 200);
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    assert.equal(await page.getAttribute('html', 'lang'), 'ar');
    const layout = await page.evaluate(() => {
      const box = (el: Element | null) => {
        if (!el) return null;
        const range = document.createRange();
        range.selectNodeContents(el);
        const r = range.getBoundingClientRect();
        const c = el.getBoundingClientRect();
        return { textLeft: r.left, textRight: r.right, boxLeft: c.left, boxRight: c.right };
      };
      const crumbs = [...document.querySelectorAll('nav[aria-label] ol li, .breadcrumb li')].map(
        (li) => li.getBoundingClientRect().left,
      );
      return {
        h1: box(document.querySelector('h1')),
        paragraph: box(document.querySelector('article p')),
        crumbs,
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      };
    });
    assert.ok(layout.h1 && layout.paragraph, 'the headline and body are on the page');
    // A short headline hugs the right edge of its box and leaves its space on the left.
    assert.ok(
      layout.h1.boxRight - layout.h1.textRight < 2,
      `headline starts at the right: ${JSON.stringify(layout.h1)}`,
    );
    assert.ok(layout.paragraph.boxRight - layout.paragraph.textRight < 2, 'body text starts at the right');
    assert.ok(layout.crumbs.length >= 2, 'the breadcrumb is there');
    assert.ok(layout.crumbs[0]! > layout.crumbs.at(-1)!, '“Home” comes first, on the right');
    assert.ok(layout.overflow <= 0, 'nothing spills sideways');
    fs.mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/rtl-article.png', fullPage: true });
    await page.close();
  });

  it('keeps English pages left-to-right beside it', async () => {
    const page = await chrome.browser.newPage();
    await page.goto(`${base}/`);
    assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
    await page.close();
  });
});
