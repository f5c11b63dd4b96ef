import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ArticleInput } from '../../src/content/article.input.ts';
import type { PurgeRequest } from '../../src/cache/page-store.ts';
import { updateArticle } from '../helpers/articles.ts';
import { cookieHeader, signedInAs } from '../helpers/admin.ts';
import { parsePage, text } from '../helpers/html.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const paragraphs = (...texts: string[]) => texts.map((t) => ({ type: 'paragraph' as const, text: t }));

/** Three subjects, three stories each, a translation and a story in another language. */
const STORIES: Record<string, Partial<ArticleInput>> = {
  opecCut: {
    title: 'OPEC agrees to cut crude oil output',
    body: paragraphs(
      'Oil ministers of OPEC agreed in Vienna to cut crude oil output by one million barrels a day.',
      'Saudi Arabia said the cut in crude production would lift oil prices, which fell sharply this spring.',
    ),
    tags: ['Oil', 'OPEC'],
    publishedAt: '2026-03-01T08:00:00.000Z',
  },
  crudePrices: {
    title: 'Crude oil prices rise after the OPEC meeting',
    body: paragraphs(
      'Crude oil prices rose two dollars a barrel after OPEC ministers agreed to cut output in Vienna.',
      'Traders said the OPEC cut in crude oil production came sooner than markets expected.',
    ),
    tags: ['Oil'],
    publishedAt: '2026-03-02T08:00:00.000Z',
  },
  saudiExports: {
    title: 'Saudi Arabia raises crude oil exports',
    body: paragraphs(
      'Saudi Arabia raised its crude oil exports to Asia, oil shipping data showed.',
      'The kingdom keeps to its OPEC quota, its oil minister said, though crude barrels keep flowing.',
    ),
    tags: ['Oil', 'Saudi Arabia'],
    publishedAt: '2026-03-03T08:00:00.000Z',
  },
  wheatDrought: {
    title: 'Drought hits the wheat harvest in Kansas',
    body: paragraphs(
      'Farmers in Kansas expect a smaller winter wheat harvest after months of drought.',
      'The wheat crop lost a fifth of its yield, the state’s grain growers said.',
    ),
    tags: ['Wheat', 'Agriculture'],
    publishedAt: '2026-03-01T09:00:00.000Z',
  },
  wheatExports: {
    title: 'USDA cuts its wheat export forecast',
    body: paragraphs(
      'The USDA cut its forecast for wheat exports as drought shrank the Kansas harvest.',
      'Grain traders said wheat prices in Chicago rose on the news.',
    ),
    tags: ['Wheat'],
    publishedAt: '2026-03-02T09:00:00.000Z',
  },
  wheatEgypt: {
    title: 'Egypt buys American wheat',
    body: paragraphs(
      'Egypt bought 200,000 tonnes of American wheat under an export programme, grain traders said.',
      'The wheat will be shipped from Gulf ports next month.',
    ),
    tags: ['Wheat', 'Egypt'],
    publishedAt: '2026-03-03T09:00:00.000Z',
  },
  putinVisit: {
    title: 'Putin lands in Pyongyang for talks with Kim Jong-un',
    body: paragraphs(
      'Vladimir Putin arrived in Pyongyang for talks with Kim Jong-un about weapons and trade.',
      'North Korea welcomed the Russian president with a parade.',
    ),
    tags: ['Russia', 'North Korea'],
    publishedAt: '2026-03-01T10:00:00.000Z',
  },
  defencePact: {
    title: 'North Korea and Russia sign a defence pact',
    body: paragraphs(
      'Kim Jong-un and Vladimir Putin signed a pact promising help if either North Korea or Russia is attacked.',
      'The pact alarmed Seoul and Tokyo.',
    ),
    tags: ['Russia', 'North Korea'],
    publishedAt: '2026-03-02T10:00:00.000Z',
  },
  seoulReacts: {
    title: 'Seoul protests the Pyongyang pact',
    body: paragraphs(
      'South Korea protested the pact Kim Jong-un signed with Vladimir Putin in Pyongyang.',
      'Seoul said North Korea and Russia threaten the region.',
    ),
    tags: ['North Korea', 'South Korea'],
    publishedAt: '2026-03-03T10:00:00.000Z',
  },
  ukrainianOil: {
    language: 'uk',
    title: 'ОПЕК скорочує видобуток нафти',
    body: paragraphs(
      'Міністри ОПЕК у Відні домовилися скоротити видобуток нафти на мільйон барелів на день.',
    ),
    tags: ['Нафта'],
    publishedAt: '2026-03-02T12:00:00.000Z',
  },
};

