import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupAddress } from 'node:dns';
import type { Socket } from 'node:net';
import net from 'node:net';
import zlib from 'node:zlib';
import { type AddressPolicy, blockedReason, reasonKind } from './address-policy.ts';
import { decodeBody } from './decode.ts';
import { FetchFailedError, FetchRefusedError } from './fetch-errors.ts';

/** Content types of pages and feeds: what the importer and the feed poller accept by default. */
export const PAGE_AND_FEED_TYPES: readonly string[] = [
  'text/html',
  'application/xhtml+xml',
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/xml',
  'text/xml',
  'application/feed+json',
  'application/json',
  'text/plain',
];

export interface SafeFetcherOptions extends AddressPolicy {
  /** Largest body accepted, after decompression (default 5 MiB). */
  maxBytes?: number;
  /** Whole request, redirects included (default 15 s). */
  timeoutMs?: number;
  maxRedirects?: number;
  userAgent?: string;
  /** Accepted media types (default: pages and feeds). */
  acceptTypes?: readonly string[];
  /** The resolver; tests replace it to play DNS-rebinding tricks. Default: the system resolver. */
  resolve?: (hostname: string) => Promise<LookupAddress[]>;
}

export interface FetchRequest {
  /** Conditional GET: the validators of the copy we already have. */
  etag?: string | null;
  lastModified?: string | null;
  /** An Accept header (default: pages and feeds). */
  accept?: string;
  method?: 'GET' | 'POST';
  body?: string | Buffer;
  headers?: Record<string, string>;
}

export interface FetchedDocument {
  /** The address the content came from, after redirects. */
  url: string;
  status: number;
  notModified: boolean;
  contentType: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  etag: string | null;
  lastModified: string | null;
  /** The address actually connected to for the final response. */
  remoteAddress: string;
  /** The body as text, decoded by its declared charset. */
  text(): string;
}

export type SafeFetch = (url: string, request?: FetchRequest) => Promise<FetchedDocument>;

const DEFAULTS = { maxBytes: 5 * 1024 * 1024, timeoutMs: 15_000, maxRedirects: 5 };

/**
 * A fetcher that cannot be turned against the machine it runs on or the network behind it (SSRF). Every
 * address is checked on the IP actually connected to: the hostname is resolved once, each answer is
 * checked, and the socket connects to a checked answer (no second lookup an attacker's DNS could change
 * in between, so no DNS-rebinding gap); redirects are followed by hand and checked the same way. Only
 * http(s), no credentials in URLs, a size limit counted after decompression, a deadline for the whole
 * exchange, and only the expected content types. Every refusal says why, in a sentence.
 *
 * Reusable by anything that fetches a URL someone else chose: the importer, the feed poller, webhooks.
 */
