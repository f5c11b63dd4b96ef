import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { cookieHeader, csrfFor, signedInAs } from '../../helpers/admin.ts';
import { type LocalServer, startLocalServer } from '../../helpers/local-server.ts';
import { parsePage, text } from '../../helpers/html.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

const fixture = (name: string) => fs.readFileSync(new URL(`../../fixtures/${name}`, import.meta.url));

/** A multipart/form-data body as a browser sends the Import form. */
function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer }) {
  const boundary = `----newsdesk${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file?.name ?? ''}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file?.data ?? Buffer.alloc(0),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('the Import page', () => {
  let app: TestApp;
  let editor: Record<string, string>;
  let server: LocalServer;
  before(async () => {
    app = await createTestApp({ demo: 0, env: { NEWSDESK_FETCH_ALLOW_LOOPBACK: '1' } });
    editor = (await signedInAs(app, 'editor')).jar;
    server = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/atom+xml' });
      res.end(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Notes</title>
<link href="${server.url}/"/><id>urn:harbour</id><updated>2024-04-04T10:00:00Z</updated>
<entry><title>Night ferry added for the summer</title><id>urn:harbour:1</id><link href="${server.url}/ferry"/>
<published>2024-04-04T10:00:00Z</published><author><name>Harbour Office</name></author>
<content type="html">&lt;p&gt;A night ferry will run across the harbour from June to September, leaving every hour from ten in the evening, the harbour office said on Thursday.&lt;/p&gt;</content></entry></feed>`);
    });
  });
  after(async () => {
    await server.close();
    await app.close();
  });

  async function submit(fields: Record<string, string>, file?: { name: string; data: Buffer }) {
    const { token, jar } = await csrfFor(app, '/admin/import', editor);
    const body = multipart({ _csrf: token, ...fields }, file);
    return app.http.inject({
      method: 'POST',
      url: '/admin/import',
      headers: { cookie: cookieHeader(jar), 'content-type': body.contentType },
      payload: body.payload,
    });
  }

  it('is for roles that may import: an author is refused, a visitor is sent to sign in', async () => {
    const author = (await signedInAs(app, 'author')).jar;
    const refused = await app.http.inject({
      url: '/admin/import',
      headers: { cookie: cookieHeader(author) },
    });
    assert.equal(refused.statusCode, 403);
    const anonymous = await app.http.inject({ url: '/admin/import' });
    assert.equal(anonymous.statusCode, 303);
    assert.match(anonymous.headers.location ?? '', /^\/admin\/login\?next=/);
  });

  it('refuses a form without its CSRF token', async () => {
    const body = multipart({ text: 'x' });
    const res = await app.http.inject({
      method: 'POST',
      url: '/admin/import',
      headers: { cookie: cookieHeader(editor), 'content-type': body.contentType },
      payload: body.payload,
    });
    assert.equal(res.statusCode, 403);
  });

  it('previews pasted text with provenance and a same-story warning, then saves it as a draft', async () => {
    const preview = await submit({ text: fixture('seed-article.txt').toString('utf8'), url: '' });
    assert.equal(preview.statusCode, 200);
    const page = parsePage(preview.body);
    assert.equal(
      text(page.querySelector('.import-headline')),
      'A step of desperation: Time analyzed what Putin’s visit to the DPRK really meant',
    );
    const provenance = text(page.querySelector('.import-provenance'));
    assert.match(provenance, /24 Channel/);
    assert.match(provenance, /Polina Buyanova/);
    assert.match(provenance, /A step of despair/);
    assert.match(
      text(page.querySelector('.notice--error')),
      /may be the same story as “A step of desperation/,
    );
    const body = page.querySelector('.import-body')!;
    assert.equal(text(body.querySelector('h2')), "What is the significance of Putin's visit to North Korea");
    assert.ok(!body.innerHTML.includes('&lt; /h2&gt;') && !text(body).includes('You may also like'));

    const save = page.querySelector('form[action="/admin/import/save"]')!;
    const fields = Object.fromEntries(
      Array.from(save.querySelectorAll('input')).map((i) => [
        i.getAttribute('name')!,
        i.getAttribute('value') ?? '',
      ]),
    );
    const saved = await app.http.inject({
      method: 'POST',
      url: '/admin/import/save',
      headers: {
        cookie: cookieHeader({ ...editor, ...cookiesFrom(preview) }),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams(fields).toString(),
    });
    assert.equal(saved.statusCode, 200, saved.body.slice(0, 500));
    assert.match(text(parsePage(saved.body).querySelector('main')), /1 story was imported/);
    const drafts = await app.database.db
      .selectFrom('articles')
      .select(['id', 'status'])
      .where('status', '=', 'draft')
      .execute();
    assert.equal(drafts.length, 1);

    // The staged preview is used once: saving it again says so and creates nothing.
    const again = await app.http.inject({
      method: 'POST',
      url: '/admin/import/save',
      headers: {
        cookie: cookieHeader({ ...editor, ...cookiesFrom(preview) }),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams(fields).toString(),
    });
    assert.equal(again.statusCode, 422);
    assert.match(again.body, /expired or was already saved/);
  });

  it('previews an uploaded WordPress export story by story', async () => {
    const res = await submit(
      { url: '', text: '' },
      { name: 'export.xml', data: fixture('ingest/wordpress-export.xml') },
    );
    assert.equal(res.statusCode, 200);
    const page = parsePage(res.body);
    assert.deepEqual(
      Array.from(page.querySelectorAll('.import-item summary strong')).map((s) => text(s)),
      [
        'Tram line 5 returns to Podil after two years of repairs',
        'Film festival opens with a premiere in the old Zhovten cinema',
      ],
    );
    assert.match(text(page.querySelector('.import-save button')), /Save 2 drafts/);
    assert.match(res.body, /4 comments/);
  });

  it('follows a feed from its preview, lists it, and stops following it', async () => {
    const preview = await submit({ url: `${server.url}/feed.atom`, text: '' });
    assert.equal(preview.statusCode, 200, preview.body.slice(0, 300));
    const page = parsePage(preview.body);
    const save = page.querySelector('form[action="/admin/import/save"]')!;
    assert.ok(save.querySelector('input[name="follow"]'), 'a feed can be followed from its preview');
    const fields = Object.fromEntries(
      Array.from(save.querySelectorAll('input[type="hidden"]')).map((i) => [
        i.getAttribute('name')!,
        i.getAttribute('value') ?? '',
      ]),
    );
    const saved = await app.http.inject({
      method: 'POST',
      url: '/admin/import/save',
      headers: {
        cookie: cookieHeader({ ...editor, ...cookiesFrom(preview) }),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({ ...fields, follow: '1' }).toString(),
    });
    const result = text(parsePage(saved.body).querySelector('main'));
    assert.match(result, /1 story was imported/);
    assert.match(result, /Following http:\/\/127\.0\.0\.1:\d+\/feed\.atom/);
    const [feed] = await app.services.followedFeeds.list();
    assert.ok(feed && feed.next_poll_at > new Date().toISOString(), 'first poll one interval from now');

    const listed = await app.http.inject({ url: '/admin/import', headers: { cookie: cookieHeader(editor) } });
    const list = parsePage(listed.body).querySelector('.import-feeds');
    assert.match(text(list), /Harbour Notes/);
    const { token, jar } = await csrfFor(app, '/admin/import', editor);
    const stopped = await app.http.inject({
      method: 'POST',
      url: `/admin/import/feeds/${feed!.id}/unfollow`,
      headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: token }).toString(),
    });
    assert.equal(stopped.statusCode, 200);
    assert.deepEqual(await app.services.followedFeeds.list(), []);
    // Followed again later, it picks up where it left off: its first item stays taken once.
    const again = await app.services.followedFeeds.follow(`${server.url}/feed.atom`);
    assert.deepEqual(again.report?.created, []);
  });

  it('brings the form back with what was typed and a sentence next to the field', async () => {
    const empty = await submit({ url: '', text: '' });
    assert.equal(empty.statusCode, 422);
    assert.match(
      text(parsePage(empty.body).querySelector('.field-error')),
      /Give an address, paste some text or choose a file/,
    );

    const blocked = await submit({ url: 'http://169.254.169.254/latest/meta-data/', text: '' });
    assert.equal(blocked.statusCode, 400);
    const page = parsePage(blocked.body);
    assert.equal(
      page.querySelector('#import-url')?.getAttribute('value'),
      'http://169.254.169.254/latest/meta-data/',
    );
    assert.match(
      text(page.querySelector('#import-url-error')),
      /link-local address .* only fetches from public internet addresses/,
    );

    const notArticle = await submit({ url: '', text: 'Hello there' });
    assert.equal(notArticle.statusCode, 422);
    const again = parsePage(notArticle.body);
    assert.equal(text(again.querySelector('#import-text')), 'Hello there');
    assert.match(text(again.querySelector('#import-text-error')), /does not look like an article/);
  });
});

