import path from 'node:path';
import { z } from 'zod';

/**
 * The validated, frozen configuration. Read once at start-up from the environment; a missing or
 * malformed variable stops the process with a sentence that names it (see `loadConfig`).
 */
export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  /** Public base URL without a trailing slash, used for canonical links, feeds and sitemaps. */
  readonly siteUrl: string;
  readonly siteName: string;
  readonly siteDescription: string;
  /**
   * The tagline per language where the newsroom wrote one: SITE_DESCRIPTION for the default language,
   * SITE_DESCRIPTION_UK (and so on) for the others. A language without one uses its catalogue's.
   */
  readonly siteDescriptions: Readonly<Record<string, string>>;
  readonly dataDir: string;
  /** The media library: where its files live (MEDIA_DIR, default DATA_DIR/media) and what it accepts. */
  readonly media: {
    readonly dir: string;
    /** MEDIA_MAX_UPLOAD_MB: the largest file an upload may be. */
    readonly maxUploadBytes: number;
    /** MEDIA_MAX_MEGAPIXELS: the most pixels an image may declare (decompression bombs declare billions). */
    readonly maxPixels: number;
    /** MEDIA_STORAGE=s3: files go to an S3-compatible store instead of `dir` (media/s3-storage.ts). */
    readonly s3:
      | {
          readonly endpoint: string;
          readonly bucket: string;
          readonly region: string;
          readonly accessKeyId: string;
          readonly secretAccessKey: string;
          readonly prefix: string | undefined;
        }
      | undefined;
  };
  readonly database:
    /** `cacheMb`: SQLite's page cache (SQLITE_CACHE_MB). */
    | { readonly dialect: 'sqlite'; readonly file: string; readonly cacheMb: number }
    | { readonly dialect: 'postgres'; readonly url: string };
  readonly redisUrl: string | undefined;
  /** Prefix of every Redis key and channel, so several sites (or tests) can share one Redis. */
  readonly redisPrefix: string;
  /** The full-page cache in front of the reader pages (see src/cache/); `maxBytes` 0 turns it off. */
  readonly pageCache: {
    readonly maxBytes: number;
    /** How long a stored page counts as fresh without a purge. */
    readonly ttlMs: number;
    /** How long a purged or expired page may still be served while one request regenerates it (or its database is down). */
    readonly graceMs: number;
  };
  /** Memory for what reader pages are built from (stories, related cards, bodies; cache/reader-cache.ts); 0 turns it off. */
  readonly readerCacheBytes: number;
  /** A CDN or Varnish in front that the cache purges by surrogate key (set by the operator only). */
  readonly purgeHook:
    | {
        readonly url: string;
        readonly method: 'POST' | 'PURGE';
        readonly header: readonly [string, string] | undefined;
      }
    | undefined;
  readonly demo: boolean;
  /** Languages the site publishes in; the first is the default and lives at `/`, the others at `/<code>/`. */
  readonly languages: readonly string[];
  readonly defaultLanguage: string;
  /** The newsroom's time zone, for dates shown to readers (IANA name, e.g. Europe/Kyiv). */
  readonly timeZone: string;
  readonly logLevel: string;
  readonly trustProxy: boolean;
  /** The site's account on X/Twitter (`@newsdesk`), named in every page's Twitter card; optional. */
  readonly twitterSite: string | undefined;
  /**
   * Which web pages (other sites' scripts) may read the content API: `*` for any (the default: the API
   * is read-only, public and takes no credentials, so it gives a browser nothing `curl` would not),
   * a list of origins, or none (`API_CORS_ORIGINS=none`).
   */
  readonly apiCorsOrigins: '*' | readonly string[];
  /** Reader comments: when stories close, how long client addresses are kept, what is held for moderation. */
  readonly comments: {
    /** Days after publication when a story stops taking comments; 0 keeps them open until an editor closes them. */
    readonly closeAfterDays: number;
    readonly ipRetentionDays: number;
    /** A comment with more links than this waits for an editor. */
    readonly maxLinks: number;
    /** Lowercased words and phrases that hold a comment for moderation. */
    readonly blockedWords: readonly string[];
  };
  /** Test-only: lets the SSRF-safe fetcher reach loopback addresses, where tests run their servers. */
  readonly fetchAllowLoopback: boolean;
  /** Test-only: a small JSON route that saves articles through the article service (scripts/crash-test.mjs). */
  readonly testRoutes: boolean;
}

