import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ArticleInput } from '../../src/content/article.input.ts';
import { parsePage, text } from '../helpers/html.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const paragraphs = (...texts: string[]) => texts.map((t) => ({ type: 'paragraph' as const, text: t }));

describe('search', () => {
  let app: TestApp;
  let base: ArticleInput;
  let ids: Record<string, number>;
  let sections: Record<string, number>;
  const get = (url: string) => app.http.inject({ url });
  const titles = (html: string) =>
    Array.from(parsePage(html).querySelectorAll('.search-results .card-title')).map((h) => text(h));

  before(async () => {
    app = await createTestApp();
    const { taxonomy, articles } = app.services;
    const world = await taxonomy.createSection({ slug: 'world', name: 'World' });
    const asia = await taxonomy.createSection({ slug: 'asia', name: 'Asia', parentId: world.id });
    const energy = await taxonomy.createSection({ slug: 'energy', name: 'Energy' });
    sections = { world: world.id, asia: asia.id, energy: energy.id };
    const maria = await taxonomy.createAuthor({ slug: 'maria', name: 'Maria Kovalenko' });
    const john = await taxonomy.createAuthor({ slug: 'john', name: 'John Reed' });
    base = { language: 'en', title: '', body: [], status: 'published', authorIds: [maria.id], tags: [] };
    const make = async (key: string, input: Partial<ArticleInput>) => {
      ids[key] = (await articles.create({ ...base, ...input } as ArticleInput)).id;
    };
    ids = {};
    await make('pyongyang', {
      title: 'Putin lands in Pyongyang for talks with Kim',
      body: paragraphs('The Russian president visited the North Korean capital on Wednesday.'),
      sectionId: asia.id,
      publishedAt: '2024-06-19T08:00:00.000Z',
      tags: ['North Korea'],
    });
    await make('bodyOnly', {
      title: 'Markets steady on Thursday',
      body: paragraphs('Traders also watched the summit in Pyongyang, but shares barely moved.'),
      sectionId: energy.id,
      authorIds: [john.id],
      publishedAt: '2024-06-20T08:00:00.000Z',
    });
    await make('crude', {
      title: 'Crude oil prices climb',
      body: paragraphs('Crude oil rose two dollars as OPEC kept output steady.'),
      sectionId: energy.id,
      authorIds: [john.id],
      publishedAt: '2024-05-02T08:00:00.000Z',
    });
    await make('oilCrude', {
      title: 'Oil from the north is not crude at all',
      body: paragraphs('A refinery said its oil was refined, not crude, this year.'),
      sectionId: energy.id,
      publishedAt: '2024-05-03T08:00:00.000Z',
    });
    await make('hostileBody', {
      title: 'How <script> tags break pages',
      body: paragraphs('Writing <script>alert("x")</script> into a page is an old attack & still common.'),
      sectionId: world.id,
      publishedAt: '2024-04-01T08:00:00.000Z',
    });
    await make('ukrainian', {
      language: 'uk',
      title: 'Путін прилетів до Пхеньяна',
      body: paragraphs('Президент Росії відвідав столицю КНДР у середу.'),
      sectionId: asia.id,
      publishedAt: '2024-06-19T09:00:00.000Z',
    });
    await make('draft', {
      title: 'Pyongyang draft never published',
      body: paragraphs('Not yet.'),
      status: 'draft',
      sectionId: asia.id,
    });
    for (let n = 1; n <= 23; n++) {
      await make(`wheat${n}`, {
        title: `Wheat harvest report number ${n}`,
        body: paragraphs(`Farmers reported the wheat harvest in region ${n}.`),
        sectionId: energy.id,
        publishedAt: new Date(Date.UTC(2024, 0, n)).toISOString(),
      });
    }
  });
  after(() => app.close());

  it('the search box in every page’s header sends readers to /search, in their language', async () => {
    const home = parsePage((await get('/')).body);
    assert.equal(home.querySelector('header form[role="search"]')?.getAttribute('action'), '/search');
    const uk = parsePage((await get('/uk/')).body);
    assert.equal(uk.querySelector('header form[role="search"]')?.getAttribute('action'), '/uk/search');
    const res = await get('/search');
    assert.equal(res.statusCode, 200);
    assert.match(text(parsePage(res.body).querySelector('.search-summary')), /Type a few words/);
  });

  it('ranks a title match above a body match, marks matches and counts results', async () => {
    const res = await get('/search?q=pyongyang');
    assert.equal(res.statusCode, 200);
    const doc = parsePage(res.body);
    assert.deepEqual(titles(res.body), [
      'Putin lands in Pyongyang for talks with Kim',
      'Markets steady on Thursday',
    ]);
    assert.equal(text(doc.querySelector('.search-summary')), '2 stories match “pyongyang”');
    assert.equal(text(doc.querySelector('.search-results .card-title mark')), 'Pyongyang');
    assert.equal(text(doc.querySelectorAll('.search-snippet mark')[0]), 'Pyongyang');
    assert.equal(
      doc.querySelector('.search-results .card-title a')?.getAttribute('href'),
      '/asia/putin-lands-in-pyongyang-for-talks-with-kim',
    );
    assert.equal(doc.querySelector('meta[name="robots"]')?.getAttribute('content'), 'noindex');
    assert.equal(
      (doc.querySelector('header input[name="q"]') as HTMLInputElement | null)?.getAttribute('value'),
      'pyongyang',
    );
  });

  it('stems English words, matches quoted phrases only in order, and finds prefixes as one types', async () => {
    assert.deepEqual(titles((await get('/search?q=visits+capital+')).body), [
      'Putin lands in Pyongyang for talks with Kim',
    ]);
    assert.deepEqual(titles((await get('/search?q=%22crude+oil%22')).body), ['Crude oil prices climb']);
    assert.equal(titles((await get('/search?q=crude+oil+')).body).length, 2);
    assert.deepEqual(titles((await get('/search?q=Pyongy')).body).length, 2);
    assert.deepEqual(titles((await get('/search?q=crude+pric')).body), ['Crude oil prices climb']);
    assert.deepEqual(titles((await get('/search?q=crude+-refinery+')).body), ['Crude oil prices climb']);
  });

  it('corrects a typo when nothing matched, and offers the search as typed', async () => {
    const doc = parsePage((await get('/search?q=Pyongyng')).body);
    assert.match(text(doc.querySelector('.search-correction')), /Showing results for “pyongyang”/);
    assert.equal(titles(doc.documentElement.outerHTML).length, 2);
    const original = doc.querySelector('.search-correction a')?.getAttribute('href');
    assert.equal(original, '/search?q=Pyongyng&exact=1');
    const exact = parsePage((await get(original!)).body);
    assert.match(text(exact.querySelector('.search-summary')), /No stories match “Pyongyng”/);
  });

  it('filters by section (with its subsections), author and date range', async () => {
    assert.deepEqual(titles((await get('/search?q=pyongyang&section=world')).body), [
      'Putin lands in Pyongyang for talks with Kim',
    ]);
    assert.deepEqual(titles((await get('/search?q=pyongyang&author=john')).body), [
      'Markets steady on Thursday',
    ]);
    assert.deepEqual(titles((await get('/search?q=pyongyang&from=2024-06-20&to=2024-06-20')).body), [
      'Markets steady on Thursday',
    ]);
    assert.deepEqual(titles((await get('/search?q=pyongyang&to=2024-06-19')).body), [
      'Putin lands in Pyongyang for talks with Kim',
    ]);
    const byAuthor = parsePage((await get('/search?q=pyongyang&author=john')).body);
    assert.equal(text(byAuthor.querySelector('.search-chip')), 'By John Reed ×');
  });

  it('answers bad filters with a 400 page that keeps what the reader typed', async () => {
    for (const [query, message] of [
      ['q=oil&from=2024-02-31', /Write the first day as a date/],
      ['q=oil&section=nowhere', /There is no section “nowhere”/],
      ['q=oil&author=nobody', /There is no author “nobody”/],
      ['q=oil&from=2024-06-02&to=2024-06-01', /must not come before/],
      ['q=oil&page=abc', /page number must be a whole number/],
    ] as const) {
      const res = await get(`/search?${query}`);
      assert.equal(res.statusCode, 400, query);
      const doc = parsePage(res.body);
      assert.match(text(doc.querySelector('.form-error')), message);
      assert.equal(doc.querySelector('#search-q')?.getAttribute('value'), 'oil');
    }
  });

  it('pages through many results with a count', async () => {
    const first = parsePage((await get('/search?q=wheat&sort=newest')).body);
    assert.equal(text(first.querySelector('.search-summary')), '23 stories match “wheat”');
    assert.equal(first.querySelectorAll('.search-results > li').length, 10);
    assert.match(text(first.querySelector('.search-results .card-title')), /number 23$/);
    const next = first.querySelector('.pagination a[rel="next"]')?.getAttribute('href');
    assert.equal(next, '/search?q=wheat&sort=newest&page=2');
    const third = parsePage((await get('/search?q=wheat&sort=newest&page=3')).body);
    assert.equal(third.querySelectorAll('.search-results > li').length, 3);
    assert.equal((await get('/search?q=wheat&page=9')).statusCode, 404);
  });

  it('stays in the reader’s language', async () => {
    const uk = parsePage((await get('/uk/search?q=Пхеньян')).body);
    assert.deepEqual(
      Array.from(uk.querySelectorAll('.search-results .card-title')).map((h) => text(h)),
      ['Путін прилетів до Пхеньяна'],
    );
    assert.match(text(uk.querySelector('.search-summary')), /1 матеріал відповідає запиту «Пхеньян»/);
    assert.equal(titles((await get('/search?q=Пхеньяна')).body).length, 0);
    assert.deepEqual(titles((await get('/uk/search?q=pyongyang&exact=1')).body), []);
  });

  it('keeps the index in step with publishing, editing and unpublishing', async () => {
    const { articles } = app.services;
    assert.equal(titles((await get('/search?q=draft')).body).length, 0, 'drafts are not searchable');
    const created = await articles.create({
      ...base,
      title: 'Zanzibar spice harvest begins',
      body: paragraphs('Cloves are picked by hand.'),
      sectionId: sections.world,
    });
    assert.deepEqual(titles((await get('/search?q=zanzibar')).body), ['Zanzibar spice harvest begins']);
    const edited = await articles.update(created.id, created.version, {
      ...base,
      title: 'Madagascar vanilla harvest begins',
      body: paragraphs('Vanilla pods are picked by hand.'),
      sectionId: sections.world,
    });
    assert.deepEqual(titles((await get('/search?q=zanzibar&exact=1')).body), []);
    assert.deepEqual(titles((await get('/search?q=vanilla')).body), ['Madagascar vanilla harvest begins']);
    await articles.update(created.id, edited.version, {
      ...base,
      title: edited.title,
      body: paragraphs('Vanilla.'),
      status: 'unpublished',
    });
    assert.deepEqual(titles((await get('/search?q=vanilla')).body), []);
    const words = await app.database.db
      .selectFrom('search_words')
      .select('word')
      .where('word', '=', 'zanzibar')
      .execute();
    assert.equal(words.length, 0, 'a word no published story uses any more is not offered as a correction');
  });

  it('shows text from stories escaped, with nothing but marks', async () => {
    const res = await get('/search?q=script+tags+attack');
    const doc = parsePage(res.body);
    assert.equal(titles(res.body)[0], 'How <script> tags break pages');
    assert.equal(text(doc.querySelector('.search-results .card-title mark')), 'script');
    assert.equal(doc.querySelectorAll('main script').length, 0);
    const snippet = doc.querySelector('.search-snippet');
    assert.ok(snippet);
    assert.deepEqual(
      [...new Set(Array.from(snippet.querySelectorAll('*')).map((el) => el.tagName.toLowerCase()))],
      ['mark'],
    );
    assert.match(text(snippet), /alert\("x"\).* an old attack & still common/);
  });

  it('never fails on hostile input: a sensible page or a clear 400', async () => {
    const hostile = [
      '',
      ' ',
      '"',
      '"""',
      '"crude oil',
      'oil"',
      '*',
      '-',
      '--',
      'a*',
      '-"',
      'NOT',
      'oil AND NOT gas OR',
      'NEAR(oil gas, 2)',
      'title:oil',
      '^oil',
      '{oil gas}',
      "' OR 1=1 --",
      "'; DROP TABLE articles; --",
      'oil) OR (1=1',
      'oil & !gas | <-> :* \\',
      '😀🔥🇺🇦',
      'Пхеньян😀',
      '\u0000\u0001',
      '\uE000pyongyang\uE001',
      '%',
      '%%%',
      'a'.repeat(300),
      'word '.repeat(60),
    ];
    for (const q of hostile) {
      const page = await get(`/search?q=${encodeURIComponent(q)}`);
      assert.equal(page.statusCode, 200, `page: ${JSON.stringify(q)} → ${page.statusCode}`);
      const api = await get(`/api/v1/search?q=${encodeURIComponent(q)}`);
      assert.ok([200, 400].includes(api.statusCode), `api: ${JSON.stringify(q)} → ${api.statusCode}`);
    }
    const long = await get(`/search?q=${'a'.repeat(10_240)}`);
    assert.equal(long.statusCode, 400);
    assert.match(
      text(parsePage(long.body).querySelector('.form-error')),
      /too long: use at most 300 characters/,
    );
    const longApi = await get(`/api/v1/search?q=${'pyongyang '.repeat(1024)}`);
    assert.equal(longApi.statusCode, 400);
    assert.match(JSON.parse(longApi.body).error.message, /too long/);
    const twice = await get('/search?q=oil&q=gas&section[]=x');
    assert.ok([200, 400].includes(twice.statusCode));
    const noWords = parsePage((await get('/search?q=%F0%9F%98%80')).body);
    assert.match(text(noWords.querySelector('.search-summary')), /no words to look for/);
  });

  it('answers GET /api/v1/search with JSON, and a clear 400 without a query', async () => {
    const both = JSON.parse((await get('/api/v1/search?q=pyongyang')).body);
    assert.match(
      both.results[1].snippetHtml,
      /^Traders also watched the summit in <mark>Pyongyang<\/mark>, but shares barely moved/,
    );
    const res = await get('/api/v1/search?q=pyongyang&section=world');
    assert.equal(res.statusCode, 200);
    const body = JSON.parse(res.body);
    assert.equal(body.total, 1);
    assert.equal(body.results[0].title, 'Putin lands in Pyongyang for talks with Kim');
    assert.equal(body.results[0].titleHtml, 'Putin lands in <mark>Pyongyang</mark> for talks with Kim');
    assert.equal(
      body.results[0].url,
      'http://newsdesk.test/asia/putin-lands-in-pyongyang-for-talks-with-kim',
    );
    const typo = JSON.parse((await get('/api/v1/search?q=Pyongyng')).body);
    assert.equal(typo.correctedFrom, 'Pyongyng');
    assert.equal(typo.query, 'pyongyang');
    const uk = JSON.parse((await get('/api/v1/search?q=Путін&lang=uk')).body);
    assert.equal(uk.results[0].title, 'Путін прилетів до Пхеньяна');
    const empty = await get('/api/v1/search?q=');
    assert.equal(empty.statusCode, 400);
    assert.match(JSON.parse(empty.body).error.message, /Say what to search for/);
    assert.equal((await get('/api/v1/search?q=x&lang=xx')).statusCode, 400);
    assert.equal((await get('/api/v1/search?q=x&from=yesterday')).statusCode, 400);
  });

  it('rebuilds the whole index and catches up with what it missed', async () => {
    const { search } = app.services;
    const { db } = app.database;
    await db.deleteFrom('search_documents').where('article_id', '=', ids.crude!).execute();
    assert.equal(await search.catchUp(), 1);
    assert.deepEqual(titles((await get('/search?q=%22crude+oil%22')).body), ['Crude oil prices climb']);
    const count = await search.reindexAll();
    const published = await db
      .selectFrom('articles')
      .select('id')
      .where('status', '=', 'published')
      .execute();
    assert.equal(count, published.length);
    assert.equal(titles((await get('/search?q=pyongyang')).body).length, 2);
    assert.match(
      text(parsePage((await get('/search?q=Pyongyng')).body).querySelector('.search-correction')),
      /pyongyang/,
    );
  });
});