function cookiesFrom(res: { cookies: unknown }): Record<string, string> {
  const jar: Record<string, string> = {};
  for (const c of res.cookies as Array<{ name: string; value: string }>) jar[c.name] = c.value;
  return jar;
}

describe('the Import page of a Ukrainian newsroom', () => {
  it('speaks Ukrainian, errors included', async () => {
    const app = await createTestApp({ env: { LANGUAGES: 'uk,en' } });
    try {
      const { jar } = await signedInAs(app, 'editor');
      const { token, jar: withCsrf, res } = await csrfFor(app, '/admin/import', jar);
      assert.match(text(parsePage(res.body).querySelector('h1')), /Імпорт матеріалу/);
      const body = multipart({ _csrf: token, url: 'http://10.0.0.7/feed', text: '' });
      const refused = await app.http.inject({
        method: 'POST',
        url: '/admin/import',
        headers: { cookie: cookieHeader(withCsrf), 'content-type': body.contentType },
        payload: body.payload,
      });
      assert.equal(refused.statusCode, 400);
      assert.match(
        text(parsePage(refused.body).querySelector('#import-url-error')),
        /^10\.0\.0\.7 — це адреса приватної мережі; Newsdesk завантажує лише з публічних адрес інтернету\.$/,
      );
    } finally {
      await app.close();
    }
  });
});
