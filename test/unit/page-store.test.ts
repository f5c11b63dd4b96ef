import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { buildEntry, matchesEtag, pickEncoding, whyNotStorable } from '../../src/cache/page-entry.ts';
import { PageStore } from '../../src/cache/page-store.ts';
import { cacheKeyOf } from '../../src/http/page-cache-front.ts';
import { isPersonalRequest } from '../../src/http/cache-headers.ts';

const page = (keys: string, body = 'x'.repeat(1000), extra: Record<string, string> = {}) => ({
  status: 200,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'public, max-age=60',
    'surrogate-key': keys,
    ...extra,
  },
  body: Buffer.from(body),
});

describe('page cache pieces', () => {
  it('picks brotli, then gzip, honouring q=0 and wildcards', () => {
    assert.equal(pickEncoding(undefined), 'identity');
    assert.equal(pickEncoding('gzip, deflate, br, zstd'), 'br');
    assert.equal(pickEncoding('gzip, deflate'), 'gzip');
    assert.equal(pickEncoding('br;q=0, gzip;q=0.8'), 'gzip');
    assert.equal(pickEncoding('*'), 'br');
    assert.equal(pickEncoding('*;q=0'), 'identity');
    assert.equal(pickEncoding('identity'), 'identity');
  });

  it('compares ETags weakly, as If-None-Match on GET asks', () => {
    assert.ok(matchesEtag('W/"abc"', 'W/"abc"'));
    assert.ok(matchesEtag('"abc"', 'W/"abc"'));
    assert.ok(matchesEtag('W/"x", W/"abc"', 'W/"abc"'));
    assert.ok(matchesEtag('*', 'W/"abc"'));
    assert.ok(!matchesEtag('W/"abcd"', 'W/"abc"'));
  });

  it('keys pages by path and query, without tracking parameters; never the admin or files', () => {
    assert.equal(cacheKeyOf('/world/story'), '/world/story');
    assert.equal(cacheKeyOf('/world?page=2&utm_source=x&fbclid=y'), '/world?page=2');
    assert.equal(cacheKeyOf('/world?utm_medium=email'), '/world');
    assert.equal(cacheKeyOf('/admin/articles'), undefined);
    assert.equal(cacheKeyOf('/assets/site.css?v=1'), undefined);
    assert.equal(cacheKeyOf('/media/a.jpg'), undefined);
    assert.equal(cacheKeyOf(`/${'a'.repeat(3000)}`), undefined);
  });

  it('knows a personal request by its cookies or credentials', () => {
    assert.ok(isPersonalRequest({ cookie: 'nd_session=1' }));
    assert.ok(isPersonalRequest({ cookie: 'a=b; __Host-nd_session=1' }));
    assert.ok(isPersonalRequest({ cookie: 'a=b;nd_commenter=1' }));
    assert.ok(isPersonalRequest({ authorization: 'Basic eDp5' }));
    assert.ok(!isPersonalRequest({ cookie: 'nd_csrf=1; theme=dark; xnd_session_hint=1' }));
    assert.ok(!isPersonalRequest({}));
  });

  it('stores only shareable responses', () => {
    assert.equal(whyNotStorable(page('site')), undefined);
    assert.equal(whyNotStorable({ ...page('site'), status: 404 }), 'status 404');
    assert.equal(whyNotStorable(page('')), 'no Surrogate-Key');
    assert.equal(whyNotStorable(page('site', 'x', { 'cache-control': 'max-age=60' })), 'not public');
    assert.equal(
      whyNotStorable(page('site', 'x', { 'cache-control': 'public, no-store' })),
      'private or no-store',
    );
    assert.equal(whyNotStorable(page('site', 'x', { 'set-cookie': 'a=b' })), 'sets a cookie');
    assert.equal(whyNotStorable(page('site', 'x', { vary: 'Cookie' })), 'varies');
    assert.equal(whyNotStorable(page('site', 'x', { vary: 'Accept-Encoding' })), undefined);
  });

  it('precomputes complete header lists per encoding, without per-exchange headers', async () => {
    const entry = await buildEntry(
      '/p',
      page('site article:1', '<p>hello</p>'.repeat(100), { date: 'x', connection: 'keep-alive' }),
      { now: 0, ttlMs: 1000, graceMs: 5000 },
    );
    const headers = new Map<string, string>();
    for (let i = 0; i < entry.headers.br.length; i += 2)
      headers.set(entry.headers.br[i]!, entry.headers.br[i + 1]!);
    assert.equal(headers.get('content-encoding'), 'br');
    assert.equal(headers.get('content-length'), String(entry.bodies.br.length));
    assert.equal(headers.get('x-cache'), 'HIT');
    assert.ok(!headers.has('date') && !headers.has('connection'));
    assert.deepEqual(entry.surrogateKeys, ['site', 'article:1']);
    assert.equal(entry.freshUntil, 1000);
    assert.equal(entry.staleUntil, 6000);
  });

  it('evicts the least recently used pages past its budget and purges by key, softly or hard', async () => {
    let now = 0;
    const make = async (key: string, keys: string) =>
      buildEntry(key, page(keys, crypto.randomBytes(3000).toString('base64')), {
        now,
        ttlMs: 10_000,
        graceMs: 60_000,
      });
    const sample = await make('/sample', 'site');
    // Room for four pages, not five.
    const store = new PageStore({ maxBytes: sample.size * 4.5, graceMs: 60_000, now: () => now });
    store.put(await make('/a', 'site article:1'));
    store.put(await make('/b', 'site article:2'));
    store.put(await make('/c', 'site article:3'));
    now = 2000;
    store.get('/a'); // /a is now the most recently used
    store.put(await make('/d', 'site article:4'));
    store.put(await make('/e', 'site article:5'));
    assert.equal(store.size, 4);
    assert.ok(store.usedBytes <= sample.size * 4.5);
    assert.ok(store.get('/a'), 'recently used stays');
    assert.equal(store.get('/b'), undefined, 'least recently used left first');

    const epoch = store.epoch;
    assert.equal(store.purge({ keys: ['article:3'] }), 1);
    assert.equal(store.get('/c')!.freshUntil, 0, 'soft: kept, stale');
    assert.ok(store.get('/c')!.staleUntil > now);
    assert.ok(store.get('/a')!.freshUntil > now, 'other pages untouched');
    assert.ok(store.purgedSince(epoch, ['article:3']));
    assert.ok(!store.purgedSince(epoch, ['article:1']));
    assert.equal(store.purge({ keys: ['article:4'], hard: true }), 1);
    assert.equal(store.get('/d'), undefined, 'hard: dropped');
    store.purge({ keys: 'all' });
    assert.equal(store.get('/a')!.freshUntil, 0);
    assert.ok(store.purgedSince(epoch + 2, ['anything']), 'a purge of everything touches every key');
  });
});
