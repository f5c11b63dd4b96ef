import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SEED_SLUG } from '../../src/content/demo/seed.ts';
import { createSiteUrls } from '../../src/content/urls.ts';
import { newsArticleJsonLd } from '../../src/feeds/structured-data.ts';
import { jsonLd, parsePage } from '../helpers/html.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

type Json = Record<string, unknown>;
const SEED_URL = `http://newsdesk.test/world/${SEED_SLUG}`;
const ABSOLUTE = /^https?:\/\/[^/\s]+/;
const URL_KEYS = new Set(['url', '@id', 'item', 'contentUrl', 'thumbnailUrl', 'image', 'sameAs']);

/** Walks a JSON-LD tree: no empty values anywhere, and every address absolute. */
function assertWellFormed(node: unknown, path = '$'): void {
  if (Array.isArray(node)) {
    assert.ok(node.length > 0, `${path} is an empty list`);
    node.forEach((child, i) => assertWellFormed(child, `${path}[${i}]`));
    return;
  }
  if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      assert.ok(value !== null && value !== undefined && value !== '', `${path}.${key} is empty`);
      if (URL_KEYS.has(key) && typeof value === 'string') assert.match(value, ABSOLUTE, `${path}.${key}`);
      assertWellFormed(value, `${path}.${key}`);
    }
  }
}

function ofType(blocks: Json[], type: string): Json {
  const found = blocks.find((b) => b['@type'] === type);
  assert.ok(found, `no ${type} among ${blocks.map((b) => b['@type']).join(', ')}`);
  return found;
}