const booleanFlag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'], { message: 'must be 1 or 0' })
  .transform((value) => ['1', 'true', 'yes'].includes(value));

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  SITE_URL: z.url({ message: 'must be an absolute http(s) URL such as https://news.example.com' }).optional(),
  SITE_NAME: z.string().min(1).max(100).default('Newsdesk'),
  SITE_DESCRIPTION: z.string().max(300).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  MEDIA_DIR: z.string().min(1).optional(),
  MEDIA_MAX_UPLOAD_MB: z.coerce.number().min(1).max(500).default(20),
  MEDIA_MAX_MEGAPIXELS: z.coerce.number().min(1).max(1000).default(50),
  MEDIA_STORAGE: z.enum(['local', 's3']).default('local'),
  S3_ENDPOINT: z
    .string()
    .regex(/^https?:\/\/[^/?#]+\/?$/, {
      message: 'must be the store’s address, such as https://s3.eu-central-1.amazonaws.com',
    })
    .optional(),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
      message: 'must be a bucket name (3–63 lower-case letters, digits, dots and hyphens)',
    })
    .optional(),
  S3_REGION: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, { message: 'must be a region such as eu-central-1' })
    .default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_PREFIX: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._/-]{0,100}$/, {
      message: 'must be a key prefix of letters, digits and . _ / -',
    })
    .optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, {
      message: 'must start with postgres:// (leave it unset for the built-in SQLite database)',
    })
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, { message: 'must start with redis:// or rediss://' })
    .optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,64}$/, { message: 'must be letters, digits and : _ . - (at most 64)' })
    .default('newsdesk:'),
  SQLITE_CACHE_MB: z.coerce.number().min(1).max(65536).default(8),
  PAGE_CACHE_MB: z.coerce.number().min(0).max(65536).default(64),
  READER_CACHE_MB: z.coerce.number().min(0).max(65536).default(32),
  PAGE_CACHE_TTL: z.coerce
    .number()
    .int()
    .min(1)
    .max(86_400 * 30)
    .default(300),
  PAGE_CACHE_GRACE: z.coerce
    .number()
    .int()
    .min(0)
    .max(86_400 * 30)
    .default(86_400),
  PURGE_HOOK_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as http://127.0.0.1:6081/' })
    .refine((value) => !new URL(value).username && !new URL(value).password, {
      message: 'must not carry a user name or password (put credentials in PURGE_HOOK_HEADER)',
    })
    .optional(),
  PURGE_HOOK_METHOD: z.enum(['POST', 'PURGE'], { message: 'must be POST or PURGE' }).default('POST'),
  PURGE_HOOK_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}: ?[\x21-\x7e][\x20-\x7e]{0,1023}$/, {
      message: 'must be one header line such as "Fastly-Key: abc123"',
    })
    .optional(),
  NEWSDESK_DEMO: booleanFlag.default(true),
  LANGUAGES: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Z]{2})?(,[a-z]{2,3}(-[A-Z]{2})?)*$/, {
      message: 'must be a comma-separated list of language codes such as en,uk',
    })
    .default('en,uk'),
  TIME_ZONE: z
    .string()
    .refine(isTimeZone, { message: 'must be an IANA time zone such as UTC or Europe/Kyiv' })
    .default('UTC'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: booleanFlag.default(false),
  TWITTER_SITE: z
    .string()
    .regex(/^@?\w{1,15}$/, { message: 'must be an X/Twitter handle such as @newsdesk' })
    .optional(),
  NEWSDESK_FETCH_ALLOW_LOOPBACK: booleanFlag.default(false),
  API_CORS_ORIGINS: z
    .string()
    .refine((value) => value === '*' || value === 'none' || value.split(',').every(isOrigin), {
      message: 'must be *, none, or a comma-separated list of origins such as https://app.example.com',
    })
    .default('*'),
  COMMENTS_CLOSE_AFTER_DAYS: z.coerce
    .number({ message: 'must be a whole number of days (0 keeps comments open)' })
    .int({ message: 'must be a whole number of days (0 keeps comments open)' })
    .min(0, { message: 'must be 0 or more days' })
    .max(36_500)
    .default(0),
  COMMENTS_IP_RETENTION_DAYS: z.coerce
    .number({ message: 'must be a whole number of days' })
    .int({ message: 'must be a whole number of days' })
    .min(1, { message: 'must be at least 1 day' })
    .max(3650)
    .default(30),
  COMMENTS_MAX_LINKS: z.coerce.number().int().min(0).max(100).default(2),
  COMMENTS_BLOCKED_WORDS: z.string().max(20_000).default(''),
  NEWSDESK_TEST_ROUTES: booleanFlag.default(false),
});

export class ConfigError extends Error {}

