import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { signRequest } from '../../src/media/s3-storage.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const ACCESS_KEY = 'AKIANEWSDESKTEST0001';
const SECRET = 'n3wsd3sk/test+secret/0123456789abcdefABCD';
const REGION = 'eu-central-1';
const BUCKET = 'newsroom-media';

const sha256 = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex');
const hmac = (key: crypto.BinaryLike, data: string) => crypto.createHmac('sha256', key).update(data).digest();
const uriEncode = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * A small S3-compatible server for the test: path-style PUT, GET and DELETE of objects kept in memory,
 * and every request's Signature Version 4 checked the way S3 checks it, written here from AWS's
 * description, apart from the app's signer: the canonical request rebuilt from what arrived (method,
 * path, query, the headers the client says it signed, the body's hash, which must match the body),
 * the scope's date, region and service, and the clock skew. Anything else is a 403 with S3's codes.
 * (s3rver, the S3 server on npm, installs but does not check V4 signatures, so it would prove nothing.)
 */
function startFakeS3() {
  const objects = new Map<string, { data: Buffer; type: string }>();
  const refusals: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const refuse = (code: string) => {
        refusals.push(code);
        res.writeHead(403, { 'content-type': 'application/xml' }).end(`<Error><Code>${code}</Code></Error>`);
      };
      const auth =
        /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
          req.headers.authorization ?? '',
        );
      if (!auth) return refuse('AccessDenied');
      const [, keyId, day, region, service, signedList, signature] = auth;
      if (keyId !== ACCESS_KEY) return refuse('InvalidAccessKeyId');
      const amzDate = String(req.headers['x-amz-date'] ?? '');
      const when = Date.parse(
        amzDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'),
      );
      if (!(Math.abs(Date.now() - when) < 15 * 60_000) || amzDate.slice(0, 8) !== day)
        return refuse('RequestTimeTooSkewed');
      if (region !== REGION || service !== 's3') return refuse('AuthorizationHeaderMalformed');
      const signed = signedList!.split(';');
      if (!signed.includes('host') || !signed.includes('x-amz-date')) return refuse('AccessDenied');
      const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
      if (payloadHash !== sha256(body)) return refuse('XAmzContentSHA256Mismatch');
      const url = new URL(req.url!, 'http://s3.test');
      const canonicalQuery = [...url.searchParams]
        .map(([k, v]) => `${uriEncode(k)}=${uriEncode(v)}`)
        .sort()
        .join('&');
      const canonicalHeaders = signed
        .map(
          (name) =>
            `${name}:${String(req.headers[name] ?? '')
              .trim()
              .replace(/\s+/g, ' ')}\n`,
        )
        .join('');
      const canonicalRequest = [
        req.method,
        url.pathname,
        canonicalQuery,
        canonicalHeaders,
        signedList,
        payloadHash,
      ].join('\n');
      const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${day}/${region}/s3/aws4_request\n${sha256(canonicalRequest)}`;
      const signingKey = hmac(hmac(hmac(hmac(`AWS4${SECRET}`, day!), region!), 's3'), 'aws4_request');
      const expected = crypto.createHmac('sha256', signingKey).update(stringToSign).digest('hex');
      if (expected !== signature) return refuse('SignatureDoesNotMatch');

      const [, bucket, ...rest] = url.pathname.split('/');
      if (bucket !== BUCKET) return res.writeHead(404).end('<Error><Code>NoSuchBucket</Code></Error>');
      const key = rest.map(decodeURIComponent).join('/');
      if (req.method === 'PUT') {
        objects.set(key, { data: body, type: String(req.headers['content-type'] ?? '') });
        return res.writeHead(200).end();
      }
      if (req.method === 'DELETE') {
        objects.delete(key);
        return res.writeHead(204).end();
      }
      const found = objects.get(key);
      if (req.method !== 'GET') return res.writeHead(405).end();
      if (!found) return res.writeHead(404).end('<Error><Code>NoSuchKey</Code></Error>');
      res.writeHead(200, { 'content-type': found.type }).end(found.data);
    });
  });
  return { server, objects, refusals };
}

describe('media storage: an S3-compatible store (MEDIA_STORAGE=s3)', () => {
  const s3 = startFakeS3();
  let endpoint: string;
  let app: TestApp;
  const envFor = (secret: string) => ({
    MEDIA_STORAGE: 's3',
    S3_ENDPOINT: endpoint,
    S3_BUCKET: BUCKET,
    S3_REGION: REGION,
    S3_ACCESS_KEY_ID: ACCESS_KEY,
    S3_SECRET_ACCESS_KEY: secret,
    S3_PREFIX: 'site-one',
  });

  before(async () => {
    await new Promise<void>((resolve) => s3.server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(s3.server.address() as AddressInfo).port}`;
    app = await createTestApp({ env: envFor(SECRET) });
  });
  after(async () => {
    await app.close();
    s3.server.close();
  });

  it('signs as AWS documents it (the GET Object example of the Signature Version 4 guide)', () => {
    const headers = signRequest({
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      headers: { Range: 'bytes=0-9' },
      payloadHash: sha256(''),
      region: 'us-east-1',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      date: new Date('2013-05-24T00:00:00Z'),
    });
    assert.equal(
      headers.authorization,
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('an upload goes to the bucket (every variant, signed), and the app serves it under /media/', async () => {
    const png = await sharp({
      create: { width: 400, height: 300, channels: 3, background: { r: 20, g: 90, b: 160 } },
    })
      .png()
      .toBuffer();
    const item = await app.services.media.upload({
      data: png,
      fileName: 'harbour.png',
      texts: { alt: 'The harbour at dawn' },
      uploadedBy: null,
    });
    assert.equal(s3.refusals.length, 0, `refused: ${s3.refusals.join(', ')}`);
    const keys = [...s3.objects.keys()];
    assert.ok(keys.length >= 3, `only ${keys.length} objects stored`);
    assert.ok(
      keys.every((k) => k.startsWith('site-one/lib/')),
      keys.join(', '),
    );
    assert.ok(item.url.startsWith('/media/lib/'), item.url);

    const served = await app.http.inject({ url: item.url });
    assert.equal(served.statusCode, 200);
    assert.match(String(served.headers['content-type']), /^image\//);
    assert.match(String(served.headers['cache-control']), /immutable/);
    const stored = s3.objects.get(`site-one/${item.url.slice('/media/'.length)}`)!;
    assert.deepEqual(served.rawPayload, stored.data);
    // Nothing was written to the local media folder.
    assert.equal((await app.http.inject({ url: '/media/lib/nothing-here/320.webp' })).statusCode, 404);
    assert.equal((await app.http.inject({ url: '/media/..%2Fsecret.png' })).statusCode, 404);

    await app.services.storage.delete(item.url.slice('/media/'.length));
    assert.equal((await app.http.inject({ url: item.url })).statusCode, 404);
  });

  it('with a wrong secret the store refuses, the upload fails and leaves no row', async () => {
    const wrong = await createTestApp({ env: envFor('not-the-secret') });
    try {
      const before = s3.objects.size;
      const png = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#888' } })
        .png()
        .toBuffer();
      await assert.rejects(
        wrong.services.media.upload({ data: png, fileName: 'x.png', texts: { alt: 'x' }, uploadedBy: null }),
        /refused to store/,
      );
      assert.ok(s3.refusals.includes('SignatureDoesNotMatch'));
      assert.equal(s3.objects.size, before);
      const rows = await wrong.database.db.selectFrom('media').select('id').execute();
      assert.equal(rows.length, 0);
    } finally {
      await wrong.close();
    }
  });

  it('refuses to start with MEDIA_STORAGE=s3 and no bucket, naming what is missing', async () => {
    await assert.rejects(
      createTestApp({ env: { MEDIA_STORAGE: 's3', S3_ENDPOINT: endpoint } }),
      /MEDIA_STORAGE=s3 needs S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY/,
    );
  });
});