describe('structured data, OpenGraph and Twitter cards of real pages', () => {
  let app: TestApp;
  const page = async (url: string) => {
    const res = await app.http.inject({ url });
    assert.equal(res.statusCode, 200, url);
    return parsePage(res.body);
  };
  const meta = (doc: Document, key: string) =>
    Array.from(doc.querySelectorAll(`meta[property="${key}"], meta[name="${key}"]`)).map((m) =>
      m.getAttribute('content'),
    );

  before(async () => {
    app = await createTestApp({ demo: 20, env: { TWITTER_SITE: 'newsdesk' } });
  });
  after(() => app.close());

  it('the seed article: NewsArticle with every recommended property, and its chain of credit', async () => {
    const blocks = jsonLd(await page(`/world/${SEED_SLUG}`));
    blocks.forEach((b) => assertWellFormed(b));
    const article = ofType(blocks, 'NewsArticle');
    assert.equal(article['@context'], 'https://schema.org');
    assert.equal(article['@id'], `${SEED_URL}#article`);
    assert.equal(
      article.headline,
      'A step of desperation: Time analyzed what Putin’s visit to the DPRK really meant',
    );
    assert.match(String(article.description), /^Russia’s embrace of North Korea/);
    assert.equal(article.url, SEED_URL);
    assert.deepEqual(article.mainEntityOfPage, { '@type': 'WebPage', '@id': SEED_URL });
    assert.deepEqual(article.image, [
      {
        '@type': 'ImageObject',
        url: 'http://newsdesk.test/media/demo/seed-lead.jpg',
        contentUrl: 'http://newsdesk.test/media/demo/seed-lead.jpg',
        width: 1600,
        height: 900,
        caption: 'Putin visited the DPRK for the first time in 24 years',
        creditText: 'Collage 24 Channel',
      },
    ]);
    assert.equal(article.thumbnailUrl, 'http://newsdesk.test/media/demo/seed-lead.jpg');
    assert.equal(article.datePublished, '2024-06-20T09:30:00.000Z');
    assert.equal(article.dateModified, '2024-06-20T09:30:00.000Z');
    assert.deepEqual(article.author, [
      {
        '@type': 'Person',
        name: 'alex',
        url: 'http://newsdesk.test/author/alex',
        jobTitle: 'World desk editor',
      },
    ]);
    assert.deepEqual(article.publisher, {
      '@type': 'NewsMediaOrganization',
      '@id': 'http://newsdesk.test/#publisher',
      name: 'Newsdesk',
      url: 'http://newsdesk.test/',
      logo: {
        '@type': 'ImageObject',
        url: String((article.publisher as Json & { logo: Json }).logo.url),
        width: 600,
        height: 60,
      },
    });
    assert.match(
      String((article.publisher as { logo: Json }).logo.url),
      /^http:\/\/newsdesk\.test\/assets\/logo\.png\?v=/,
    );
    assert.equal(article.articleSection, 'World');
    assert.equal(article.keywords, 'Russia, North Korea, Vladimir Putin, Kim Jong-un, China');
    assert.equal(article.inLanguage, 'en');
    assert.ok(Number(article.wordCount) > 300, `wordCount ${article.wordCount}`);
    assert.equal(article.isAccessibleForFree, true);

    const original = article.isBasedOn as Json;
    assert.equal(original['@type'], 'NewsArticle');
    assert.equal(
      original.headline,
      'A step of despair: Time analyzed what Putin’s visit to the DPRK actually meant',
    );
    assert.equal(original.inLanguage, 'uk');
    assert.deepEqual(original.author, { '@type': 'Person', name: 'Polina Buyanova' });
    assert.deepEqual(original.publisher, {
      '@type': 'NewsMediaOrganization',
      name: '24 Channel',
      url: 'https://24tv.ua/',
    });
    assert.equal((original.isBasedOn as Json).url, 'https://time.com/');
    assert.deepEqual(article.translationOfWork, original, 'translated from the Ukrainian original');
    assert.equal(article.correction, undefined, 'no corrections, no empty list');

    const breadcrumb = ofType(blocks, 'BreadcrumbList');
    assert.deepEqual(breadcrumb.itemListElement, [
      { '@type': 'ListItem', position: 1, name: 'Home', item: 'http://newsdesk.test/' },
      { '@type': 'ListItem', position: 2, name: 'World', item: 'http://newsdesk.test/world' },
      {
        '@type': 'ListItem',
        position: 3,
        name: 'A step of desperation: Time analyzed what Putin’s visit to the DPRK really meant',
        item: SEED_URL,
      },
    ]);
  });

  it('translations made here: translationOfWork on the translation, workTranslation on the original', async () => {
    const sections = await app.services.taxonomy.listSections();
    const asia = sections.find((s) => s.slug === 'asia')!;
    const original = await app.services.articles.create({
      language: 'en',
      slug: 'original-story',
      title: 'An original story',
      seoTitle: 'Original story, for search',
      status: 'published',
      sectionId: asia.id,
      publishedAt: '2024-06-10T10:00:00.000Z',
      revisedAt: '2024-06-11T10:00:00.000Z',
      body: [
        { type: 'paragraph', text: 'One two three four five.' },
        {
          type: 'image',
          src: '/media/square.jpg',
          alt: 'A square',
          width: 1200,
          height: 1200,
          credit: 'Desk',
        },
        { type: 'image', src: 'https://cdn.example/wide.jpg', alt: 'Wide', width: 1200, height: 900 },
      ],
    });
    await app.services.articles.create({
      language: 'uk',
      slug: 'oryhinalnyi-material',
      title: 'Оригінальний матеріал',
      status: 'published',
      sectionId: asia.id,
      translationOfId: original.id,
      body: [{ type: 'paragraph', text: 'Один два три.' }],
    });

    const en = ofType(jsonLd(await page('/asia/original-story')), 'NewsArticle');
    assertWellFormed(en);
    assert.equal(en.alternativeHeadline, 'Original story, for search');
    assert.equal(en.dateModified, '2024-06-11T10:00:00.000Z');
    assert.equal(en.articleSection, 'Asia', 'the story’s own section, not the top of the tree');
    assert.equal(en.wordCount, 5);
    assert.deepEqual(
      (en.image as Json[]).map((i) => [i.url, i.width, i.height]),
      [
        ['http://newsdesk.test/media/square.jpg', 1200, 1200],
        ['https://cdn.example/wide.jpg', 1200, 900],
      ],
      'the body’s pictures, in their own ratios',
    );
    assert.deepEqual(en.workTranslation, [
      {
        '@type': 'NewsArticle',
        '@id': 'http://newsdesk.test/uk/asia/oryhinalnyi-material#article',
        url: 'http://newsdesk.test/uk/asia/oryhinalnyi-material',
        headline: 'Оригінальний матеріал',
        inLanguage: 'uk',
      },
    ]);
    const ukDoc = await page('/uk/asia/oryhinalnyi-material');
    const uk = ofType(jsonLd(ukDoc), 'NewsArticle');
    assert.equal(uk.inLanguage, 'uk');
    assert.deepEqual(uk.translationOfWork, {
      '@type': 'NewsArticle',
      '@id': 'http://newsdesk.test/asia/original-story#article',
      url: 'http://newsdesk.test/asia/original-story',
      headline: 'An original story',
      inLanguage: 'en',
    });
    assert.equal(
      (uk.publisher as Json).url,
      'http://newsdesk.test/uk/',
      'the publisher’s home in the page’s language',
    );
    const crumbs = ofType(jsonLd(ukDoc), 'BreadcrumbList').itemListElement as Json[];
    assert.deepEqual(
      crumbs.map((c) => c.name),
      // Section names in the page's language (the demo translates them).
      ['Головна', 'Світ', 'Азія', 'Оригінальний матеріал'],
    );
  });

  it('corrections and other crops of the lead image, when the article has them', () => {
    const urls = createSiteUrls('https://news.example', 'en');
    const data = newsArticleJsonLd(
      {
        id: 1,
        slug: 'fixed',
        language: 'en',
        title: 'Fixed',
        dek: null,
        excerpt: 'Text',
        status: 'published',
        publishedAt: '2024-01-01T00:00:00.000Z',
        revisedAt: '2024-01-02T00:00:00.000Z',
        section: null,
        authors: [],
        leadImage: {
          mediaId: 1,
          url: '/media/a.jpg',
          alt: 'A',
          caption: null,
          credit: null,
          width: 1600,
          height: 900,
        },
        body: [{ type: 'paragraph', text: 'Text' }],
        tags: [],
        source: null,
        seoTitle: null,
        seoDescription: null,
        scheduledAt: null,
        translationGroupId: null,
        translationOfId: null,
        corrections: [
          {
            kind: 'correction',
            text: 'An earlier version misspelt the minister’s name.',
            publishedAt: '2024-01-02T00:00:00.000Z',
          },
          { kind: 'update', text: 'Adds the ministry’s reply.', publishedAt: '2024-01-03T00:00:00.000Z' },
        ],
        version: 3,
        createdAt: '2024-01-01T00:00:00.000Z',
        updatedAt: '2024-01-03T00:00:00.000Z',
      },
      {
        urls,
        publisher: {
          name: 'News',
          url: 'https://news.example/',
          logo: { url: 'https://news.example/logo.png', width: 600, height: 60 },
        },
        trail: [],
        renditions: [
          { url: '/media/a-1x1.jpg', width: 1200, height: 1200 },
          { url: '/media/a-4x3.jpg', width: 1200, height: 900 },
          { url: '/media/a.jpg', width: 1600, height: 900 },
        ],
      },
    );
    assertWellFormed(data);
    assert.deepEqual(
      (data.image as Json[]).map((i) => `${i.url} ${i.width}x${i.height}`),
      [
        'https://news.example/media/a.jpg 1600x900',
        'https://news.example/media/a-1x1.jpg 1200x1200',
        'https://news.example/media/a-4x3.jpg 1200x900',
      ],
    );
    assert.deepEqual(data.correction, [
      {
        '@type': 'CorrectionComment',
        text: 'An earlier version misspelt the minister’s name.',
        datePublished: '2024-01-02T00:00:00.000Z',
      },
    ]);
    assert.equal(data.author, undefined, 'no authors, no empty list');
  });

  it('OpenGraph and Twitter cards are complete on an article', async () => {
    const doc = await page(`/world/${SEED_SLUG}`);
    const one = (key: string) => {
      const values = meta(doc, key);
      assert.equal(values.length, 1, `${key}: ${values.join(' | ')}`);
      return values[0];
    };
    assert.equal(one('og:type'), 'article');
    assert.equal(one('og:site_name'), 'Newsdesk');
    assert.equal(
      one('og:title'),
      'A step of desperation: Time analyzed what Putin’s visit to the DPRK really meant',
    );
    assert.match(String(one('og:description')), /^Russia’s embrace/);
    assert.equal(one('og:url'), SEED_URL);
    assert.equal(one('og:locale'), 'en_US');
    assert.equal(one('og:locale:alternate'), 'uk_UA');
    assert.equal(one('og:image'), 'http://newsdesk.test/media/demo/seed-lead.jpg');
    assert.equal(one('og:image:type'), 'image/jpeg');
    assert.equal(one('og:image:width'), '1600');
    assert.equal(one('og:image:height'), '900');
    assert.match(String(one('og:image:alt')), /flags of North Korea and Russia/);
    assert.equal(one('article:published_time'), '2024-06-20T09:30:00.000Z');
    assert.equal(one('article:modified_time'), '2024-06-20T09:30:00.000Z');
    assert.equal(one('article:section'), 'World');
    assert.deepEqual(meta(doc, 'article:author'), ['http://newsdesk.test/author/alex']);
    assert.deepEqual(meta(doc, 'article:tag'), [
      'Russia',
      'North Korea',
      'Vladimir Putin',
      'Kim Jong-un',
      'China',
    ]);

    assert.equal(one('twitter:card'), 'summary_large_image');
    assert.equal(one('twitter:site'), '@newsdesk');
    assert.equal(one('twitter:title'), one('og:title'));
    assert.equal(one('twitter:description'), one('og:description'));
    assert.equal(one('twitter:image'), one('og:image'));
    assert.equal(one('twitter:image:alt'), one('og:image:alt'));
    assert.equal(one('twitter:label1'), 'Written by');
    assert.equal(one('twitter:data1'), 'alex');
    assert.equal(one('twitter:label2'), 'Reading time');
    assert.match(String(one('twitter:data2')), /^\d+ minutes?$/);

    const uk = await page(
      '/uk/world/krok-vidchaiu-time-proanalizuvav-shcho-naspravdi-oznachav-vizyt-putina-do-kndr',
    );
    assert.deepEqual(meta(uk, 'og:locale'), ['uk_UA']);
    assert.deepEqual(meta(uk, 'og:locale:alternate'), ['en_US']);
    assert.deepEqual(meta(uk, 'twitter:label2'), ['Час читання']);
    assert.match(String(meta(uk, 'twitter:data2')[0]), /^\d+ хвилин[аи]?$/);
  });

  it('home, section, author and tag pages carry their own structured data', async () => {
    const home = jsonLd(await page('/'));
    home.forEach((b) => assertWellFormed(b));
    const site = ofType(home, 'WebSite');
    assert.equal(site.url, 'http://newsdesk.test/');
    assert.deepEqual(site.publisher, { '@id': 'http://newsdesk.test/#publisher' });
    const org = ofType(home, 'NewsMediaOrganization');
    assert.equal(org['@id'], 'http://newsdesk.test/#publisher');
    assert.deepEqual([(org.logo as Json).width, (org.logo as Json).height], [600, 60]);

    const asia = jsonLd(await page('/asia'));
    asia.forEach((b) => assertWellFormed(b));
    const collection = ofType(asia, 'CollectionPage');
    assert.equal(collection.name, 'Asia');
    assert.equal(collection.url, 'http://newsdesk.test/asia');
    assert.equal(collection.inLanguage, 'en');
    assert.deepEqual(
      (ofType(asia, 'BreadcrumbList').itemListElement as Json[]).map((i) => [i.position, i.name, i.item]),
      [
        [1, 'Home', 'http://newsdesk.test/'],
        [2, 'World', 'http://newsdesk.test/world'],
        [3, 'Asia', 'http://newsdesk.test/asia'],
      ],
    );

    const author = jsonLd(await page('/author/alex'));
    author.forEach((b) => assertWellFormed(b));
    assert.equal((ofType(author, 'ProfilePage').mainEntity as Json).name, 'alex');
    assert.equal((ofType(author, 'BreadcrumbList').itemListElement as Json[]).length, 2);

    const tag = jsonLd(await page('/tag/north-korea'));
    assert.equal(ofType(tag, 'CollectionPage').name, 'Stories tagged “North Korea”');
    assert.equal(
      (ofType(tag, 'BreadcrumbList').itemListElement as Json[]).at(-1)?.item,
      'http://newsdesk.test/tag/north-korea',
    );
  });
});
