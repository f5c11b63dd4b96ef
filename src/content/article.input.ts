import { z } from 'zod';
import { isSafeUrl } from '../richtext/index.ts';
import { isSlug } from '../shared/slug.ts';
import { ARTICLE_STATUSES } from './types.ts';

const trimmed = (max: number, label: string) =>
  z
    .string({ message: `${label} must be text.` })
    .max(max, { message: `${label} can be at most ${max} characters.` })
    .transform((v) => v.replace(/\s+/g, ' ').trim());
const optionalTrimmed = (max: number, label: string) =>
  trimmed(max, label)
    .nullish()
    .transform((v) => (v ? v : null));
const url = (label: string) =>
  z
    .string()
    .max(2048, { message: `${label} is too long.` })
    .trim()
    .refine((v) => v === '' || isSafeUrl(v, { allowMailto: false }), {
      message: `${label} must be an http(s) address or a path on this site.`,
    })
    .nullish()
    .transform((v) => (v ? v : null));
const isoDate = (label: string) =>
  z
    .string()
    .refine((v) => v === '' || !Number.isNaN(Date.parse(v)), {
      message: `${label} is not a valid date and time.`,
    })
    .nullish()
    .transform((v) => (v ? new Date(v).toISOString() : null));
const language = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, { message: 'Language must be a code such as en or uk.' });

export const provenanceInput = z.object({
  outlet: optionalTrimmed(200, 'Outlet'),
  outletUrl: url('Outlet address'),
  originalUrl: url('Original address'),
  originalTitle: optionalTrimmed(500, 'Original headline'),
  originalAuthor: optionalTrimmed(200, 'Original author'),
  originalLanguage: language.nullish().transform((v) => v ?? null),
  originalPublishedAt: isoDate('Original publication date'),
  basedOn: optionalTrimmed(200, '“Based on”'),
  basedOnUrl: url('“Based on” address'),
  translator: optionalTrimmed(200, 'Translator'),
  retrievedAt: isoDate('Retrieval time'),
  contentHash: optionalTrimmed(128, 'Content hash'),
});

export const leadImageInput = z.object({
  mediaId: z
    .number()
    .int()
    .positive()
    .nullish()
    .transform((v) => v ?? null),
  url: z
    .string()
    .trim()
    .refine((v) => isSafeUrl(v, { allowMailto: false }), {
      message: 'The lead image needs an http(s) address or a path on this site.',
    }),
  alt: trimmed(500, 'Alt text'),
  caption: optionalTrimmed(500, 'Caption'),
  credit: optionalTrimmed(200, 'Credit'),
  width: z
    .number()
    .int()
    .positive()
    .max(20_000)
    .nullish()
    .transform((v) => v ?? null),
  height: z
    .number()
    .int()
    .positive()
    .max(20_000)
    .nullish()
    .transform((v) => v ?? null),
});

/** What an editor, the importer or the demo loader submits to create or change an article. */
export const articleInput = z.object({
  language,
  title: trimmed(300, 'The headline').refine((v) => v.length > 0, {
    message: 'Please give the article a headline.',
  }),
  dek: optionalTrimmed(600, 'The standfirst'),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => v === '' || isSlug(v), {
      message: 'The address may use only lowercase letters, digits and single hyphens.',
    })
    .nullish()
    .transform((v) => (v ? v : null)),
  body: z.unknown(),
  status: z.enum(ARTICLE_STATUSES, { message: 'That is not a known article status.' }),
  sectionId: z
    .number()
    .int()
    .positive()
    .nullish()
    .transform((v) => v ?? null),
  authorIds: z
    .array(z.number().int().positive())
    .max(20, { message: 'An article can have at most 20 authors.' })
    .default([]),
  tags: z
    .array(trimmed(60, 'A tag'))
    .max(30, { message: 'An article can have at most 30 tags.' })
    .default([]),
  leadImage: leadImageInput.nullish().transform((v) => v ?? null),
  source: provenanceInput.nullish().transform((v) => v ?? null),
  seoTitle: optionalTrimmed(300, 'The SEO title'),
  seoDescription: optionalTrimmed(500, 'The SEO description'),
  publishedAt: isoDate('The publication time'),
  revisedAt: isoDate('The update time'),
  scheduledAt: isoDate('The scheduled time'),
  translationOfId: z
    .number()
    .int()
    .positive()
    .nullish()
    .transform((v) => v ?? null),
  translationGroupId: z
    .number()
    .int()
    .positive()
    .nullish()
    .transform((v) => v ?? null),
});

export type ArticleInput = z.input<typeof articleInput>;
export type ValidArticleInput = z.output<typeof articleInput>;
