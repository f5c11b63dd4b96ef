import { z } from 'zod';

/**
 * First path segments the site itself answers to. A section slug is the first segment of its pages
 * (`/world`, `/world/<article>`), so no section may take one of these.
 */
export const RESERVED_SLUGS = new Set([
  'admin',
  'api',
  'assets',
  'media',
  'author',
  'authors',
  'tag',
  'tags',
  'search',
  'feed',
  'feeds',
  'feed.xml',
  'feed.atom',
  'feed.json',
  'sitemap.xml',
  'news-sitemap.xml',
  'robots.txt',
  'healthz',
  'login',
  'logout',
  'page',
  'section',
  'sections',
  'comments',
  'static',
  'favicon.ico',
  'sitemaps',
  'preview',
  'docs',
  'openapi.json',
]);

/** What a section, an author or a tag may be given when created or edited (validated by zod). */
const POSITION_MESSAGE = 'The position must be a whole number from 0 to 10000.';

export const sectionInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, { message: 'Please give the section a name.' })
    .max(80, { message: 'A section name can be at most 80 characters.' }),
  slug: z.string().trim().toLowerCase().optional(),
  description: z
    .string()
    .trim()
    .max(500, { message: 'A section description can be at most 500 characters.' })
    .nullish(),
  parentId: z.number().int().positive().nullish(),
  position: z
    .number({ message: POSITION_MESSAGE })
    .int({ message: POSITION_MESSAGE })
    .min(0, { message: POSITION_MESSAGE })
    .max(10_000, { message: POSITION_MESSAGE })
    .optional(),
});

export const authorInput = z.object({
  name: z.string().trim().min(1, { message: 'Please give the author a name.' }).max(120),
  slug: z.string().trim().toLowerCase().optional(),
  bio: z.string().trim().max(2000, { message: 'A bio can be at most 2,000 characters.' }).nullish(),
  avatarUrl: z.string().trim().max(2048).nullish(),
  jobTitle: z.string().trim().max(120, { message: 'A job title can be at most 120 characters.' }).nullish(),
  websiteUrl: z
    .string()
    .trim()
    .max(2048, { message: 'That web address is too long.' })
    .refine((v) => v === '' || /^https?:\/\/[^\s]+\.[^\s]+$/i.test(v), {
      message: 'A website must be a full address starting with https://.',
    })
    .nullish(),
});

export const tagInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, { message: 'Please give the tag a name.' })
    .max(60, { message: 'A tag name can be at most 60 characters.' }),
  slug: z.string().trim().toLowerCase().optional(),
});