export function createSafeFetcher(options: SafeFetcherOptions = {}): SafeFetch {
  const maxBytes = options.maxBytes ?? DEFAULTS.maxBytes;
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const maxRedirects = options.maxRedirects ?? DEFAULTS.maxRedirects;
  const acceptTypes = options.acceptTypes ?? PAGE_AND_FEED_TYPES;
  const resolve = options.resolve ?? ((host: string) => dns.promises.lookup(host, { all: true }));
  const policy: AddressPolicy = { allowLoopback: options.allowLoopback };

  return async function safeFetch(rawUrl, request = {}) {
    const deadline = Date.now() + timeoutMs;
    let url = checkUrl(rawUrl);
    for (let hop = 0; ; hop++) {
      const response = await exchange(url, request, deadline);
      const location = response.headers.location;
      if ([301, 302, 303, 307, 308].includes(response.status) && location) {
        if (hop >= maxRedirects) {
          throw new FetchFailedError(
            `${url.host} redirected more than ${maxRedirects} times; giving up.`,
            'redirects',
          ).say('import.error.redirects', { host: url.host, max: maxRedirects });
        }
        url = checkUrl(new URL(location, url).toString());
        continue;
      }
      return response;
    }
  };

  function checkUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw.trim());
    } catch {
      throw new FetchRefusedError(`“${truncate(raw)}” is not a web address.`, 'scheme').say(
        'import.error.notUrl',
        {
          url: truncate(raw),
        },
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      const scheme = url.protocol.replace(/:$/, '');
      throw new FetchRefusedError(
        `Only http and https addresses can be fetched, not ${scheme}.`,
        'scheme',
      ).say('import.error.scheme', { scheme });
    }
    if (url.username || url.password) {
      throw new FetchRefusedError(
        'Addresses with a user name or password in them are not fetched; remove the credentials.',
        'credentials',
      ).say('import.error.credentials');
    }
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (net.isIP(literal)) {
      const reason = blockedReason(literal, policy);
      if (reason) throw refusedAddress(url.hostname, literal, reason);
    }
    return url;
  }

  /**
   * The lookup the socket uses: resolve, drop every answer that is not public, hand the socket only
   * the checked ones. `net.connect` calls it exactly once per connection.
   */
  function guardedLookup(hostname: string, lookupOptions: dns.LookupOptions, callback: LookupCallback) {
    resolve(hostname).then(
      (answers) => {
        const allowed = answers.filter((a) => !blockedReason(a.address, policy));
        if (allowed.length === 0) {
          const first = answers[0];
          const error = first
            ? refusedAddress(hostname, first.address, blockedReason(first.address, policy) ?? '')
            : new FetchFailedError(`The name ${hostname} does not resolve to any address.`, 'dns').say(
                'import.error.dns',
                { host: hostname },
              );
          callback(error as NodeJS.ErrnoException, '', 4);
          return;
        }
        if (lookupOptions.all) callback(null, allowed);
        else callback(null, allowed[0]!.address, allowed[0]!.family);
      },
      () =>
        callback(
          new FetchFailedError(`The name ${hostname} could not be found; check the address.`, 'dns').say(
            'import.error.dns',
            { host: hostname },
          ) as unknown as NodeJS.ErrnoException,
          '',
          4,
        ),
    );
  }

  function exchange(url: URL, request: FetchRequest, deadline: number): Promise<FetchedDocument> {
    return new Promise((resolvePromise, reject) => {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return reject(timeoutError(url));
      const client = url.protocol === 'https:' ? https : http;
      const headers: Record<string, string> = {
        'user-agent': options.userAgent ?? 'Newsdesk importer (+https://github.com/newsdesk)',
        accept:
          request.accept ??
          'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.1',
        'accept-encoding': 'gzip, deflate, br',
        ...request.headers,
      };
      if (request.etag) headers['if-none-match'] = request.etag;
      if (request.lastModified) headers['if-modified-since'] = request.lastModified;
      let settled = false;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.destroy();
        reject(error);
      };
      const req = client.request(url, {
        method: request.method ?? 'GET',
        headers,
        agent: false,
        lookup: guardedLookup as unknown as net.LookupFunction,
      });
      const timer = setTimeout(() => fail(timeoutError(url)), remaining);
      req.on('socket', (socket: Socket) => {
        // Second line of defence: whatever path the connection took, the peer must be allowed.
        socket.once('connect', () => {
          const peer = socket.remoteAddress ?? '';
          const reason = blockedReason(peer, policy);
          if (reason) fail(refusedAddress(url.hostname, peer, reason));
        });
      });
      req.on('error', (error) => fail(asFetchError(error, url)));
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        const remoteAddress = res.socket?.remoteAddress ?? '';
        const base = {
          url: url.toString(),
          status,
          headers: res.headers,
          etag: headerValue(res.headers.etag),
          lastModified: headerValue(res.headers['last-modified']),
          remoteAddress,
        };
        if (status === 304 || (status >= 300 && status < 400 && res.headers.location)) {
          res.resume();
          settled = true;
          clearTimeout(timer);
          return resolvePromise({
            ...base,
            notModified: status === 304,
            contentType: '',
            body: Buffer.alloc(0),
            text: () => '',
          });
        }
        if (status < 200 || status >= 300) {
          res.resume();
          return fail(
            new FetchFailedError(
              `${url.host} answered ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''} for ${truncate(url.toString())}.`,
              'status',
              status,
            ).say('import.error.status', { host: url.host, status, url: truncate(url.toString()) }),
          );
        }
        const contentType = headerValue(res.headers['content-type']) ?? '';
        const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
        if (mediaType && !acceptTypes.includes(mediaType)) {
          res.resume();
          return fail(
            new FetchFailedError(
              `${truncate(url.toString())} is ${mediaType}, not a web page or a feed.`,
              'type',
            ).say('import.error.type', { url: truncate(url.toString()), type: mediaType }),
          );
        }
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          res.resume();
          return fail(tooLarge(url, maxBytes));
        }
        const stream = decompress(res, headerValue(res.headers['content-encoding']));
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            stream.destroy();
            fail(tooLarge(url, maxBytes));
            return;
          }
          chunks.push(chunk);
        });
        stream.on('error', (error) => fail(asFetchError(error, url)));
        stream.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          const body = Buffer.concat(chunks);
          resolvePromise({
            ...base,
            notModified: false,
            contentType,
            body,
            text: () => decodeBody(body, contentType),
          });
        });
      });
      req.end(request.body);
    });
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

function decompress(
  res: http.IncomingMessage,
  encoding: string | null,
): NodeJS.ReadableStream & {
  destroy(): void;
} {
  switch (encoding?.toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return res.pipe(zlib.createGunzip());
    case 'deflate':
      return res.pipe(zlib.createInflate());
    case 'br':
      return res.pipe(zlib.createBrotliDecompress());
    default:
      return res;
  }
}

function headerValue(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

function refusedAddress(host: string, address: string, reason: string) {
  const where = host.replace(/^\[|\]$/g, '') === address ? address : `${host} (${address})`;
  return new FetchRefusedError(
    `${where} is ${reason}; Newsdesk only fetches from public internet addresses.`,
    'address',
  ).say('import.error.address', { where, kind: reasonKind(reason) });
}

function timeoutError(url: URL) {
  return new FetchFailedError(`${url.host} took too long to answer; try again later.`, 'timeout').say(
    'import.error.timeout',
    { host: url.host },
  );
}

function tooLarge(url: URL, maxBytes: number) {
  const mb = Math.round(maxBytes / 1024 / 1024);
  return new FetchFailedError(
    `${truncate(url.toString())} is larger than ${mb} MB, the most Newsdesk fetches.`,
    'too-large',
  ).say('import.error.tooLarge', { url: truncate(url.toString()), mb });
}

function asFetchError(error: Error, url: URL): Error {
  if (error instanceof FetchRefusedError || error instanceof FetchFailedError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const [kind, why] =
    code === 'ECONNREFUSED'
      ? ['refused', 'refused the connection']
      : code === 'ECONNRESET'
        ? ['reset', 'closed the connection']
        : code === 'ENOTFOUND'
          ? ['notFound', 'could not be found']
          : code?.startsWith('ERR_TLS') || code?.includes('CERT')
            ? ['certificate', 'has an invalid security certificate']
            : ['unreachable', 'could not be reached'];
  return new FetchFailedError(`${url.host} ${why}.`, 'network').say('import.error.network', {
    host: url.host,
    kind,
  });
}

function truncate(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
