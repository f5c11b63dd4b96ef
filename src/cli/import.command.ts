import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { App } from '../app.ts';
import type { ImportPreview, ImportReport, ImportSource } from '../ingest/ingest.service.ts';
import type { ExtractedArticle } from '../ingest/types.ts';
import { blocksToPlainText } from '../richtext/index.ts';
import { isAppError } from '../shared/errors.ts';
import { createProgress } from './progress.ts';

export const IMPORT_USAGE = `Usage: newsdesk import <path|URL> [options]
  Imports an article page (URL or HTML file), scraped text, an RSS/Atom feed or a WordPress export (WXR).
  Each story becomes a draft with its provenance; items imported before are skipped.

  --dry-run           read and show what would be imported; save nothing
  --json              with --dry-run: print the result as JSON
  --section <slug>    file the drafts in this section
  --keep-status       WordPress exports: keep published/scheduled posts as they were (default: all drafts)
  --follow            feeds: follow the feed and poll it on a schedule from now on
  --every <minutes>   with --follow: how often to poll (default 30)
  --summary-only      feeds: keep summaries; do not fetch the linked pages for the whole story

       newsdesk feeds list | poll | unfollow <id>`;

/** The JSON shape `--dry-run --json` prints for one story (see issue 6). */
export function dryRunJson(article: ExtractedArticle) {
  return {
    title: article.title,
    authors: article.authors,
    publishedAt: article.publishedAt,
    language: article.language,
    leadImage: article.leadImage
      ? {
          url: article.leadImage.url,
          alt: article.leadImage.alt,
          caption: article.leadImage.caption,
          credit: article.leadImage.credit,
        }
      : null,
    source: {
      outlet: article.source.outlet,
      url: article.source.url,
      originalTitle: article.source.originalTitle,
      originalAuthor: article.source.originalAuthor,
    },
    body: article.body,
    text: blocksToPlainText(article.body.filter((block) => block.type !== 'image')),
  };
}

/** `newsdesk import`: one clear sentence and a non-zero exit for bad input, a progress bar for many items. */
export async function importCommand(args: string[], openApp: () => Promise<App>): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
        section: { type: 'string' },
        'keep-status': { type: 'boolean' },
        follow: { type: 'boolean' },
        every: { type: 'string' },
        'summary-only': { type: 'boolean' },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${IMPORT_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const target = positionals[0];
  if (!target || positionals.length > 1) {
    console.error(`Name one file or address to import.\n\n${IMPORT_USAGE}`);
    return 2;
  }
  if (values.json && !values['dry-run']) {
    console.error('--json prints what would be imported, so it goes with --dry-run.');
    return 2;
  }
  const source = await readSource(target);
  if ('error' in source) {
    console.error(source.error);
    return 1;
  }

  const app = await openApp();
  try {
    const sectionId = values.section ? await sectionIdFor(app, values.section) : null;
    if (sectionId === undefined) {
      console.error(`There is no section with the address “${values.section}”.`);
      return 1;
    }
    if (values['dry-run'])
      return printPreview(await app.services.ingest.preview(source), Boolean(values.json));
    if (values.follow) {
      if (!('url' in source)) {
        console.error('Only a feed at a web address can be followed; give its URL.');
        return 1;
      }
      const interval = values.every === undefined ? 30 : Number(values.every);
      const result = await app.services.followedFeeds.follow(source.url, {
        sectionId,
        intervalMinutes: interval,
      });
      console.log(`Following ${source.url}, polled every ${interval} minutes.`);
      if (result.report) printReport(result.report);
      return 0;
    }
    let progress: ReturnType<typeof createProgress> | undefined;
    const report = await app.services.ingest.run(source, {
      status: values['keep-status'] ? 'keep' : 'draft',
      sectionId,
      fetchFullText: !values['summary-only'],
      onProgress: (done, total) => {
        if (total < 2) return;
        progress ??= createProgress('Importing');
        progress.update(done, total);
      },
    });
    progress?.done();
    printReport(report);
    return report.failed.length > 0 && report.created.length === 0 ? 1 : 0;
  } catch (error) {
    if (isAppError(error)) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await app.close();
  }
}