/** Builds the configuration from an environment (process.env by default) or throws a ConfigError. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`Newsdesk cannot start: ${problems.join('; ')}.`);
  }
  const e = parsed.data;
  if (e.NEWSDESK_FETCH_ALLOW_LOOPBACK && e.NODE_ENV !== 'test') {
    throw new ConfigError(
      'Newsdesk cannot start: NEWSDESK_FETCH_ALLOW_LOOPBACK is for tests only (it needs NODE_ENV=test); it would let imports reach this machine.',
    );
  }
  if (e.NEWSDESK_TEST_ROUTES && e.NODE_ENV !== 'test') {
    throw new ConfigError(
      'Newsdesk cannot start: NEWSDESK_TEST_ROUTES is for tests only (it needs NODE_ENV=test); it opens an unauthenticated write route.',
    );
  }
  if (e.MEDIA_STORAGE === 's3') {
    const missing = (
      ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const
    ).filter((name) => !e[name]);
    if (missing.length)
      throw new ConfigError(`Newsdesk cannot start: MEDIA_STORAGE=s3 needs ${missing.join(', ')}.`);
  }
  const dataDir = path.resolve(e.DATA_DIR);
  const languages = [...new Set(e.LANGUAGES.split(','))];
  const siteUrl = (e.SITE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const defaultLanguage = languages[0] ?? 'en';
  const siteDescriptions: Record<string, string> = {};
  if (e.SITE_DESCRIPTION) siteDescriptions[defaultLanguage] = e.SITE_DESCRIPTION;
  for (const code of languages) {
    const name = `SITE_DESCRIPTION_${code.replace('-', '_').toUpperCase()}`;
    const value = env[name]?.trim();
    if (!value) continue;
    if (value.length > 300)
      throw new ConfigError(`Newsdesk cannot start: ${name} must be at most 300 characters.`);
    siteDescriptions[code] = value;
  }
  return Object.freeze({
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    siteUrl,
    siteName: e.SITE_NAME,
    siteDescription:
      siteDescriptions[defaultLanguage] ??
      'Independent news, analysis and translations from around the world.',
    siteDescriptions: Object.freeze(siteDescriptions),
    dataDir,
    media: Object.freeze({
      dir: e.MEDIA_DIR ? path.resolve(e.MEDIA_DIR) : path.join(dataDir, 'media'),
      maxUploadBytes: Math.round(e.MEDIA_MAX_UPLOAD_MB * 1024 * 1024),
      maxPixels: Math.round(e.MEDIA_MAX_MEGAPIXELS * 1_000_000),
      s3:
        e.MEDIA_STORAGE === 's3'
          ? Object.freeze({
              endpoint: e.S3_ENDPOINT!,
              bucket: e.S3_BUCKET!,
              region: e.S3_REGION,
              accessKeyId: e.S3_ACCESS_KEY_ID!,
              secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
              prefix: e.S3_PREFIX,
            })
          : undefined,
    }),
    database: e.DATABASE_URL
      ? Object.freeze({ dialect: 'postgres' as const, url: e.DATABASE_URL })
      : Object.freeze({
          dialect: 'sqlite' as const,
          file: path.join(dataDir, 'newsdesk.db'),
          cacheMb: e.SQLITE_CACHE_MB,
        }),
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    pageCache: Object.freeze({
      maxBytes: Math.round(e.PAGE_CACHE_MB * 1024 * 1024),
      ttlMs: e.PAGE_CACHE_TTL * 1000,
      graceMs: e.PAGE_CACHE_GRACE * 1000,
    }),
    readerCacheBytes: Math.round(e.READER_CACHE_MB * 1024 * 1024),
    purgeHook: e.PURGE_HOOK_URL
      ? Object.freeze({
          url: e.PURGE_HOOK_URL,
          method: e.PURGE_HOOK_METHOD,
          header: e.PURGE_HOOK_HEADER ? splitHeader(e.PURGE_HOOK_HEADER) : undefined,
        })
      : undefined,
    demo: e.NEWSDESK_DEMO,
    languages: Object.freeze(languages),
    defaultLanguage,
    timeZone: e.TIME_ZONE,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    twitterSite: e.TWITTER_SITE ? `@${e.TWITTER_SITE.replace(/^@/, '')}` : undefined,
    fetchAllowLoopback: e.NEWSDESK_FETCH_ALLOW_LOOPBACK,
    apiCorsOrigins:
      e.API_CORS_ORIGINS === '*'
        ? '*'
        : Object.freeze(
            e.API_CORS_ORIGINS === 'none' ? [] : e.API_CORS_ORIGINS.split(',').map((o) => o.trim()),
          ),
    comments: Object.freeze({
      closeAfterDays: e.COMMENTS_CLOSE_AFTER_DAYS,
      ipRetentionDays: e.COMMENTS_IP_RETENTION_DAYS,
      maxLinks: e.COMMENTS_MAX_LINKS,
      blockedWords: Object.freeze(
        e.COMMENTS_BLOCKED_WORDS.split(',')
          .map((word) => word.trim().toLowerCase())
          .filter(Boolean),
      ),
    }),
    testRoutes: e.NEWSDESK_TEST_ROUTES,
  });
}

function splitHeader(line: string): readonly [string, string] {
  const colon = line.indexOf(':');
  return Object.freeze([line.slice(0, colon).trim(), line.slice(colon + 1).trim()] as const);
}

/** An origin as browsers send it: scheme, host and optional port, nothing else. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return /^https?:$/.test(url.protocol) && url.origin === value.trim();
  } catch {
    return false;
  }
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
