import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parsePage, text } from '../../helpers/html.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

describe('credit for translations', () => {
  let app: TestApp;
  before(async () => {
    app = await createTestApp();
    const section = await app.services.taxonomy.createSection({ name: 'World' });
    const original = await app.services.articles.create({
      language: 'uk',
      slug: 'mist-vidkryly',
      title: 'Міст відкрили після ремонту',
      body: [{ type: 'paragraph', text: 'Старий міст знову відкрили для руху після півтора року ремонту.' }],
      status: 'published',
      sectionId: section.id,
    });
    await app.services.articles.create({
      language: 'en',
      slug: 'bridge-reopens',
      title: 'Bridge reopens after repairs',
      body: [
        { type: 'paragraph', text: 'The old bridge reopened to traffic after eighteen months of repairs.' },
      ],
      status: 'published',
      sectionId: section.id,
      translationOfId: original.id,
      source: { translator: 'Alex Moroz' },
    });
    await app.services.articles.create({
      language: 'en',
      slug: 'ferry-returns',
      title: 'Ferry returns to the river',
      body: [{ type: 'paragraph', text: 'The river ferry runs again from Monday, the city said.' }],
      status: 'published',
      sectionId: section.id,
      source: {
        outlet: '24 Channel',
        originalUrl: 'https://24tv.ua/ferry',
        originalLanguage: 'uk',
        translator: 'Alex Moroz',
      },
    });
  });
  after(() => app.close());

  async function provenance(path: string) {
    const res = await app.http.inject({ url: path });
    assert.equal(res.statusCode, 200);
    return parsePage(res.body).querySelector('.provenance');
  }

  it('credits a translation of an article on this site and links its original', async () => {
    const credit = await provenance('/world/bridge-reopens');
    assert.match(text(credit), /Translated from Ukrainian by Alex Moroz/);
    const link = Array.from(credit!.querySelectorAll('a')).find((a) => /Translated from/.test(text(a)));
    assert.equal(link?.getAttribute('href'), '/uk/world/mist-vidkryly');
  });

  it('credits a translation of an external original with its outlet and address', async () => {
    const credit = await provenance('/world/ferry-returns');
    assert.match(text(credit), /24 Channel/);
    assert.match(text(credit), /Translated from Ukrainian by Alex Moroz/);
    assert.ok(
      Array.from(credit!.querySelectorAll('a')).some(
        (a) => a.getAttribute('href') === 'https://24tv.ua/ferry',
      ),
    );
  });
});
