import { z } from 'zod';
import { SLUG_PATTERN } from '../../shared/slug.ts';

/**
 * The shapes of the content API: parameters that routes validate against, and answers that the
 * OpenAPI document publishes and the tests hold real answers to. Kept together so a change to one
 * is a change to the promise.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A day (`2024-06-20`) or an instant (`2024-06-20T09:30:00Z`); checked to be a real date. */
export const dateParam = z
  .string()
  .refine(
    (value) =>
      (ISO_TIME.test(value) && !Number.isNaN(Date.parse(value))) ||
      (ISO_DATE.test(value) && new Date(`${value}T00:00:00.000Z`).toISOString().startsWith(value)),
    { message: 'must be a date such as 2024-06-20 or a time such as 2024-06-20T09:30:00Z' },
  );

export const slugParam = z
  .string()
  .regex(SLUG_PATTERN, {
    message: 'must be a slug: lower-case letters and digits joined by hyphens, such as world-news',
  })
  .max(200, { message: 'must be at most 200 characters' });

export const limitParam = z
  .string()
  .regex(/^\d{1,3}$/, { message: 'must be a whole number from 1 to 100' })
  .transform(Number)
  .refine((n) => n >= 1 && n <= 100, { message: 'must be a whole number from 1 to 100' });

export const cursorParam = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,200}$/, { message: 'is not a cursor this API gave out; start again without it' });

export function languageParam(languages: readonly string[]) {
  return z.enum(languages as [string, ...string[]], {
    message: `names a language not published here; use one of ${languages.join(', ')}`,
  });
}

const link = z.object({ name: z.string(), slug: z.string(), url: z.url() });
const feeds = z.object({ rss: z.url(), atom: z.url(), json: z.url() });

export const articleSummarySchema = z.object({
  id: z.number().int(),
  slug: z.string(),
  language: z.string(),
  url: z.url(),
  title: z.string(),
  dek: z.string().nullable(),
  excerpt: z.string(),
  authors: z.array(link),
  section: link.nullable(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  leadImage: z
    .object({
      url: z.url(),
      alt: z.string(),
      caption: z.string().nullable(),
      credit: z.string().nullable(),
      width: z.number().int().nullable(),
      height: z.number().int().nullable(),
    })
    .nullable(),
});

export const articleSchema = articleSummarySchema.extend({
  tags: z.array(link),
  provenance: z
    .object({
      outlet: z.string().nullable(),
      outletUrl: z.string().nullable(),
      originalUrl: z.string().nullable(),
      originalTitle: z.string().nullable(),
      originalAuthor: z.string().nullable(),
      originalLanguage: z.string().nullable(),
      originalPublishedAt: z.string().nullable(),
      basedOn: z.string().nullable(),
      basedOnUrl: z.string().nullable(),
      translator: z.string().nullable(),
    })
    .nullable(),
  /** The body as blocks (paragraph, heading, quote, list, image), each with plain text and marks. */
  body: z.array(z.looseObject({ type: z.string() })),
});

export const articleListSchema = z.object({
  data: z.array(articleSummarySchema),
  /** The next page's address, or null on the last page. */
  next: z.url().nullable(),
  nextCursor: z.string().nullable(),
});

export const sectionSchema = z.object({
  id: z.number().int(),
  slug: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  parent: z.string().nullable(),
  url: z.url(),
  feeds,
  articles: z.url(),
});

export const authorSchema = z.object({
  id: z.number().int(),
  slug: z.string(),
  name: z.string(),
  jobTitle: z.string().nullable(),
  bio: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  websiteUrl: z.string().nullable(),
  url: z.url(),
  feeds,
  articles: z.url(),
});

export const tagSchema = z.object({
  id: z.number().int(),
  slug: z.string(),
  name: z.string(),
  url: z.url(),
  feeds,
  articles: z.url(),
});

export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });

export const searchResultsSchema = z.object({
  query: z.string(),
  correctedFrom: z.string().nullable(),
  language: z.string(),
  total: z.number().int(),
  page: z.number().int(),
  pages: z.number().int(),
  pageSize: z.number().int(),
  results: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      titleHtml: z.string(),
      url: z.url(),
      section: z.object({ name: z.string(), url: z.url() }).nullable(),
      authors: z.array(z.object({ name: z.string(), url: z.url() })),
      publishedAt: z.string().nullable(),
      snippet: z.string(),
      snippetHtml: z.string(),
      score: z.number(),
    }),
  ),
});

/** Every 4xx and 5xx answer of the API. */
export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()),
  }),
});
