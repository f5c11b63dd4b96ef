import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SEED_SLUG } from '../../src/content/demo/seed.ts';
import { rawKeysShown } from '../helpers/i18n.ts';
import { jsonLd, parsePage, text } from '../helpers/html.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const UK_SEED = '/uk/world/krok-vidchaiu-time-proanalizuvav-shcho-naspravdi-oznachav-vizyt-putina-do-kndr';

describe('one newsroom, two languages: every reader page in English and Ukrainian', () => {
  let app: TestApp;
  const missing = new Set<string>();
  let reutersStory = '';
  let translatedStory = { en: '', uk: '' };
  let ukrainianOnly = '';
  let busySection = '';
  /** A tag only English stories carry. */
  let englishTag = '';

  before(async () => {
    app = await createTestApp({
      demo: 30,
      onMissingMessage: (lang, key, fellBack) =>
        missing.add(`${lang}: ${key}${fellBack ? '' : ' (in no catalogue)'}`),
    });
    const { articles, taxonomy } = app.services;
    const alex = (await taxonomy.findAuthorBySlug('alex'))!;
    // A section with a second page in both languages.
    const business = (await taxonomy.findSectionBySlug('markets'))!;
    await articles.createMany(
      Array.from({ length: 22 }, (_, i) => ({
        language: 'en',
        title: `Market report number ${i + 1}`,
        body: [{ type: 'paragraph', text: `Oil prices moved on day ${i + 1}.` }],
        status: 'published' as const,
        sectionId: business.id,
        authorIds: [alex.id],
        publishedAt: new Date(Date.UTC(2024, 4, 1 + i)).toISOString(),
      })),
    );
    busySection = business.slug;
    // Enough Ukrainian stories for a second page of a Ukrainian section.
    await articles.createMany(
      Array.from({ length: 23 }, (_, i) => ({
        language: 'uk',
        title: `Біржовий огляд номер ${i + 1}`,
        body: [{ type: 'paragraph', text: `Ціни на нафту змінилися за день ${i + 1}.` }],
        status: 'published' as const,
        sectionId: business.id,
        authorIds: [alex.id],
        tags: ['Росія'],
        publishedAt: new Date(Date.UTC(2024, 5, 1 + i)).toISOString(),
      })),
    );
    const [story] = await articles.listPublished({ language: 'en', sectionIds: [business.id] }, { limit: 1 });
    reutersStory = `/${busySection}/${story!.slug}`;
    const [tagged] = await app.database.db
      .selectFrom('tags')
      .innerJoin('article_tags', 'article_tags.tag_id', 'tags.id')
      .select('tags.slug')
      .where('tags.slug', 'not in', ['russia', 'china', 'north-korea', 'vladimir-putin', 'kim-jong-un'])
      .limit(1)
      .execute();
    englishTag = `/tag/${tagged!.slug}`;
    // A Reuters story translated here: the Ukrainian version names its original.
    const [other] = await articles.listPublished(
      { language: 'en', sectionIds: [business.id], excludeIds: [story!.id] },
      { limit: 1 },
    );
    const translation = await articles.create({
      language: 'uk',
      title: 'Перекладений матеріал',
      body: [{ type: 'paragraph', text: 'Переклад.' }],
      status: 'published',
      sectionId: business.id,
      translationOfId: other!.id,
      source: { translator: 'Олена', originalLanguage: 'en' },
    });
    translatedStory = { en: `/${busySection}/${other!.slug}`, uk: `/uk/${busySection}/${translation.slug}` };
    // A story in Ukrainian alone, in a group of one.
    const lone = await articles.create({
      language: 'uk',
      title: 'Лише українською',
      body: [{ type: 'paragraph', text: 'Текст.' }],
      status: 'published',
      sectionId: business.id,
      translationGroupId: await articles.createTranslationGroup(),
    });
    ukrainianOnly = `/uk/${busySection}/${lone.slug}`;
  });
  after(() => app.close());

  const get = (url: string) => app.http.inject({ url });

  it('renders every page type in both languages with no missing message and no raw key', async () => {
    const pages: Array<[string, number]> = [
      ['/', 200],
      ['/world', 200],
      ['/asia', 200],
      [`/${busySection}?page=2`, 200],
      ['/author/alex', 200],
      ['/tag/russia', 200],
      [`/world/${SEED_SLUG}`, 200],
      ['/search', 200],
      ['/search?q=oil', 200],
      ['/search?q=zzzzqqq', 200],
      ['/search?q=oil&from=yesterday&page=x', 400],
      ['/feeds', 200],
      ['/no-such-page', 404],
      ['/world/no-such-story', 404],
      ['/world?page=abc', 400],
      ['/world?page=999', 404],
    ];
    const ukrainian: Array<[string, number]> = [
      ...pages.map(([url, status]): [string, number] => [
        url === `/world/${SEED_SLUG}` ? UK_SEED : `/uk${url === '/' ? '/' : url}`,
        status,
      ]),
      [translatedStory.uk, 200],
      ['/uk/search?q=Росії', 200],
      [`/uk${englishTag}`, 200],
    ];
    for (const [url, status] of [...pages, ...ukrainian]) {
      const res = await get(url);
      assert.equal(res.statusCode, status, url);
      const doc = parsePage(res.body);
      const lang = url.startsWith('/uk') ? 'uk' : 'en';
      assert.equal(doc.documentElement.getAttribute('lang'), lang, url);
      assert.equal(doc.documentElement.getAttribute('dir'), 'ltr', url);
      assert.deepEqual(rawKeysShown(doc), [], `raw message keys on ${url}`);
    }
    assert.deepEqual(
      [...missing].sort(),
      [],
      `messages missing from catalogues:\n${[...missing].join('\n')}`,
    );
  });

  it('Ukrainian pages read in Ukrainian: chrome, section names, tags, bio, dates, errors', async () => {
    const home = parsePage((await get('/uk/')).body);
    assert.equal(
      text(home.querySelector('.brand-tagline')),
      'Незалежні новини, аналітика та переклади з усього світу.',
    );
    const nav = Array.from(home.querySelectorAll('.section-nav a')).map((a) => text(a));
    assert.deepEqual(nav.slice(0, 3), ['Головна', 'Світ', 'Бізнес']);

    const world = parsePage((await get('/uk/world')).body);
    assert.equal(text(world.querySelector('h1')), 'Світ');
    assert.equal(text(world.querySelector('.listing-intro')), 'Міжнародні новини та аналітика.');
    assert.deepEqual(
      Array.from(world.querySelectorAll('.subsections a')).map((a) => text(a)),
      ['Азія', 'Європа'],
    );

    const story = parsePage((await get(UK_SEED)).body);
    assert.equal(text(story.querySelector('.kicker')), 'Світ');
    assert.equal(
      text(story.querySelector('nav.breadcrumb')).split(' » ').slice(0, 2).join(' » '),
      'Головна » Світ',
    );
    const tags = Array.from(story.querySelectorAll('.tag-list a')).map((a) => [
      text(a),
      a.getAttribute('href'),
    ]);
    assert.deepEqual(tags[0], ['Росія', '/uk/tag/russia']);
    assert.equal(tags.length, 5);
    assert.match(text(story.querySelector('.story-dates time')), /20 червня 2024/);
    assert.match(
      text(story.querySelector('.story-body')),
      /фрагмент, підготовлений для демонстраційного вмісту/,
    );

    const tag = parsePage((await get('/uk/tag/russia')).body);
    assert.equal(text(tag.querySelector('h1')), 'Матеріали з тегом «Росія»');
    assert.match(text(tag.querySelector('.listing-count')), /^\d+ матеріал/);

    const author = parsePage((await get('/uk/author/alex')).body);
    assert.equal(text(author.querySelector('.job-title')), 'Редактор міжнародного відділу');
    assert.match(text(author.querySelector('.listing-intro')), /^Алекс редагує/);

    const translated = parsePage((await get(translatedStory.uk)).body);
    assert.match(
      text(translated.querySelector('.provenance')),
      /Переклад з мови: англійська, перекладач — Олена/,
    );

    const badPage = parsePage((await get('/uk/world?page=abc')).body);
    assert.match(
      text(badPage.querySelector('.error-panel')),
      /Номер сторінки має бути цілим числом від 1 до 10\s000\./,
    );
    const noStory = parsePage((await get('/uk/world/nothing-here')).body);
    assert.match(text(noStory.querySelector('.error-panel')), /За цією адресою немає матеріалу/);
    const longSearch = await get(`/uk/search?q=${'а'.repeat(301)}`);
    assert.equal(longSearch.statusCode, 400);
    assert.match(
      text(parsePage(longSearch.body).querySelector('.form-error')),
      /Запит задовгий: використайте щонайбільше 300 символів/,
    );
    const badSearch = parsePage((await get('/uk/search?q=нафта&section=nowhere&from=yesterday')).body);
    assert.match(
      text(badSearch.querySelector('.form-error')),
      /Розділу «nowhere» немає\. Вкажіть перший день як дату/,
    );
    assert.match(
      text(parsePage((await get(`/uk/${busySection}`)).body).querySelector('.pagination-status')),
      /^Сторінка 1 з 2$/,
    );
  });

  /** The hreflang alternates of a page, as [language, path] pairs. */
  async function alternatesOf(url: string): Promise<Array<[string, string]>> {
    const doc = parsePage((await get(url)).body);
    return Array.from(doc.querySelectorAll('link[rel="alternate"][hreflang]')).map((l) => [
      l.getAttribute('hreflang')!,
      l.getAttribute('href')!.replace('http://newsdesk.test', ''),
    ]);
  }

  it('hreflang alternates are symmetric across every translation group, with x-default, as in the sitemaps', async () => {
    const db = app.database.db;
    const rows = await db
      .selectFrom('articles')
      .leftJoin('sections', 'sections.id', 'articles.section_id')
      .select([
        'articles.translation_group_id as group',
        'articles.language',
        'articles.slug',
        'sections.slug as section',
      ])
      .where('articles.status', '=', 'published')
      .where('articles.translation_group_id', 'is not', null)
      .execute();
    const groups = new Map<number, string[]>();
    for (const r of rows)
      groups.set(r.group!, [
        ...(groups.get(r.group!) ?? []),
        `${r.language === 'en' ? '' : `/${r.language}`}/${r.section}/${r.slug}`,
      ]);
    assert.ok(groups.size >= 3, 'the seed pair, the translation pair and the lone story');
    let pairs = 0;
    for (const [group, urls] of groups) {
      const seen = await Promise.all(urls.map((url) => alternatesOf(url)));
      if (urls.length === 1) {
        assert.deepEqual(seen[0], [], `a story alone in group ${group} names no alternates`);
        continue;
      }
      pairs++;
      for (const [index, alternates] of seen.entries()) {
        assert.deepEqual(
          alternates,
          seen[0],
          `group ${group}: ${urls[index]} names the same alternates as ${urls[0]}`,
        );
        assert.ok(
          alternates.some(([, href]) => href === urls[index]),
          `${urls[index]} names itself`,
        );
      }
      const languages = seen[0]!.map(([code]) => code);
      assert.deepEqual(languages, ['en', 'uk', 'x-default'], `group ${group}`);
      assert.equal(
        seen[0]!.find(([code]) => code === 'x-default')![1],
        seen[0]!.find(([code]) => code === 'en')![1],
      );
      for (const [, href] of seen[0]!) assert.equal((await get(href)).statusCode, 200, href);
    }
    assert.equal(pairs, 2);
    assert.deepEqual(await alternatesOf(ukrainianOnly), []);
  });

  it('the language switcher lands on the translation when there is one, else on that language’s home', async () => {
    const switcher = async (url: string) => {
      const doc = parsePage((await get(url)).body);
      return Object.fromEntries(
        Array.from(doc.querySelectorAll('.language-switch a')).map((a) => [
          a.getAttribute('hreflang'),
          a.getAttribute('href'),
        ]),
      );
    };
    assert.deepEqual(await switcher(`/world/${SEED_SLUG}`), { en: `/world/${SEED_SLUG}`, uk: UK_SEED });
    assert.deepEqual(await switcher(UK_SEED), { en: `/world/${SEED_SLUG}`, uk: UK_SEED });
    assert.deepEqual(await switcher(translatedStory.en), { en: translatedStory.en, uk: translatedStory.uk });
    assert.deepEqual(await switcher(reutersStory), { en: reutersStory, uk: '/uk/' });
    assert.deepEqual(await switcher(ukrainianOnly), { en: '/', uk: ukrainianOnly });
    assert.deepEqual(await switcher('/tag/russia'), { en: '/tag/russia', uk: '/uk/tag/russia' });
    assert.deepEqual(await switcher(englishTag), { en: englishTag, uk: '/uk/' });
    assert.deepEqual(await switcher('/uk/world'), { en: '/world', uk: '/uk/world' });
    assert.equal((await switcher('/uk/search?q=нафта')).en, '/search?q=%D0%BD%D0%B0%D1%84%D1%82%D0%B0');
    for (const href of Object.values(await switcher(`/world/${SEED_SLUG}`)))
      assert.equal((await get(String(href))).statusCode, 200);
  });

  it('listings name only the languages they have stories in; an empty one is not indexed', async () => {
    assert.deepEqual(await alternatesOf('/tag/russia'), [
      ['en', '/tag/russia'],
      ['uk', '/uk/tag/russia'],
      ['x-default', '/tag/russia'],
    ]);
    assert.deepEqual(await alternatesOf(`/${busySection}?page=2`), [
      ['en', `/${busySection}?page=2`],
      ['uk', `/uk/${busySection}?page=2`],
      ['x-default', `/${busySection}?page=2`],
    ]);
    assert.deepEqual(await alternatesOf(englishTag), []);
    const empty = parsePage((await get(`/uk${englishTag}`)).body);
    assert.equal(empty.querySelector('meta[name="robots"]')?.getAttribute('content'), 'noindex');
    assert.equal(parsePage((await get(englishTag)).body).querySelector('meta[name="robots"]'), null);
    assert.deepEqual(
      (await alternatesOf('/uk/')).map(([code]) => code),
      ['en', 'uk', 'x-default'],
    );
  });

  it('structured data says each page’s language (inLanguage)', async () => {
    const typeOf = async (url: string, type: string) =>
      jsonLd(parsePage((await get(url)).body)).find((d) => d['@type'] === type);
    assert.equal((await typeOf(UK_SEED, 'NewsArticle'))?.inLanguage, 'uk');
    assert.equal((await typeOf(`/world/${SEED_SLUG}`, 'NewsArticle'))?.inLanguage, 'en');
    assert.equal((await typeOf('/uk/', 'WebSite'))?.inLanguage, 'uk');
    assert.equal((await typeOf('/uk/world', 'CollectionPage'))?.inLanguage, 'uk');
    assert.equal((await typeOf('/uk/author/alex', 'ProfilePage'))?.inLanguage, 'uk');
  });

  it('feeds and sitemaps per language carry that language’s names', async () => {
    const feed = await get('/uk/world/feed.json');
    assert.equal(feed.statusCode, 200);
    const json = feed.json();
    assert.equal(json.title, 'Newsdesk: Світ');
    assert.equal(json.language, 'uk');
    assert.equal(json.description, 'Міжнародні новини та аналітика.');
    const site = (await get('/uk/feed.json')).json();
    assert.equal(site.description, 'Незалежні новини, аналітика та переклади з усього світу.');
    assert.ok(json.items.every((item: { url: string }) => item.url.startsWith('http://newsdesk.test/uk/')));
    const tagFeed = await get('/uk/tag/russia/feed.xml');
    assert.match(tagFeed.body, /<title>Newsdesk: матеріали з тегом «Росія»<\/title>/);
    const ukSitemap = await get('/uk/sitemaps/articles-1.xml');
    assert.ok(!ukSitemap.body.includes('<loc>http://newsdesk.test/world/'), 'only Ukrainian stories');
  });

  it('a section’s translation is editable, and removing it brings back the default wording', async () => {
    const { taxonomy } = app.services;
    const energy = (await taxonomy.findSectionBySlug('energy'))!;
    await taxonomy.saveSectionTranslation({
      sectionId: energy.id,
      language: 'uk',
      name: 'Енергія',
      description: '',
    });
    assert.equal(text(parsePage((await get('/uk/energy')).body).querySelector('h1')), 'Енергія');
    await taxonomy.saveSectionTranslation({ sectionId: energy.id, language: 'uk', name: '' });
    assert.equal(text(parsePage((await get('/uk/energy')).body).querySelector('h1')), 'Energy');
    await assert.rejects(
      taxonomy.saveSectionTranslation({ sectionId: energy.id, language: 'en', name: 'Power' }),
      /default language/,
    );
    await assert.rejects(
      taxonomy.saveSectionTranslation({ sectionId: energy.id, language: 'uk', name: 'x'.repeat(81) }),
      /at most 80 characters/,
    );
    const tag = (await taxonomy.findTagBySlug('china'))!;
    await assert.rejects(
      taxonomy.saveTagTranslation({ tagId: tag.id, language: 'uk', name: 'росія' }),
      /already has this name/,
    );
    assert.equal(
      (await taxonomy.findTagBySlug('china', 'uk'))!.name,
      'Китай',
      'a refused change loses nothing',
    );
  });
});
