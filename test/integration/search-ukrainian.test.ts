import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parsePage, text } from '../helpers/html.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const SEED_UK = 'Крок відчаю: Time проаналізував, що насправді означав візит Путіна до КНДР';
const SEED_EN_PATTERN = /Putin/;

/**
 * Ukrainian search on the demo's seed article (its Ukrainian excerpt): neither database stems
 * Ukrainian, so the query is stemmed here and each stem matched as a prefix (search/query.ts).
 */
describe('search in Ukrainian', () => {
  let app: TestApp;
  const get = (url: string) => app.http.inject({ url });
  const titles = (html: string) =>
    Array.from(parsePage(html).querySelectorAll('.search-results .card-title')).map((h) => text(h));
  const api = async (q: string) =>
    JSON.parse((await get(`/api/v1/search?lang=uk&exact=1&q=${encodeURIComponent(q)}`)).body) as {
      total: number;
      correctedFrom: string | null;
      results: Array<{ title: string; titleHtml: string; snippetHtml: string }>;
    };

  before(async () => {
    app = await createTestApp({ demo: 0 });
    const { articles, taxonomy } = app.services;
    const sections = await taxonomy.listSections();
    const author = (await taxonomy.listAuthors())[0]!;
    // A story that shares no stem with the queries below, so a match is never by accident.
    await articles.create({
      language: 'uk',
      title: 'Врожай пшениці цього року рекордний',
      body: [{ type: 'paragraph', text: 'Фермери Полтавщини зібрали більше зерна, ніж торік.' }],
      status: 'published',
      sectionId: sections[0]!.id,
      authorIds: [author.id],
      tags: [],
    });
  });
  after(() => app.close());

  it('finds the seed article by inflected forms the story does not contain', async () => {
    for (const q of ['візитом Путіна', 'Путіну', 'Путіном ', 'візиту', 'Пхеньяні ', 'КНДР', 'відчаєм']) {
      const result = await api(q);
      assert.deepEqual(
        result.results.map((r) => r.title),
        [SEED_UK],
        `«${q}» finds the seed article`,
      );
      assert.equal(result.correctedFrom, null, `«${q}» needed no typo correction`);
    }
    assert.deepEqual(titles((await get(`/uk/search?q=${encodeURIComponent('візитом Путіна')}`)).body), [
      SEED_UK,
    ]);
  });

  it('marks the inflected words it matched in the title and the snippet', async () => {
    const [hit] = (await api('Путіну візитом')).results;
    assert.equal(
      hit!.titleHtml,
      'Крок відчаю: Time проаналізував, що насправді означав <mark>візит</mark> <mark>Путіна</mark> до КНДР',
    );
    assert.match(hit!.snippetHtml, /<mark>Путін<\/mark> відвідав|<mark>Путіна<\/mark>/);
  });

  it('keeps quoted phrases in order, stem by stem', async () => {
    assert.deepEqual(
      (await api('"візитом Путіна"')).results.map((r) => r.title),
      [SEED_UK],
    );
    assert.equal((await api('"Путіна візитом"')).total, 0, 'the words in the other order are not the phrase');
  });

  it('finds nothing for a word of another stem, and another story by its own forms', async () => {
    assert.equal((await api('Путінізм ')).total, 0);
    assert.deepEqual(
      (await api('пшеницею')).results.map((r) => r.title),
      ['Врожай пшениці цього року рекордний'],
    );
    assert.equal((await api('пшеницею -врожаєм')).total, 0, 'an excluded stem excludes its forms');
  });

  it('leaves English to the database’s own stemmer', async () => {
    const english = JSON.parse((await get('/api/v1/search?q=visits&exact=1')).body) as {
      results: Array<{ title: string }>;
    };
    assert.equal(english.results.length, 1);
    assert.match(english.results[0]!.title, SEED_EN_PATTERN);
    assert.equal((await api('visits')).total, 0, 'English words do not reach Ukrainian stories');
  });
});
