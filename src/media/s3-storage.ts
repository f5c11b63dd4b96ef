import crypto from 'node:crypto';
import { assertMediaKey, type MediaStorage } from './storage.ts';

export interface S3Options {
  /** The store's address, e.g. `https://s3.eu-central-1.amazonaws.com` or `http://minio:9000`. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Key prefix inside the bucket (several sites may share one bucket). */
  prefix?: string;
}

const sha256 = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex');
const hmac = (key: crypto.BinaryLike, data: string) => crypto.createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as Signature Version 4 wants it: everything but unreserved characters. */
function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export interface SignInput {
  method: string;
  url: URL;
  /** Headers to send and sign (names any case); `host`, `x-amz-date` and `x-amz-content-sha256` are added. */
  headers: Record<string, string>;
  /** Hex SHA-256 of the body (of the empty string when there is none). */
  payloadHash: string;
  region: string;
  service?: string;
  accessKeyId: string;
  secretAccessKey: string;
  date: Date;
}

/**
 * AWS Signature Version 4 for one request, with the signature in the `Authorization` header: the
 * canonical request (method, path with each segment encoded, sorted query, signed headers, payload
 * hash), the string to sign for `<date>/<region>/<service>/aws4_request`, and the key derived from
 * the secret by four HMACs. Returns every header to send.
 *
 * @example
 *   const headers = signRequest({ method: 'GET', url, headers: {}, payloadHash: sha256(''), … });
 *   await fetch(url, { headers });
 */
export function signRequest(input: SignInput): Record<string, string> {
  const service = input.service ?? 's3';
  const amzDate = input.date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers)) headers[name.toLowerCase()] = value;
  headers.host = input.url.host;
  headers['x-amz-date'] = amzDate;
  headers['x-amz-content-sha256'] = input.payloadHash;
  const names = Object.keys(headers).sort();
  const canonicalHeaders = names.map((n) => `${n}:${headers[n]!.trim().replace(/\s+/g, ' ')}\n`).join('');
  const signedHeaders = names.join(';');
  const query = [...input.url.searchParams]
    .map(([k, v]) => [encodeRfc3986(k), encodeRfc3986(v)] as const)
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  // The path as sent; S3 signs it encoded once (segments decoded first, so nothing is encoded twice).
  const path = input.url.pathname
    .split('/')
    .map((segment) => encodeRfc3986(decodeURIComponent(segment)))
    .join('/');
  const canonicalRequest = [
    input.method,
    path,
    query,
    canonicalHeaders,
    signedHeaders,
    input.payloadHash,
  ].join('\n');
  const scope = `${day}/${input.region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const key = hmac(
    hmac(hmac(hmac(`AWS4${input.secretAccessKey}`, day), input.region), service),
    'aws4_request',
  );
  const signature = crypto.createHmac('sha256', key).update(stringToSign).digest('hex');
  const { host: _host, ...toSend } = headers;
  return {
    ...toSend,
    authorization: `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}

/**
 * Media in an S3-compatible store (AWS S3, MinIO, Ceph, R2, …), path-style addresses
 * (`<endpoint>/<bucket>/<key>`), every request signed with Signature Version 4. Files are still
 * served under `/media/` by the app (http/media.route.ts), so page URLs do not change with the store.
 */
export function createS3Storage(options: S3Options, publicPrefix = '/media'): MediaStorage {
  const endpoint = options.endpoint.replace(/\/+$/, '');
  const prefix = options.prefix ? `${options.prefix.replace(/\/+$/, '')}/` : '';
  const urlOf = (key: string) => {
    assertMediaKey(key);
    return new URL(`${endpoint}/${encodeRfc3986(options.bucket)}/${prefix}${key}`);
  };
  async function send(method: string, key: string, body?: Buffer, contentType?: string) {
    const url = urlOf(key);
    const headers = signRequest({
      method,
      url,
      headers: contentType ? { 'content-type': contentType } : {},
      payloadHash: sha256(body ?? ''),
      region: options.region,
      accessKeyId: options.accessKeyId,
      secretAccessKey: options.secretAccessKey,
      date: new Date(),
    });
    return fetch(url, { method, headers, ...(body ? { body: new Uint8Array(body) } : {}) });
  }
  const failed = async (what: string, key: string, response: Response) =>
    new Error(
      `The media store refused to ${what} ${key}: ${response.status} ${(await response.text()).slice(0, 300)}`,
    );
  return {
    async put(key, data, contentType) {
      const response = await send('PUT', key, data, contentType);
      if (!response.ok) throw await failed('store', key, response);
      await response.arrayBuffer();
    },
    async get(key) {
      const response = await send('GET', key);
      if (response.status === 404) {
        await response.arrayBuffer();
        return undefined;
      }
      if (!response.ok) throw await failed('read', key, response);
      return Buffer.from(await response.arrayBuffer());
    },
    async delete(key) {
      const response = await send('DELETE', key);
      // S3 answers 204 whether or not the object was there.
      if (!response.ok && response.status !== 404) throw await failed('delete', key, response);
      await response.arrayBuffer();
    },
    urlFor: (key) => `${publicPrefix}/${key}`,
  };
}
