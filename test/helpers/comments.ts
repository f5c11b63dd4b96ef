import type { Article } from '../../src/content/types.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import type { TestApp } from './test-app.ts';

export const SITE_ORIGIN = 'http://newsdesk.test';

/** A clock the comment tests move on, so "sent too fast" and the closing date can be reached. */
export function commentClock() {
  return fixedClock('2026-03-02T12:00:00.000Z');
}

/** One published story in a World section. */
export async function publishedStory(
  app: TestApp,
  title = 'Talks resume in Geneva',
  publishedAt = '2026-03-01T08:00:00.000Z',
) {
  const world =
    (await app.services.taxonomy.listSections()).find((s) => s.slug === 'world') ??
    (await app.services.taxonomy.createSection({ name: 'World' }));
  return app.services.articles.create({
    language: 'en',
    title,
    body: [{ type: 'paragraph', text: `${title}. The first paragraph of the story.` }],
    status: 'published',
    sectionId: world.id,
    publishedAt,
  });
}

export const storyPath = (article: Pick<Article, 'slug' | 'section'>) =>
  `/${article.section?.slug ?? 'article'}/${article.slug}`;

/** The comment form's hidden time token, as the page shows it. */
export function formTokenOf(html: string): string {
  const token = /name="started" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no comment form on this page');
  return token;
}

export interface CommentFields {
  body?: string;
  name?: string;
  email?: string;
  website?: string;
  parentId?: string;
  phone?: string;
}

/**
 * Posts the comment form as a browser would: fetches the page for its time token, lets `waitMs` pass
 * on the clock (people take time to write), then POSTs with this site's Origin.
 */
export async function postComment(
  app: TestApp,
  clock: { advance(ms: number): void },
  path: string,
  fields: CommentFields,
  options: { cookie?: string; origin?: string | null; waitMs?: number; ip?: string } = {},
) {
  const page = await app.http.inject({
    url: path,
    headers: options.cookie ? { cookie: options.cookie } : {},
  });
  const started = formTokenOf(page.body);
  clock.advance(options.waitMs ?? 20_000);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (options.origin !== null) headers.origin = options.origin ?? SITE_ORIGIN;
  if (options.cookie) headers.cookie = options.cookie;
  return app.http.inject({
    method: 'POST',
    url: `${path}/comments`,
    headers,
    remoteAddress: options.ip ?? '203.0.113.7',
    payload: new URLSearchParams({
      body: 'A thoughtful comment.',
      name: 'Olena',
      email: 'olena@example.com',
      website: '',
      parentId: '',
      phone: '',
      started,
      ...fields,
    }).toString(),
  });
}

/** The `nd_commenter` cookie a response set, as a Cookie header value. */
export function commenterCookieOf(res: { cookies: unknown }): string | undefined {
  const cookie = (res.cookies as Array<{ name: string; value: string }>).find(
    (c) => c.name === 'nd_commenter',
  );
  return cookie ? `nd_commenter=${cookie.value}` : undefined;
}
