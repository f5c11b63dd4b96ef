import fs from 'node:fs';
import path from 'node:path';
import { parseHtmlToBlocks, parseTextToBlocks } from '../../src/richtext/index.ts';
import type { TestBrowser } from '../helpers/browser.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { chunks, createInspector, type InspectionCounts } from './inspect.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/xss/xss-payload-list.txt');

/** The real time, moved on by `advance` (a comment form must not come back faster than a person writes). */
export function corpusClock() {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms: number) {
      offset += ms;
    },
  };
}

/** The 6,613 payloads of payloadbox/xss-payload-list (MIT, see test/fixtures/xss/LICENSE). */
export function loadPayloads(): string[] {
  return fs
    .readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

/** Every `step`-th payload: a spread over the whole list (it is grouped by technique). */
export function samplePayloads(all: string[], count: number): string[] {
  const step = Math.max(1, Math.floor(all.length / count));
  return all.filter((_, i) => i % step === 0).slice(0, count);
}

/** A published English story as the corpus makes them (status and language are set for it). */
type StoryInput = Omit<Parameters<TestApp['services']['articles']['create']>[0], 'status' | 'language'>;

export interface CorpusReport extends InspectionCounts {
  payloads: number;
  /** Comments stored (posted through the form, or imported), shown in pages of 50. */
  comments: number;
  /** Inputs the services refused (too long, no letters for a slug…): refused is safe, and counted. */
  refused: number;
  findings: string[];
}

/**
 * Sends payloads through every channel that shows outside text — article title, standfirst and body
 * (the HTML block parser and the text parser, through the article service), imports of HTML and of
 * text (the ingest service), author, tag and section names, search queries — then opens the real pages
 * in Chromium (offline but for the app) and collects anything that is not inert.
 */
export async function runCorpus(
  app: TestApp,
  base: string,
  chrome: TestBrowser,
  payloads: string[],
  log: (line: string) => void = () => {},
  clock?: { advance(ms: number): void },
): Promise<CorpusReport> {
  const report: CorpusReport = {
    payloads: payloads.length,
    pages: 0,
    parsed: 0,
    comments: 0,
    refused: 0,
    findings: [],
  };
  const { articles, taxonomy, ingest } = app.services;
  const parent = await taxonomy.createSection({ name: 'Hostile', slug: 'hostile' });
  const reporter = await taxonomy.createAuthor({ name: 'Reporter', slug: 'reporter' });
  const refuse = () => {
    report.refused++;
    return null;
  };
  const publish = (input: StoryInput) =>
    articles.create({ sectionId: parent.id, ...input, status: 'published', language: 'en' }).catch(refuse);
  const urls: string[] = [];
  let n = 0;

  // Titles and standfirsts: one story per payload (created 200 to a transaction), seen on the listing
  // pages (20 cards each) and on their own pages (title, meta tags, JSON-LD).
  for (const batch of chunks(payloads, 200)) {
    const inputs = batch.map((p) => ({
      language: 'en',
      status: 'published' as const,
      sectionId: parent.id,
      slug: `t-${n++}`,
      title: p.slice(0, 300),
      dek: p.slice(0, 600),
      body: [{ type: 'paragraph' as const, text: p.slice(0, 2000) }],
      authorIds: [reporter.id],
    }));
    const ids = await articles.createMany(inputs).catch(() => null);
    if (ids) for (const input of inputs) urls.push(`/hostile/${input.slug}`);
    else
      // One refused input refuses its batch: then one at a time, counting the refusals.
      for (const input of inputs) {
        const created = await publish(input);
        if (created) urls.push(`/hostile/${created.slug}`);
      }
  }
  const listingPages = Math.ceil(payloads.length / 20);
  const listing = Array.from({ length: listingPages }, (_, i) => `/hostile?page=${i + 1}`);
  log(`titles: ${payloads.length} stories`);

  // Bodies: 100 payloads a story, through the HTML parser and through the text parser.
  const bodies: string[] = [];
  for (const batch of chunks(payloads, 100)) {
    const html = batch.map((p) => `<p>${p}</p>\n${p}`).join('\n');
    for (const body of [parseHtmlToBlocks(html), parseTextToBlocks(batch.join('\n\n'))]) {
      const created = await publish({ slug: `b-${n++}`, title: `Body ${n}`, body, authorIds: [reporter.id] });
      if (created) bodies.push(`/hostile/${created.slug}`);
    }
  }
  log(`bodies: ${bodies.length} stories`);

  // Imports: an HTML page and a text file per 100 payloads, through the ingest service, then published.
  const imports: string[] = [];
  for (const batch of chunks(payloads, 100)) {
    const html = `<!doctype html><html><head><title>Imported ${n}</title></head><body><article><h1>Imported ${n}</h1>${batch
      .map((p) => `<p>Paragraph with enough words to count as text. ${p}</p>`)
      .join('\n')}</article></body></html>`;
    const text = `Imported text ${n}\n\n${batch.join('\n\n')}`;
    for (const source of [
      { content: html, name: `batch-${n}.html` },
      { content: text, name: `batch-${n}.txt` },
    ]) {
      n++;
      const result = await ingest.run(source, { sectionId: parent.id }).catch(refuse);
      for (const made of result?.created ?? []) {
        const article = (await articles.getById(made.articleId))!;
        const published = await articles
          .update(article.id, article.version, {
            language: article.language,
            title: article.title,
            dek: article.dek,
            slug: article.slug,
            body: article.body,
            status: 'published',
            sectionId: parent.id,
            authorIds: article.authors.map((a) => a.id),
            tags: article.tags.map((t) => t.name),
            publishedAt: article.publishedAt,
            translationGroupId: article.translationGroupId,
          })
          .catch(refuse);
        if (published) imports.push(`/hostile/${published.slug}`);
      }
      report.refused += result?.failed.length ?? 0;
    }
  }
  log(`imports: ${imports.length} stories`);

  // Names: 20 authors and 20 tags per story (its byline and tag list); section names come last (below).
  const names: string[] = [];
  for (const batch of chunks(payloads, 20)) {
    const authorIds: number[] = [];
    for (const p of batch) {
      const author = await taxonomy.createAuthor({ name: p.slice(0, 120), slug: `a-${n++}` }).catch(refuse);
      if (author) authorIds.push(author.id);
    }
    if (authorIds.length === 0) continue;
    const created = await publish({
      slug: `n-${n++}`,
      title: `Names ${n}`,
      body: [{ type: 'paragraph', text: 'Bylines and tags.' }],
      authorIds,
      tags: batch.map((p) => p.slice(0, 100)),
    });
    if (created) names.push(`/hostile/${created.slug}`);
    else {
      // Tags the service refused as a set: the byline still has to be seen.
      const plain = await publish({
        slug: `m-${n++}`,
        title: `Names ${n}`,
        body: [{ type: 'paragraph', text: 'x' }],
        authorIds,
      });
      if (plain) names.push(`/hostile/${plain.slug}`);
    }
  }
  log(`names: ${names.length} pages`);
  // One author page of a hostile name, one tag page (their listing headers).
  const someAuthor = await app.database.db
    .selectFrom('authors')
    .select('slug')
    .where('slug', 'like', 'a-%')
    .executeTakeFirst();
  const someTag = await app.database.db.selectFrom('tags').select('slug').executeTakeFirst();
  if (someAuthor) names.push(`/author/${someAuthor.slug}`);
  if (someTag) names.push(`/tag/${someTag.slug}`);

  // Comments: the text, the commenter's name and website, posted through the story's own form (as a
  // reader would, with the site's Origin, each from its own address so the flood limits do not refuse
  // them), then approved so every reader sees them; and the same payloads as comments of a WordPress
  // import (HTML content, author, URL). 200 comments a story, shown 50 a page.
  const commentPages: string[] = [];
  for (const batch of chunks(payloads, 200)) {
    const story = await publish({
      slug: `c-${n++}`,
      title: `Comments ${n}`,
      body: [{ type: 'paragraph', text: 'Readers write.' }],
    });
    if (!story) continue;
    const path = `/hostile/${story.slug}`;
    if (clock) {
      const form = await app.http.inject({ url: path });
      const started = /name="started" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
      clock.advance(60_000); // people take time to write
      for (const p of batch) {
        const k = n++;
        const post = (website: string) =>
          app.http.inject({
            method: 'POST',
            url: `${path}/comments`,
            remoteAddress: `10.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}`,
            headers: {
              origin: app.config.siteUrl.replace(/\/$/, ''),
              'content-type': 'application/x-www-form-urlencoded',
            },
            payload: new URLSearchParams({
              body: p,
              name: p.slice(0, 80),
              email: `c${k}@example.com`,
              website,
              parentId: '',
              phone: '',
              started,
            }).toString(),
          });
        let res = await post(`https://w.example/${p}`);
        if (res.statusCode === 422) res = await post('');
        if (res.statusCode === 303) report.comments++;
        else report.refused++;
        if (res.statusCode >= 500) report.findings.push(`POST ${path}/comments: status ${res.statusCode}`);
      }
    }
    const imported = await app.services.comments
      .importComments(
        story.id,
        batch.map((p, i) => ({
          id: i + 1,
          parentId: i % 4 === 3 ? i : null,
          author: p.slice(0, 80),
          email: `i${i}@example.com`,
          url: i % 2 ? p : `https://w.example/${p}`,
          ip: null,
          date: null,
          content: p,
          status: 'approved',
          type: 'comment',
        })),
      )
      .catch(refuse);
    report.comments += imported ?? 0;
    // A comment whose HTML holds no text at all is not stored: refused, and safe.
    if (imported !== null) report.refused += batch.length - imported;
    const pending = await app.database.db
      .selectFrom('comments')
      .select('id')
      .where('article_id', '=', story.id)
      .where('status', '!=', 'approved')
      .execute();
    if (pending.length > 0)
      await app.services.comments.moderate(
        pending.map((r) => r.id),
        'approve',
      );
    const total = await app.database.db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('article_id', '=', story.id)
      .executeTakeFirstOrThrow();
    for (let i = 1; i <= Math.ceil(Number(total.n) / 50); i++)
      commentPages.push(i === 1 ? path : `${path}?comments=${i}`);
  }
  log(`comments: ${report.comments} stored, ${commentPages.length} pages`);

  // Search results: highlighted titles and excerpts of the hostile stories.
  const results = ['alert', 'script', 'onerror', 'svg', 'javascript', 'iframe', 'prompt'].map(
    (q) => `/search?q=${q}`,
  );
  // Search queries: the query is shown back in the box and the heading.
  const searches = payloads.map(
    (p) => `/search?q=${encodeURIComponent(p.slice(0, 200).replace(/[\uD800-\uDFFF]/g, ''))}`,
  );

  await app.services.purger.idle();
  const inspector = await createInspector(chrome, base, report);
  // Opened live: every listing, body, import, name and comment page, and one in 20 of the rest.
  await inspector.live([
    ...listing,
    ...urls.filter((_, i) => i % 20 === 0),
    ...bodies,
    ...imports,
    ...names,
    ...commentPages,
    ...searches.filter((_, i) => i % 20 === 0),
  ]);
  log(`opened ${report.pages} pages live`);
  // Parsed in batches: every story page (titles in meta tags and JSON-LD) and every search query.
  await inspector.parsed([...urls, ...searches], log);
  log(`parsed ${report.parsed} pages`);

  // Section names last: every search page lists every section in its filter, so made earlier they
  // would fill each of the thousands of query pages above with the same thousands of names (the
  // full run spent most of its time there). Here each name is seen on its parent's page (50
  // subsections under a holder, the holders under one top-level section so the navigation stays
  // short) and on the search results pages, which list them all.
  const holders = await sectionNames(app, payloads, refuse, publish);
  await app.services.purger.idle();
  await inspector.live([...holders, ...results]);
  await inspector.close();
  log(`sections: ${holders.length} pages; ${report.pages} pages opened live in all`);
  return report;
}

/** Each payload as a section's name, 50 under a holder section whose page lists them; the holders' addresses. */
async function sectionNames(
  app: TestApp,
  payloads: string[],
  refuse: () => null,
  publish: (input: StoryInput) => Promise<unknown>,
): Promise<string[]> {
  const { taxonomy } = app.services;
  const top = await taxonomy.createSection({ name: 'Names', slug: 'names' });
  const pages: string[] = [];
  for (const [i, batch] of chunks(payloads, 50).entries()) {
    const holder = await taxonomy.createSection({
      name: `Holder ${i}`,
      slug: `holder-${i}`,
      parentId: top.id,
    });
    for (const [j, p] of batch.entries())
      await taxonomy
        .createSection({ name: p.slice(0, 80), slug: `s-${i}-${j}`, parentId: holder.id })
        .catch(refuse);
    // The holder page lists its subsections by name; it needs a story to be a page worth showing.
    await publish({
      slug: `h-${i}`,
      title: 'Holder',
      body: [{ type: 'paragraph', text: 'x' }],
      sectionId: holder.id,
    });
    pages.push(`/${holder.slug}`);
  }
  return pages;
}
