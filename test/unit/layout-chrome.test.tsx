import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTranslators } from '../../src/i18n/i18n.ts';
import { Layout } from '../../src/views/layout.tsx';
import type { ChromeModel, PageMeta } from '../../src/views/models.ts';
import { renderPage } from '../../src/views/render.tsx';
import { parsePage, text } from '../helpers/html.ts';

const i18n = createTranslators({ languages: ['en'], defaultLanguage: 'en', timeZone: 'UTC' }).get('en')!;

function chrome(nav: Array<[string, string, boolean]>, overrides: Partial<ChromeModel> = {}): ChromeModel {
  return {
    siteName: 'Daily Test',
    siteDescription: 'News for tests',
    homeHref: '/',
    searchHref: '/search',
    nav: nav.map(([href, label, current]) => ({ href, label, current })),
    languages: [{ code: 'en', label: 'English', href: '/', current: true }],
    stylesheetHref: '/assets/site.css',
    iconHref: '/assets/icon.svg',
    feedHref: '/feeds',
    year: 2026,
    ...overrides,
  };
}

const meta: PageMeta = {
  title: 'A page',
  description: 'About a page',
  canonical: 'https://example.test/',
  type: 'website',
  alternates: [],
  feeds: [],
  jsonLd: [],
};

function page(model: ChromeModel, bodyClass = 'page-section') {
  return parsePage(
    renderPage(
      { i18n, chrome: model },
      <Layout meta={meta} bodyClass={bodyClass}>
        <p>Story</p>
      </Layout>,
    ),
  );
}

describe('layout chrome rendered once and reused', () => {
  it('shows what the navigation holds now, not what an earlier page rendered', () => {
    const first = page(
      chrome([
        ['/world', 'World', false],
        ['/business', 'Business', true],
      ]),
    );
    assert.deepEqual(
      [...first.querySelectorAll('.section-nav a')].map((a) => [text(a), a.getAttribute('aria-current')]),
      [
        ['Home', null],
        ['World', null],
        ['Business', 'page'],
      ],
    );
    // The same sections, another current one; then a section renamed: each page says its own.
    const moved = page(
      chrome([
        ['/world', 'World', true],
        ['/business', 'Business', false],
      ]),
    );
    assert.equal(text(moved.querySelector('.section-nav a[aria-current="page"]')!), 'World');
    const renamed = page(
      chrome([
        ['/world', 'Planet', true],
        ['/business', 'Business', false],
      ]),
    );
    assert.deepEqual(
      [...renamed.querySelectorAll('.site-footer .footer-links a')].map((a) => text(a)),
      ['Planet', 'Business'],
    );
    assert.equal(text(renamed.querySelector('.section-nav a[aria-current="page"]')!), 'Planet');
    const home = page(chrome([['/world', 'Planet', false]]), 'page-home');
    assert.equal(text(home.querySelector('.section-nav a[aria-current="page"]')!), 'Home');
  });

  it('escapes what it reuses like any render', () => {
    const hostile = page(
      chrome([['/x', '<img src=x onerror=alert(1)>', false]], { siteName: '<b>Site</b>' }),
    );
    assert.equal(hostile.querySelector('.site-footer img, .section-nav img, .site-footer b'), null);
    assert.equal(text(hostile.querySelector('.footer-links a')!), '<img src=x onerror=alert(1)>');
    assert.equal(text(hostile.querySelector('.footer-brand')!), '<b>Site</b>');
  });

  it('keeps the landmarks: the section navigation is labelled, the footer is a contentinfo', () => {
    const doc = page(chrome([['/world', 'World', false]]));
    assert.equal(doc.querySelector('nav.section-nav')!.getAttribute('aria-label'), i18n.t('site.mainNav'));
    assert.ok(doc.querySelector('body > footer.site-footer'));
  });
});