/** `newsdesk feeds list|poll|unfollow`. */
export async function feedsCommand(args: string[], openApp: () => Promise<App>): Promise<number> {
  const [sub, id] = args;
  if (
    !sub ||
    !['list', 'poll', 'unfollow'].includes(sub) ||
    (sub === 'unfollow' && !/^\d+$/.test(id ?? ''))
  ) {
    console.error(IMPORT_USAGE);
    return 2;
  }
  const app = await openApp();
  try {
    const feeds = app.services.followedFeeds;
    if (sub === 'list') {
      const list = await feeds.list();
      if (list.length === 0) console.log('No feeds are followed.');
      for (const feed of list) {
        const status = feed.last_error ? `failing: ${feed.last_error}` : `next poll ${feed.next_poll_at}`;
        console.log(
          `${feed.id}\t${feed.title ?? feed.url}\t${feed.url}\tevery ${feed.interval_minutes} min\t${status}`,
        );
      }
    } else if (sub === 'poll') {
      const results = await feeds.pollDue();
      if (results.length === 0) console.log('No followed feed is due.');
      for (const result of results) {
        const what = result.report
          ? `${result.report.created.length} new drafts`
          : result.outcome === 'not-modified'
            ? 'not modified'
            : (result.error ?? result.outcome);
        console.log(`${result.url}: ${what}`);
      }
    } else if (!(await feeds.unfollow(Number(id)))) {
      console.error(`No feed has the number ${id}.`);
      return 1;
    } else {
      console.log(`Stopped following feed ${id}.`);
    }
    return 0;
  } finally {
    await app.close();
  }
}

async function readSource(target: string): Promise<ImportSource | { error: string }> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target) || /^(javascript|data|mailto):/i.test(target))
    return { url: target };
  try {
    return { content: await fs.readFile(target), name: target };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { error: `There is no file at ${target}.` };
    if (code === 'EISDIR') return { error: `${target} is a folder; name a file inside it.` };
    if (code === 'EACCES' || code === 'EPERM')
      return { error: `${target} cannot be read: permission denied.` };
    return { error: `${target} cannot be read (${code ?? 'unknown error'}).` };
  }
}

async function sectionIdFor(app: App, slug: string): Promise<number | undefined> {
  return (await app.services.taxonomy.findSectionBySlug(slug))?.id;
}

function printPreview(preview: ImportPreview, json: boolean): number {
  if (json) {
    const items = preview.items.map((item) => dryRunJson(item.article));
    const single = preview.source.kind === 'html' || preview.source.kind === 'text';
    const output = single && items[0] ? items[0] : { source: preview.source, items };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    for (const item of preview.items) printDuplicates(item.article.title, item.duplicates, console.error);
    return 0;
  }
  console.log(`${kindName(preview.source.kind)}: ${preview.source.title ?? preview.source.url ?? ''}`);
  for (const item of preview.items) {
    const a = item.article;
    const state = item.importedAs ? ` (already imported as article ${item.importedAs})` : '';
    console.log(`\n• ${a.title}${state}`);
    if (a.authors.length) console.log(`  by ${a.authors.join(', ')}`);
    if (a.publishedAt) console.log(`  published ${a.publishedAt}`);
    if (a.source.outlet || a.source.url)
      console.log(`  source: ${[a.source.outlet, a.source.url].filter(Boolean).join(' — ')}`);
    if (a.leadImage)
      console.log(
        `  lead image: ${[a.leadImage.caption, a.leadImage.credit, a.leadImage.url].filter(Boolean).join(' · ')}`,
      );
    console.log(`  ${a.body.length} blocks, ${blocksToPlainText(a.body).split(/\s+/).length} words`);
    if (item.comments) console.log(`  ${item.comments} comments`);
    printDuplicates(a.title, item.duplicates, console.log);
  }
  console.log('\nDry run: nothing was saved.');
  return 0;
}

function printReport(report: ImportReport): void {
  const parts = [
    `${report.created.length} ${report.created.length === 1 ? 'article' : 'articles'} imported`,
    report.skipped.length ? `${report.skipped.length} skipped (imported before)` : '',
    report.failed.length ? `${report.failed.length} failed` : '',
  ].filter(Boolean);
  console.log(
    `${kindName(report.source.kind)}: ${report.source.title ?? report.source.url ?? ''} — ${parts.join(', ')}.`,
  );
  for (const item of report.created) {
    console.log(`  #${item.articleId} ${item.status}: ${item.title}`);
    printDuplicates(item.title, item.duplicates, console.log);
  }
  for (const item of report.failed) console.log(`  ✖ ${item.title}: ${item.reason}`);
  if (report.comments.found > 0) {
    console.log(
      `  ${report.comments.found} comments were found; ${report.comments.imported} were imported with their threads and statuses (pingbacks, trackbacks and empty ones are left out).`,
    );
  }
}

function printDuplicates(
  title: string,
  duplicates: ImportPreview['items'][number]['duplicates'],
  write: (line: string) => void,
): void {
  for (const d of duplicates) {
    write(
      `  ⚠ “${title}” may be the same story as article #${d.articleId} “${d.title}” (${d.status}, similarity ${d.score.toFixed(2)}).`,
    );
  }
}

function kindName(kind: string): string {
  return { html: 'Page', text: 'Text', feed: 'Feed', wxr: 'WordPress export' }[kind] ?? kind;
}
