import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createEditorialService } from '../../../src/editorial/editorial.service.ts';
import { createJobRunner } from '../../../src/jobs/job-runner.ts';
import { fixedClock } from '../../../src/shared/clock.ts';
import { createEventBus } from '../../../src/shared/events.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { cookieHeader, csrfFor, signedInAs } from '../../helpers/admin.ts';
import { jsonLd, parsePage, text } from '../../helpers/html.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

describe('the editorial workflow', () => {
  let app: TestApp;
  const clock = fixedClock('2026-05-01T08:00:00.000Z');
  type Person = Awaited<ReturnType<typeof signedInAs>>;
  let editor: Person;
  let author: Person;
  let contributor: Person;
  let sectionId: number;

  before(async () => {
    app = await createTestApp({ clock });
    sectionId = (await app.services.taxonomy.createSection({ name: 'World' })).id;
    editor = await signedInAs(app, 'editor');
    author = await signedInAs(app, 'author');
    contributor = await signedInAs(app, 'contributor');
  });
  after(() => app.close());

  async function post(person: Person, url: string, formUrl: string, fields: Array<[string, string]>) {
    const { token, jar } = await csrfFor(app, formUrl, person.jar);
    person.jar = jar;
    return app.http.inject({
      method: 'POST',
      url,
      headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([['_csrf', token], ...fields]).toString(),
    });
  }
  const get = (person: Person, url: string) =>
    app.http.inject({ url, headers: { cookie: cookieHeader(person.jar) } });

  async function save(person: Person, id: number, action: string, extra: Array<[string, string]> = []) {
    const article = (await app.services.articles.getById(id))!;
    const form = app.services.editorial.formOf(article);
    return post(person, `/admin/articles/${id}`, `/admin/articles/${id}/edit`, [
      ['title', form.title],
      ['language', form.language],
      ['sectionId', form.sectionId],
      ['body', form.body],
      ['version', String(article.version)],
      ['action', action],
      ...extra,
    ]);
  }
  const buttons = async (person: Person, id: number) =>
    Array.from(
      parsePage((await get(person, `/admin/articles/${id}/edit`)).body).querySelectorAll(
        '.editor-actions button',
      ),
    ).map((b) => b.getAttribute('value'));

  it('runs a contributor’s review round: submit, return with a note, resubmit, approve', async () => {
    const created = await post(contributor, '/admin/articles', '/admin/articles/new', [
      ['title', 'Night trains return to Kyiv'],
      ['language', 'en'],
      ['sectionId', String(sectionId)],
      ['body', JSON.stringify([{ type: 'paragraph', text: 'The first night train arrived.' }])],
    ]);
    assert.equal(created.statusCode, 303);
    const id = Number(/(\d+)/.exec(created.headers.location as string)![1]);
    assert.deepEqual(await buttons(contributor, id), ['save', 'submit']);
    assert.equal((await save(contributor, id, 'publish')).statusCode, 403, 'a contributor cannot publish');
    assert.equal((await save(contributor, id, 'submit')).statusCode, 303);
    assert.equal((await app.services.articles.getById(id))!.status, 'review');

    assert.deepEqual(await buttons(editor, id), ['save', 'publish', 'schedule', 'return']);
    const noNote = await save(editor, id, 'return');
    assert.equal(noNote.statusCode, 422);
    assert.equal(
      text(parsePage(noNote.body).querySelector('#note-error')),
      'Say what should change before returning the article.',
    );
    assert.equal(
      (await save(editor, id, 'return', [['note', 'Add the timetable, please.']])).statusCode,
      303,
    );
    assert.equal((await app.services.articles.getById(id))!.status, 'draft');
    const seen = parsePage((await get(contributor, `/admin/articles/${id}/edit`)).body);
    assert.match(
      text(seen.querySelector('.notes-list')),
      /Editor Person returned it.*Add the timetable, please\./,
    );

    assert.equal((await save(contributor, id, 'submit')).statusCode, 303);
    assert.equal((await save(editor, id, 'publish')).statusCode, 303);
    const published = (await app.services.articles.getById(id))!;
    assert.equal(published.status, 'published');
    // Published, the story is the editors’: the contributor may no longer change it.
    assert.equal((await get(contributor, `/admin/articles/${id}/edit`)).statusCode, 403);
    const home = await app.http.inject({ url: '/' });
    assert.match(home.body, /Night trains return to Kyiv/);
  });

  it('shows the same-story warning before publishing, and publishes when asked again', async () => {
    const make = (title: string) =>
      app.services.articles.create({
        language: 'en',
        title,
        body: [
          {
            type: 'paragraph',
            text: 'Ukraine’s grain corridor carried three million tonnes of wheat from Odesa in October, the port authority said, as insurers cut premiums for ships calling at Black Sea ports.',
          },
        ],
        status: 'draft',
        sectionId,
      });
    const first = await make('Grain corridor carries three million tonnes');
    await app.services.duplicates.refreshIndex?.();
    const second = await make('Three million tonnes through the grain corridor');
    await app.services.duplicates.refreshIndex?.();
    const matches = await app.services.duplicates.findForArticle(second.id);
    assert.ok(
      matches.some((m) => m.articleId === first.id),
      'the importer sees the same story',
    );
    const warned = await save(editor, second.id, 'publish');
    assert.equal(warned.statusCode, 200);
    const doc = parsePage(warned.body);
    assert.match(text(doc.querySelector('#duplicates-heading')), /already has/);
    assert.equal((await app.services.articles.getById(second.id))!.status, 'draft');
    assert.equal((await save(editor, second.id, 'publish-confirmed')).statusCode, 303);
    assert.equal((await app.services.articles.getById(second.id))!.status, 'published');
  });

  it('publishes a scheduled story at its time, exactly once with two instances', async () => {
    const created = await post(author, '/admin/articles', '/admin/articles/new', [
      ['title', 'Budget vote scheduled'],
      ['language', 'en'],
      ['body', JSON.stringify([{ type: 'paragraph', text: 'Parliament votes today.' }])],
    ]);
    const id = Number(/(\d+)/.exec(created.headers.location as string)![1]);
    const past = await save(author, id, 'schedule', [['scheduledAt', '2026-05-01T07:00']]);
    assert.equal(past.statusCode, 422, 'a time in the past is refused');
    const ok = await save(author, id, 'schedule', [['scheduledAt', '2026-05-01T12:30']]);
    assert.equal(ok.statusCode, 303);
    const scheduled = (await app.services.articles.getById(id))!;
    assert.equal(scheduled.status, 'scheduled');
    assert.equal(scheduled.scheduledAt, '2026-05-01T12:30:00.000Z');

    // A second instance: its own job runner and editorial service on the same database.
    const logger = createLogger('silent');
    const events = createEventBus(() => {});
    const published: number[] = [];
    app.services.events.on('article.published', ({ articleId }) => void published.push(articleId));
    const otherJobs = createJobRunner({ db: app.database.db, clock, logger });
    createEditorialService({
      db: app.database.db,
      clock,
      events,
      logger,
      articles: app.services.articles,
      jobs: otherJobs,
      duplicates: app.services.duplicates,
      timeZone: app.config.timeZone,
      languages: app.config.languages,
    });
    await Promise.all([app.services.jobs.runDueNow(), otherJobs.runDueNow()]);
    assert.equal((await app.services.articles.getById(id))!.status, 'scheduled', 'not before its time');

    clock.set('2026-05-01T12:31:00.000Z');
    await Promise.all([app.services.jobs.runDueNow(), otherJobs.runDueNow()]);
    const live = (await app.services.articles.getById(id))!;
    assert.equal(live.status, 'published');
    assert.equal(live.publishedAt, '2026-05-01T12:30:00.000Z');
    assert.deepEqual(
      published.filter((p) => p === id),
      [id],
      'published exactly once',
    );
    const jobs = await app.database.db
      .selectFrom('jobs')
      .select(['status', 'attempts'])
      .where('kind', '=', 'editorial.publish-scheduled')
      .execute();
    assert.deepEqual(jobs, [{ status: 'done', attempts: 1 }]);
  });

  it('adds dated corrections that readers see on the story and in its JSON-LD', async () => {
    const story = await app.services.articles.create({
      language: 'en',
      title: 'Bridge reopens after repairs',
      body: [{ type: 'paragraph', text: 'The bridge reopened on Monday.' }],
      status: 'published',
      sectionId,
    });
    const res = await post(
      editor,
      `/admin/articles/${story.id}/corrections`,
      `/admin/articles/${story.id}/edit`,
      [
        ['kind', 'correction'],
        ['text', 'An earlier version gave the wrong day; the bridge reopened on Tuesday.'],
      ],
    );
    assert.equal(res.statusCode, 303);
    const empty = await post(
      editor,
      `/admin/articles/${story.id}/corrections`,
      `/admin/articles/${story.id}/edit`,
      [
        ['kind', 'update'],
        ['text', '  '],
      ],
    );
    assert.equal(empty.statusCode, 422);
    await app.services.purger.idle();
    const page = await app.http.inject({ url: `/world/${story.slug}` });
    const doc = parsePage(page.body);
    assert.match(
      text(doc.querySelector('.story-correction')),
      /^Correction: An earlier version gave the wrong day; the bridge reopened on Tuesday\. May 1, 2026/,
    );
    const article = jsonLd(doc).find((j) => j['@type'] === 'NewsArticle') as {
      correction?: Array<{ text: string }>;
    };
    assert.equal(
      article.correction?.[0]?.text,
      'An earlier version gave the wrong day; the bridge reopened on Tuesday.',
    );
    // An author may not add corrections to someone else's story.
    const refused = await post(author, `/admin/articles/${story.id}/corrections`, '/admin/articles', [
      ['kind', 'correction'],
      ['text', 'Sneaky.'],
    ]);
    assert.equal(refused.statusCode, 403);
  });

  it('previews a draft exactly as readers will see it, uncached, while readers get a 404', async () => {
    const draft = await app.services.articles.create({
      language: 'en',
      title: 'Draft about the harbour',
      body: [
        { type: 'heading', level: 2, text: 'At the quay' },
        { type: 'paragraph', text: 'Cranes are idle.' },
      ],
      status: 'draft',
      sectionId,
    });
    const preview = await get(editor, `/admin/articles/${draft.id}/preview`);
    assert.equal(preview.statusCode, 200);
    assert.equal(preview.headers['cache-control'], 'private, no-store');
    const doc = parsePage(preview.body);
    assert.equal(text(doc.querySelector('h1.story-title')), 'Draft about the harbour');
    assert.equal(text(doc.querySelector('.story-body h2')), 'At the quay');
    assert.equal((await app.http.inject({ url: `/world/${draft.slug}` })).statusCode, 404);
  });

  it('translates an article: a linked draft in the other language, provenance filled, original beside it', async () => {
    const original = await app.services.articles.create({
      language: 'en',
      title: 'Ferry service resumes',
      body: [{ type: 'paragraph', text: 'The ferry runs again.' }],
      status: 'published',
      sectionId,
    });
    const res = await post(
      editor,
      `/admin/articles/${original.id}/translate`,
      `/admin/articles/${original.id}/edit`,
      [['language', 'uk']],
    );
    assert.equal(res.statusCode, 303);
    const id = Number(/(\d+)/.exec(res.headers.location as string)![1]);
    const translation = (await app.services.articles.getById(id))!;
    const source = (await app.services.articles.getById(original.id))!;
    assert.equal(translation.language, 'uk');
    assert.equal(translation.status, 'draft');
    assert.equal(translation.translationOfId, original.id);
    assert.equal(translation.translationGroupId, source.translationGroupId);
    assert.equal(translation.source?.translator, 'Editor Person');
    assert.equal(translation.source?.originalLanguage, 'en');
    assert.equal(translation.source?.originalTitle, 'Ferry service resumes');
    const doc = parsePage((await get(editor, res.headers.location as string)).body);
    assert.match(
      text(doc.querySelector('.original-text')),
      /Original \(English \(en\)\).*Ferry service resumes.*The ferry runs again\./,
    );
    const again = await post(
      editor,
      `/admin/articles/${original.id}/translate`,
      `/admin/articles/${original.id}/edit`,
      [['language', 'en']],
    );
    assert.equal(again.statusCode, 422);
  });
});
