import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { FetchFailedError, FetchRefusedError } from '../../../src/ingest/fetch/fetch-errors.ts';
import { createSafeFetcher } from '../../../src/ingest/fetch/safe-fetch.ts';
import { type LocalServer, startLocalServer } from '../../helpers/local-server.ts';

function refused(problem: string, pattern?: RegExp) {
  return (error: unknown) =>
    error instanceof FetchRefusedError &&
    error.problem === problem &&
    (!pattern || pattern.test(error.message));
}
function failed(problem: string, pattern?: RegExp) {
  return (error: unknown) =>
    error instanceof FetchFailedError &&
    error.problem === problem &&
    (!pattern || pattern.test(error.message));
}

describe('safe fetch', () => {
  let server: LocalServer;
  before(async () => {
    server = await startLocalServer((req, res) => {
      const path = req.url ?? '/';
      if (path === '/page') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: '"v1"' });
        res.end('<html><body><p>Hello, reader</p></body></html>');
      } else if (path === '/cyrillic') {
        res.writeHead(200, { 'content-type': 'text/html' });
        const head = Buffer.from('<html><head><meta charset="windows-1251"></head><body>');
        res.end(Buffer.concat([head, Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xb3, 0xf2])]));
      } else if (path === '/conditional') {
        if (req.headers['if-none-match'] === '"v1"') {
          res.writeHead(304);
          res.end();
        } else {
          res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' });
          res.end('<rss/>');
        }
      } else if (path.startsWith('/redirect?to=')) {
        res.writeHead(302, { location: decodeURIComponent(path.slice('/redirect?to='.length)) });
        res.end();
      } else if (path === '/loop') {
        res.writeHead(301, { location: '/loop' });
        res.end();
      } else if (path === '/big') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('x'.repeat(300_000));
      } else if (path === '/bomb') {
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        res.end(zlib.gzipSync(Buffer.alloc(20_000_000, 0x20)));
      } else if (path === '/gzip') {
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        res.end(zlib.gzipSync('<p>compressed</p>'));
      } else if (path === '/slow') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<p>start');
        // never ends: the fetcher's deadline must cut it off
      } else if (path === '/image') {
        res.writeHead(200, { 'content-type': 'image/png' });
        res.end(Buffer.alloc(10));
      } else {
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('not here');
      }
    });
  });
  after(() => server.close());

  const local = createSafeFetcher({ allowLoopback: true, timeoutMs: 2000, maxBytes: 100_000 });

  it('fetches a page from the local test server through the explicit test-only allowance', async () => {
    const doc = await local(`${server.url}/page`);
    assert.equal(doc.status, 200);
    assert.equal(doc.text(), '<html><body><p>Hello, reader</p></body></html>');
    assert.equal(doc.etag, '"v1"');
    assert.equal(doc.remoteAddress, '127.0.0.1');
  });

  it('refuses loopback addresses without the allowance, before sending anything', async () => {
    const strict = createSafeFetcher({ timeoutMs: 2000 });
    const before = server.requests.length;
    await assert.rejects(strict(`${server.url}/page`), refused('address', /loopback/));
    await assert.rejects(strict(`http://localhost:${server.port}/page`), refused('address', /localhost/));
    await assert.rejects(strict(`http://[::ffff:127.0.0.1]:${server.port}/page`), refused('address'));
    assert.equal(server.requests.length, before, 'no request reached the server');
  });

  it('checks the address the socket connects to, not an earlier answer (no DNS-rebinding gap)', async () => {
    let lookups = 0;
    // A hostile name whose answer points inside. The check runs inside the lookup the socket itself
    // uses, so there is no earlier, separate resolution whose answer could differ from the one connected to.
    const rebinding = createSafeFetcher({
      timeoutMs: 2000,
      resolve: async () => {
        lookups++;
        return [{ address: '127.0.0.1', family: 4 }];
      },
    });
    await assert.rejects(
      rebinding(`http://news.example/page`),
      refused('address', /news\.example \(127\.0\.0\.1\)/),
    );
    assert.equal(lookups, 1, 'the name is resolved once, by the connection itself');
  });

  it('uses only the public answers of a name that resolves to several addresses', async () => {
    const mixed = createSafeFetcher({
      allowLoopback: true,
      timeoutMs: 2000,
      resolve: async () => [
        { address: '169.254.169.254', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ],
    });
    const doc = await mixed(`http://mixed.example:${server.port}/page`);
    assert.equal(doc.remoteAddress, '127.0.0.1');
  });

  it('checks every redirect: a redirect to cloud metadata or a private address is refused', async () => {
    await assert.rejects(
      local(`${server.url}/redirect?to=${encodeURIComponent('http://169.254.169.254/latest/meta-data/')}`),
      refused('address', /metadata/),
    );
    await assert.rejects(
      local(`${server.url}/redirect?to=${encodeURIComponent('http://10.1.2.3/')}`),
      refused('address', /private/),
    );
    await assert.rejects(
      local(`${server.url}/redirect?to=${encodeURIComponent('file:///etc/passwd')}`),
      refused('scheme'),
    );
    const followed = await local(`${server.url}/redirect?to=${encodeURIComponent('/page')}`);
    assert.equal(followed.url, `${server.url}/page`);
    await assert.rejects(local(`${server.url}/loop`), failed('redirects', /redirected more than 5 times/));
  });

  it('refuses other schemes and credentials in the address', async () => {
    await assert.rejects(local('ftp://example.com/file'), refused('scheme', /not ftp/));
    await assert.rejects(local('file:///etc/passwd'), refused('scheme', /not file/));
    await assert.rejects(local('javascript:alert(1)'), refused('scheme'));
    await assert.rejects(local('not a url'), refused('scheme', /is not a web address/));
    await assert.rejects(local(`http://user:secret@127.0.0.1:${server.port}/page`), refused('credentials'));
  });

  it('stops at the size limit, counting decompressed bytes (no gzip bombs)', async () => {
    await assert.rejects(local(`${server.url}/big`), failed('too-large', /larger than/));
    await assert.rejects(local(`${server.url}/bomb`), failed('too-large'));
    assert.equal((await local(`${server.url}/gzip`)).text(), '<p>compressed</p>');
  });

  it('gives up on a slow server at the deadline', async () => {
    const quick = createSafeFetcher({ allowLoopback: true, timeoutMs: 300 });
    await assert.rejects(quick(`${server.url}/slow`), failed('timeout', /took too long/));
  });

  it('refuses content that is not a page or a feed, and error statuses, with a sentence', async () => {
    await assert.rejects(
      local(`${server.url}/image`),
      failed('type', /image\/png, not a web page or a feed/),
    );
    await assert.rejects(local(`${server.url}/missing`), failed('status', /answered 404/));
  });

  it('sends validators for a conditional GET and reports 304 Not Modified', async () => {
    const first = await local(`${server.url}/conditional`);
    assert.equal(first.notModified, false);
    const second = await local(`${server.url}/conditional`, { etag: first.etag });
    assert.equal(second.notModified, true);
    assert.equal(second.status, 304);
  });

  it('decodes the charset the document declares', async () => {
    const doc = await local(`${server.url}/cyrillic`);
    assert.match(doc.text(), /Привіт/);
  });
});