describe('related stories (You may also like)', () => {
  let app: TestApp;
  let ids: Record<string, number>;
  let sectionSlug: string;
  const purges: PurgeRequest[] = [];
  const picksOf = async (key: string) => (await app.services.related.picksOf(ids[key]!)).map((p) => p.pickId);
  const keyOf = (id: number) => Object.keys(ids).find((k) => ids[k] === id);
  const namesOf = async (key: string) => (await picksOf(key)).map(keyOf);
  const settle = async () => {
    await app.services.jobs.runDueNow();
    await app.services.purger.idle();
  };
  const purgedKeys = () => purges.flatMap((p) => (p.keys === 'all' ? ['all'] : p.keys));

  before(async () => {
    app = await createTestApp();
    const { taxonomy, articles } = app.services;
    const section = await taxonomy.createSection({ slug: 'world', name: 'World' });
    sectionSlug = section.slug;
    const author = await taxonomy.createAuthor({ slug: 'maria', name: 'Maria Kovalenko' });
    ids = {};
    const group = await articles.createTranslationGroup();
    for (const [key, input] of Object.entries(STORIES)) {
      const article = await articles.create({
        language: 'en',
        body: [],
        status: 'published',
        sectionId: section.id,
        authorIds: [author.id],
        ...(key === 'opecCut' ? { translationGroupId: group } : {}),
        ...input,
      } as ArticleInput);
      ids[key] = article.id;
    }
    // The Ukrainian version of "OPEC agrees to cut…": same translation group, never its related story.
    ids.opecCutUk = (
      await articles.create({
        language: 'uk',
        title: 'ОПЕК погодилася скоротити видобуток сирої нафти',
        body: paragraphs(
          'Міністри ОПЕК у Відні погодилися скоротити видобуток нафти. Саудівська Аравія підтримала.',
        ),
        status: 'published',
        sectionId: section.id,
        authorIds: [author.id],
        translationGroupId: group,
        publishedAt: '2026-03-01T12:00:00.000Z',
      })
    ).id;
    app.services.purger.onPurge((request) => purges.push(request));
    await settle();
  });
  after(() => app.close());

  it('picks stories about the same subject, never itself, its translations or another language', async () => {
    const oil = await namesOf('opecCut');
    assert.deepEqual(new Set(oil), new Set(['crudePrices', 'saudiExports']));
    assert.deepEqual(new Set(await namesOf('wheatDrought')), new Set(['wheatExports', 'wheatEgypt']));
    assert.deepEqual(new Set(await namesOf('putinVisit')), new Set(['defencePact', 'seoulReacts']));
    // The Ukrainian translation gets the Ukrainian oil story, not its English original.
    assert.deepEqual(await namesOf('opecCutUk'), ['ukrainianOil']);
    assert.deepEqual(await namesOf('ukrainianOil'), ['opecCutUk']);
  });

  it('shows the picks under the article as cards headed “You may also like”, instead of the section list', async () => {
    const article = (await app.services.articles.getById(ids.opecCut!))!;
    const res = await app.http.inject({ url: `/${sectionSlug}/${article.slug}` });
    assert.equal(res.statusCode, 200);
    const page = parsePage(res.body);
    const section = page.querySelector('section.more-in--related');
    assert.ok(section, 'a related-stories section');
    assert.equal(text(section.querySelector('h2')!), 'You may also like');
    const titles = Array.from(section.querySelectorAll('.card-title')).map((h) => text(h));
    assert.deepEqual(new Set(titles), new Set([STORIES.crudePrices!.title, STORIES.saudiExports!.title]));
    assert.equal(page.querySelector('section.more-in--section'), null);
    const keys = String(res.headers['surrogate-key']).split(' ');
    assert.ok(keys.includes(`list:related:${ids.opecCut}`));
    assert.ok(keys.includes(`article:${ids.crudePrices}`), 'the cards’ keys');
  });

  it('in Ukrainian too, under the heading in Ukrainian', async () => {
    const article = (await app.services.articles.getById(ids.opecCutUk!))!;
    const res = await app.http.inject({ url: `/uk/${sectionSlug}/${article.slug}` });
    assert.equal(res.statusCode, 200);
    const section = parsePage(res.body).querySelector('section.more-in--related');
    assert.ok(section);
    assert.equal(text(section.querySelector('h2')!), 'Вас також може зацікавити');
  });

  it('a new story gets its list, joins the older lists it beats, and purges exactly those pages', async () => {
    purges.length = 0;
    const article = await app.services.articles.create({
      language: 'en',
      title: 'OPEC oil ministers meet again on crude output',
      body: paragraphs(
        'OPEC ministers returned to Vienna to review the crude oil output cut and oil prices.',
      ),
      status: 'published',
      sectionId: (await app.services.articles.getById(ids.opecCut!))!.section!.id,
      authorIds: [],
      tags: ['Oil', 'OPEC'],
      publishedAt: '2026-03-04T08:00:00.000Z',
    });
    ids.opecAgain = article.id;
    assert.deepEqual(await picksOf('opecAgain'), [], 'publishing does not wait for the related lists');
    await settle();
    assert.deepEqual(
      new Set(await namesOf('opecAgain')),
      new Set(['opecCut', 'crudePrices', 'saudiExports']),
    );
    for (const older of ['opecCut', 'crudePrices', 'saudiExports'])
      assert.ok((await namesOf(older)).includes('opecAgain'), `${older} now shows the new story`);
    assert.ok(!(await namesOf('wheatDrought')).includes('opecAgain'));
    const keys = purgedKeys();
    for (const key of ['opecAgain', 'opecCut', 'crudePrices', 'saudiExports'])
      assert.ok(keys.includes(`list:related:${ids[key]}`), `purged the list of ${key}`);
    assert.ok(!keys.includes(`list:related:${ids.wheatDrought}`), 'other lists are left alone');
  });

  it('each pick is explained in the admin: the shared terms and names', async () => {
    const { jar } = await signedInAs(app, 'editor');
    const res = await app.http.inject({
      url: `/admin/related/${ids.opecCut}`,
      headers: { cookie: cookieHeader(jar) },
    });
    assert.equal(res.statusCode, 200);
    const page = parsePage(res.body);
    const rows = Array.from(page.querySelectorAll('tr.related-pick'));
    assert.equal(rows.length, 3);
    const reasons = rows.map((row) => text(row.querySelector('.related-reasons')!));
    assert.ok(
      reasons.every((r) => /opec/i.test(r)),
      reasons.join(' | '),
    );
    assert.match(reasons.join(' '), /\(tag\)/);
    const missing = await app.http.inject({
      url: '/admin/related/99999',
      headers: { cookie: cookieHeader(jar) },
    });
    assert.equal(missing.statusCode, 404);
    const anonymous = await app.http.inject({ url: `/admin/related/${ids.opecCut}` });
    assert.notEqual(anonymous.statusCode, 200);
  });

  it('an edited story leaves the lists it no longer belongs in; an unpublished one leaves them all', async () => {
    // "Egypt buys American wheat" is rewritten about oil: wheat lists drop it, oil lists may take it.
    await updateArticle(app, ids.wheatEgypt!, {
      title: 'Egypt buys Saudi crude oil',
      body: paragraphs('Egypt bought Saudi crude oil, OPEC shipping data showed, as oil prices rose.'),
      tags: ['Oil', 'Egypt'],
    });
    await settle();
    assert.ok(!(await namesOf('wheatDrought')).includes('wheatEgypt'));
    assert.ok(!(await namesOf('wheatExports')).includes('wheatEgypt'));
    assert.ok((await namesOf('wheatEgypt')).includes('saudiExports'));

    purges.length = 0;
    await updateArticle(app, ids.crudePrices!, { status: 'unpublished' });
    await settle();
    for (const key of ['opecCut', 'saudiExports', 'opecAgain'])
      assert.ok(!(await namesOf(key)).includes('crudePrices'), `${key} no longer shows it`);
    assert.deepEqual(await picksOf('crudePrices'), []);
    assert.ok(purgedKeys().includes(`list:related:${ids.opecCut}`));
  });

  it('falls back to the section’s latest stories when the engine has no picks', async () => {
    const lonely = await app.services.articles.create({
      language: 'en',
      title: 'Chess club elects a new chair',
      body: paragraphs('The village chess club elected a retired teacher as its chair.'),
      status: 'published',
      sectionId: (await app.services.articles.getById(ids.opecCut!))!.section!.id,
      authorIds: [],
      publishedAt: '2026-03-05T08:00:00.000Z',
    });
    await settle();
    assert.equal((await app.services.related.picksOf(lonely.id)).length, 0);
    const res = await app.http.inject({ url: `/${sectionSlug}/${lonely.slug}` });
    const page = parsePage(res.body);
    assert.equal(page.querySelector('section.more-in--related'), null);
    assert.ok(page.querySelector('section.more-in--section'), 'the honest section list');
    assert.ok(String(res.headers['surrogate-key']).split(' ').includes(`list:related:${lonely.id}`));
  });

  it('stored picks survive a restart, and a rebuild recomputes the same lists', async () => {
    const before = await namesOf('opecCut');
    const restarted = await app.reopen();
    try {
      const after = (await restarted.services.related.picksOf(ids.opecCut!)).map((p) => keyOf(p.pickId));
      assert.deepEqual(after, before);
    } finally {
      await restarted.close();
    }
    purges.length = 0;
    const result = await app.services.related.rebuild();
    await app.services.purger.idle();
    const published = await app.database.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow();
    assert.equal(result.articles, Number(published.n), 'every published story');
    assert.deepEqual(new Set(await namesOf('opecCut')), new Set(before));
    assert.deepEqual(await namesOf('opecCutUk'), ['ukrainianOil']);
    assert.ok(purgedKeys().includes(`list:related:${ids.opecCut}`));
  });

  it('keeps each language’s story count (the N of its weights) equal to its stored stories', async () => {
    const { db } = app.database;
    const countsMatch = async (when: string) => {
      const kept = await db.selectFrom('related_counts').select(['language', 'documents']).execute();
      const stored = await db
        .selectFrom('related_documents')
        .select((eb) => ['language', eb.fn.countAll<number>().as('n')])
        .groupBy('language')
        .execute();
      assert.deepEqual(
        Object.fromEntries(kept.filter((c) => c.documents > 0).map((c) => [c.language, c.documents])),
        Object.fromEntries(stored.map((c) => [c.language, Number(c.n)])),
        when,
      );
    };
    await countsMatch('after the rebuild');
    await updateArticle(app, ids.opecAgain!, { status: 'unpublished' });
    await settle();
    await countsMatch('after an unpublish');
    await updateArticle(app, ids.opecAgain!, { status: 'published' });
    await updateArticle(app, ids.ukrainianOil!, { title: 'Ціни на нафту знову зросли' });
    await settle();
    await countsMatch('after a publish and an edit');
  });
});
