/**
 * `npm run soak` (SOAK_MINUTES=10, SOAK_STORIES=300, SOAK_PORT=4300)
 *
 * A long day in a few minutes: the real server (started as `npm start` starts it, NODE_ENV=production,
 * on SQLite, with the page cache on) under a realistic mix for SOAK_MINUTES:
 *
 * - readers (6 at a time): home, section and story pages of every story, each view counted by the
 *   beacon as a browser's would be, now and then a feed or a page of the content API;
 * - searchers (1): words taken from the stories' titles, sometimes misspelt, with and without filters;
 * - commenters (1): open a story, take a while to write (4–8 s, as the form's "too fast" check expects),
 *   post the form with the site's Origin; each commenter has its own address (X-Forwarded-For behind a
 *   trusted proxy, as behind nginx) and email, so the per-address limit (5 a minute) is what a person
 *   would meet, not what one machine sending for everyone would;
 * - an editor (1), signed in with a real session: opens a story in the editor, changes its standfirst
 *   and saves it through the editor's own form with its CSRF token, every few seconds.
 *
 * **Counting.** Every response is counted by status. An *error* is any network failure or any status
 * other than 2xx/3xx, except 429 (a rate limit doing its job; counted and printed apart, and it should
 * stay near zero with this pacing). A 304 is a success. A comment may be held for moderation (still a
 * 303): that is the site working.
 *
 * **Memory.** RSS of the server process (Linux /proc), read after a full garbage collection, at the
 * start and at the end of the measured run, with the mix going on. Two things make a naive reading
 * lie, and both get worse when the machine is loaded:
 *
 * - *Bounded caches still filling.* The page cache keeps pages up to PAGE_CACHE_MB (64 MB by default;
 *   every search query is a page of its own). A fixed number of warm-up searches left it about half
 *   full, and the mix went on filling it (about 1.6 MB a minute) through the measured run: growth that
 *   stops at the bound is not a leak. So the warm-up is counted in work, not seconds: after every page
 *   once and at least SOAK_WARMUP_SEARCHES (1,500) distinct search pages, it goes on until the page
 *   cache evicts — the oldest warm-up search page, never asked for again, is gone from it (its
 *   `X-Cache` header) — then runs the mix for SOAK_WARMUP_SECONDS (120).
 * - *When the collector last ran.* Between major collections the heap holds garbage: on a loaded
 *   machine the server's heap swung between 62 and 188 MiB and RSS between 270 and 350 MiB within a
 *   few minutes, so whether a one-minute median landed before or after a collection decided ±25%.
 *   So the server runs with its inspector on a local port (SOAK_INSPECT_PORT, SOAK_PORT + 1), and each
 *   reading first asks it for a full collection (`HeapProfiler.collectGarbage`), waits 3 s and takes
 *   the median of three readings: what the process keeps, which is what a leak raises.
 *
 * It fails (exit 1) on any error, or when RSS at the end is more than 10% above the start
 * (SOAK_MEMORY_CHECK=0 skips that, the filling and the collections, for the short run in npm test,
 * too short to judge memory). RSS is also sampled every 5 s (the highest sample is printed), and
 * printed every 30 s.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/shared/logger.ts';
import { startNewsdesk } from '../test/helpers/app-process.ts';

const minutes = Number(process.env.SOAK_MINUTES ?? 10);
const stories = Number(process.env.SOAK_STORIES ?? 300);
const port = Number(process.env.SOAK_PORT ?? 4300);
const warmupMs = Number(process.env.SOAK_WARMUP_SECONDS ?? 120) * 1000;
const warmupSearches = Number(process.env.SOAK_WARMUP_SEARCHES ?? 1500);
const memoryCheck = process.env.SOAK_MEMORY_CHECK !== '0';
const inspectPort = Number(process.env.SOAK_INSPECT_PORT ?? port + 1);
const siteUrl = `http://127.0.0.1:${port}`;
const EDITOR = { email: 'soak-editor@newsroom.test', password: 'a long soak editor password' };

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-soak-'));
const env = {
  NODE_ENV: 'production',
  DATA_DIR: dataDir,
  SITE_URL: siteUrl,
  NEWSDESK_DEMO: '0',
  TRUST_PROXY: '1',
  // As in production: request lines, and the server's own memory line once a minute (read below).
  LOG_LEVEL: 'info',
};

/** The site: demo content topped to SOAK_STORIES stories, related stories chosen, and an editor. */
async function buildSite() {
  const config = loadConfig({ ...process.env, ...env, NEWSDESK_DEMO: '1', PORT: String(port) });
  const app = await createApp({ config, logger: createLogger('warn') });
  await app.loadDemoIfEmpty({ reutersCount: Math.max(0, stories - 1) });
  await app.services.auth.createUser({ ...EDITOR, name: 'Soak Editor', role: 'editor' });
  const articles = await app.database.db
    .selectFrom('articles')
    .leftJoin('sections', 'sections.id', 'articles.section_id')
    .select([
      'articles.id',
      'articles.slug',
      'articles.language',
      'articles.title',
      'sections.slug as section',
    ])
    .where('articles.status', '=', 'published')
    .execute();
  const sections = (await app.services.taxonomy.listSections()).map((s) => s.slug);
  await app.close();
  return { articles, sections };
}

// --- counting -------------------------------------------------------------------------------------

const statuses = new Map<string, number>();
const errors: string[] = [];
let limited = 0;
let requests = 0;

function count(kind: string, status: number | 'network', detail = '') {
  requests += 1;
  const key = `${kind} ${status}`;
  statuses.set(key, (statuses.get(key) ?? 0) + 1);
  if (status === 429) limited += 1;
  else if (status === 'network' || status >= 400) {
    if (errors.length < 20) errors.push(`${key} ${detail}`.slice(0, 300));
    errorCount += 1;
  }
}
let errorCount = 0;

type Jar = Map<string, string>;

async function request(
  kind: string,
  url: string,
  init: RequestInit & { jar?: Jar; ip?: string } = {},
): Promise<{ status: number; body: string; headers: Headers } | undefined> {
  const headers = new Headers(init.headers);
  headers.set('accept-encoding', 'gzip, br');
  if (init.ip) headers.set('x-forwarded-for', init.ip);
  if (init.jar && init.jar.size > 0)
    headers.set('cookie', [...init.jar].map(([k, v]) => `${k}=${v}`).join('; '));
  try {
    const res = await fetch(`${siteUrl}${url}`, { ...init, headers, redirect: 'manual' });
    const body = await res.text();
    if (init.jar)
      for (const cookie of res.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const eq = pair!.indexOf('=');
        init.jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
      }
    count(kind, res.status, `${url} ${res.status >= 400 ? whatWentWrong(body) : ''}`);
    return { status: res.status, body, headers: res.headers };
  } catch (error) {
    count(kind, 'network', `${url} ${(error as Error).message}`);
    return undefined;
  }
}

/** The sentences an error page or a refused form shows (for the error list). */
function whatWentWrong(body: string): string {
  if (!body.startsWith('<')) return body.slice(0, 200);
  const { document } = parseHTML(body);
  const said = [
    ...document.querySelectorAll('.field-error:not([hidden])'),
    ...document.querySelectorAll('[role="alert"], main h1'),
  ]
    .map((el) => el.textContent?.trim())
    .filter(Boolean);
  return [...new Set(said)].join(' | ').slice(0, 300);
}

const decodeEntities = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');

/** The fields a browser would send for the form whose action is `action` (submit button aside). */
function formFields(html: string, action: string): URLSearchParams {
  const { document } = parseHTML(html);
  const form = [...document.querySelectorAll('form')].find((f) => f.getAttribute('action') === action);
  if (!form) throw new Error(`no form posting to ${action}`);
  const fields = new URLSearchParams();
  for (const el of form.querySelectorAll('input, textarea, select')) {
    const name = el.getAttribute('name');
    if (!name || el.hasAttribute('disabled')) continue;
    const type = (el.getAttribute('type') ?? '').toLowerCase();
    if (type === 'submit' || type === 'button' || type === 'file') continue;
    if ((type === 'checkbox' || type === 'radio') && !el.hasAttribute('checked')) continue;
    // linkedom leaves character references in a textarea as they are; a browser decodes them.
    if (el.tagName === 'TEXTAREA') fields.append(name, decodeEntities(el.textContent ?? ''));
    else if (el.tagName === 'SELECT') {
      const option = el.querySelector('option[selected]') ?? el.querySelector('option');
      fields.append(name, option?.getAttribute('value') ?? option?.textContent ?? '');
    } else fields.append(name, el.getAttribute('value') ?? (type === 'checkbox' ? 'on' : ''));
  }
  return fields;
}

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// --- the mix --------------------------------------------------------------------------------------

type Story = Awaited<ReturnType<typeof buildSite>>['articles'][number];
const pathOf = (s: Story) =>
  `${s.language === 'en' ? '' : `/${s.language}`}/${s.section ?? 'article'}/${s.slug}`;
let readerIp = 0;

async function reader(site: Awaited<ReturnType<typeof buildSite>>, until: () => boolean) {
  const ip = `198.51.100.${(readerIp++ % 200) + 1}`;
  while (!until()) {
    const roll = Math.random();
    if (roll < 0.65) {
      const story = pick(site.articles);
      const page = await request('story', pathOf(story), { ip });
      if (page?.status === 200)
        await request('beacon', `/_view/${story.id}`, {
          method: 'POST',
          ip,
          headers: { origin: siteUrl, 'user-agent': 'Mozilla/5.0 (soak reader)' },
        });
    } else if (roll < 0.8) await request('home', pick(['/', '/uk/']), { ip });
    else if (roll < 0.93) await request('section', `/${pick(site.sections)}`, { ip });
    else if (roll < 0.97)
      await request('feed', pick(['/feed.xml', '/feed.json', '/world/feed.atom']), { ip });
    else await request('api', `/api/v1/articles?limit=20`, { ip });
    await sleep(20 + Math.random() * 60);
  }
}

function wordsOf(site: Awaited<ReturnType<typeof buildSite>>): string[] {
  const all = site.articles.flatMap((a) => a.title.toLowerCase().split(/[^\p{L}]+/u));
  return [...new Set(all.filter((w) => w.length > 3))];
}

async function searcher(site: Awaited<ReturnType<typeof buildSite>>, until: () => boolean) {
  const words = wordsOf(site);
  while (!until()) {
    let q = `${pick(words)}${Math.random() < 0.4 ? ` ${pick(words)}` : ''}`;
    if (Math.random() < 0.15) q = q.slice(0, -1) + 'x'; // a typo, for the correction path
    const filters = Math.random() < 0.3 ? `&section=${pick(site.sections)}` : '';
    await request('search', `/search?q=${encodeURIComponent(q)}${filters}`, {
      ip: `203.0.113.${Math.floor(Math.random() * 200) + 1}`,
    });
    await sleep(300 + Math.random() * 700);
  }
}

let commenterNo = 0;
async function commenter(site: Awaited<ReturnType<typeof buildSite>>, until: () => boolean) {
  while (!until()) {
    const n = ++commenterNo;
    const ip = `192.0.2.${(n % 250) + 1}`;
    const story = pick(site.articles.filter((a) => a.language === 'en'));
    const url = pathOf(story);
    const page = await request('comment-page', url, { ip });
    if (page?.status !== 200) continue;
    const fields = formFields(page.body, `${url}/comments`);
    await sleep(4000 + Math.random() * 4000); // a person writing
    fields.set('body', `Comment ${n} from the soak: a reader's thoughts on “${story.title.slice(0, 60)}”.`);
    fields.set('name', `Reader ${n}`);
    fields.set('email', `reader-${n}@example.com`);
    fields.set('website', n % 3 === 0 ? `https://reader${n}.example` : '');
    await request('comment-post', `${url}/comments`, {
      method: 'POST',
      ip,
      headers: { origin: siteUrl, 'content-type': 'application/x-www-form-urlencoded' },
      body: fields.toString(),
    });
  }
}

async function editor(site: Awaited<ReturnType<typeof buildSite>>, until: () => boolean) {
  const jar: Jar = new Map();
  const ip = '10.0.0.5';
  const login = await request('editor-login-page', '/admin/login', { jar, ip });
  if (!login) return;
  const fields = formFields(login.body, '/admin/login');
  fields.set('email', EDITOR.email);
  fields.set('password', EDITOR.password);
  const signedIn = await request('editor-login', '/admin/login', {
    method: 'POST',
    jar,
    ip,
    headers: { origin: siteUrl, 'content-type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
  });
  if (signedIn?.status !== 303) throw new Error(`the editor could not sign in (${signedIn?.status})`);
  let saves = 0;
  while (!until()) {
    const story = pick(site.articles);
    const action = `/admin/articles/${story.id}`;
    const page = await request('editor-open', `${action}/edit`, { jar, ip });
    if (page?.status !== 200) continue;
    await sleep(1500 + Math.random() * 2000); // reading and typing
    const form = formFields(page.body, action);
    form.set('dek', `Updated during the soak (${++saves}): the latest on this story.`);
    form.set('action', 'save');
    const saved = await request('editor-save', action, {
      method: 'POST',
      jar,
      ip,
      headers: { origin: siteUrl, 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    if (saved?.status === 303)
      await request('editor-after-save', String(saved.headers.get('location')), { jar, ip });
    await sleep(1000 + Math.random() * 2000);
  }
}

// --- memory ---------------------------------------------------------------------------------------

/** A full garbage collection in the server, through its inspector (Chrome DevTools protocol). */
async function collectGarbage(): Promise<void> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as Array<{
    webSocketDebuggerUrl: string;
  }>;
  const socket = new WebSocket(targets[0]!.webSocketDebuggerUrl);
  try {
    await new Promise<void>((resolve, reject) => {
      socket.onopen = () => resolve();
      socket.onerror = () => reject(new Error(`no inspector at ${inspectPort}`));
    });
    await new Promise<void>((resolve, reject) => {
      socket.onmessage = (event) => {
        const reply = JSON.parse(String(event.data)) as { id?: number; error?: { message: string } };
        if (reply.id !== 1) return;
        if (reply.error) reject(new Error(reply.error.message));
        else resolve();
      };
      socket.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }));
    });
  } finally {
    socket.close();
  }
}

/** RSS after a full collection: the median of three readings a second apart, 3 s after it. */
async function settledRss(rssMb: () => number): Promise<number> {
  await collectGarbage();
  await sleep(3000);
  const readings: number[] = [];
  for (let i = 0; i < 3; i++) {
    readings.push(rssMb());
    await sleep(1000);
  }
  return readings.sort((a, b) => a - b)[1]!;
}

const warmUpSearch = (words: string[], i: number) =>
  `/search?q=${encodeURIComponent(`${words[i % words.length]} ${i}`)}`;

/**
 * Distinct search pages until the page cache is full: at least `minimum`, then 250 more at a time
 * until the oldest of them is no longer in the cache (least recently used leave first, and nothing
 * asks for a warm-up search page again, so its leaving means the cache reached its bound). Each probe
 * asks for the next oldest, since a probe itself makes its page recently used. Returns how many.
 */
async function fillPageCache(words: string[], minimum: number, untilFull: boolean): Promise<number> {
  let made = 0;
  for (; made < minimum; made++) await request('warm-up', warmUpSearch(words, made));
  for (let probe = 0; untilFull && probe < made; probe++) {
    const res = await request('warm-up', warmUpSearch(words, probe));
    const state = res?.headers.get('x-cache');
    if (state !== 'HIT' && state !== 'STALE') return made;
    for (let i = 0; i < 250; i++, made++) await request('warm-up', warmUpSearch(words, made));
  }
  return made;
}

// --- the run --------------------------------------------------------------------------------------

async function main() {
  console.log(`Soak: ${minutes} min, ${stories} stories, ${siteUrl} (data in ${dataDir})`);
  const site = await buildSite();
  console.log(`Site ready: ${site.articles.length} published stories, ${site.sections.length} sections.`);
  const logFile = path.join(dataDir, 'server.log');
  const server = await startNewsdesk(
    env,
    port,
    logFile,
    memoryCheck ? [`--inspect=127.0.0.1:${inspectPort}`] : [],
  );
  const rssAtBoot = server.rssMb();
  try {
    // Warm-up 1: every page once, so the page cache holds the site as it will all day.
    for (const story of site.articles) await request('warm-up', pathOf(story));
    for (const section of site.sections) await request('warm-up', `/${section}`);
    // The short run in npm test does not judge memory, so it does not wait for a full cache either.
    const searched = await fillPageCache(wordsOf(site), warmupSearches, memoryCheck);
    console.log(
      `Warm-up: every page once, ${searched} distinct search pages${memoryCheck ? ' (the page cache is full)' : ''}.`,
    );
    let stop = false;
    const workers = (until: () => boolean) => [
      ...Array.from({ length: 6 }, () => reader(site, until)),
      searcher(site, until),
      commenter(site, until),
      editor(site, until),
    ];
    // Warm-up 2: the same mix for SOAK_WARMUP_SECONDS, then the measured run.
    const warmEnd = Date.now() + warmupMs;
    await Promise.all(workers(() => Date.now() > warmEnd));
    const warmRequests = requests;
    const started = Date.now();
    const endAt = started + minutes * 60_000;
    const samples: Array<{ at: number; mb: number }> = [];
    const sample = () => samples.push({ at: Date.now() - started, mb: server.rssMb() });
    sample();
    const sampler = setInterval(sample, 5_000);
    const reporter = setInterval(() => {
      const at = Math.round((Date.now() - started) / 1000);
      process.stdout.write(
        `  ${at}s: ${requests - warmRequests} requests, ${errorCount} errors, ${limited} rate-limited, RSS ${server.rssMb().toFixed(1)} MiB\n`,
      );
    }, 30_000);
    // Both readings are taken with the mix going on: the end one 10 s before it stops.
    const running = Promise.all(workers(() => stop || Date.now() > endAt));
    const reading = () => (memoryCheck ? settledRss(() => server.rssMb()) : Promise.resolve(server.rssMb()));
    const rssStart = await reading();
    await sleep(Math.max(0, endAt - 10_000 - Date.now()));
    const rssEnd = await reading();
    await running;
    clearInterval(sampler);
    clearInterval(reporter);
    stop = true;
    sample();
    const rssMax = Math.max(...samples.map((x) => x.mb));
    const seconds = (Date.now() - started) / 1000;
    const growth = (rssEnd / rssStart - 1) * 100;
    console.log('\nResponses (warm-up included):');
    for (const [key, n] of [...statuses].sort()) console.log(`  ${key.padEnd(26)} ${n}`);
    console.log(
      `\nRequests in the measured ${minutes} min: ${requests - warmRequests} (${((requests - warmRequests) / seconds).toFixed(1)}/s)`,
    );
    console.log(`Errors (network, or any 4xx/5xx but 429): ${errorCount}`);
    for (const e of errors) console.log(`  ${e}`);
    console.log(`Rate-limited (429, not errors): ${limited}`);
    console.log(
      `RSS: ${rssAtBoot.toFixed(1)} MiB at boot; after a full collection ${rssStart.toFixed(1)} MiB at start, ` +
        `${rssEnd.toFixed(1)} MiB at end: ${growth >= 0 ? '+' : ''}${growth.toFixed(1)}%; ` +
        `highest sample ${rssMax.toFixed(1)} MiB (${samples.length} samples, every 5 s)`,
    );
    // The server's own minute-by-minute figures: heap (JavaScript objects) and Buffers (page cache).
    const memoryLines = fs
      .readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('"msg":"memory"'))
      .map((line) => JSON.parse(line) as { time: number; memory: Record<string, number> })
      .filter((entry) => entry.time >= started);
    if (memoryLines.length >= 2) {
      const show = (m: Record<string, number>) =>
        `heap ${m.heapUsed}/${m.heapTotal} MiB, Buffers ${m.arrayBuffers} MiB, RSS ${m.rss} MiB`;
      console.log(`Server's memory line, first minute: ${show(memoryLines[0]!.memory)}`);
      console.log(`Server's memory line, last minute:  ${show(memoryLines.at(-1)!.memory)}`);
    }
    const failed = errorCount > 0 || (memoryCheck && growth > 10);
    console.log(
      failed
        ? 'SOAK FAILED'
        : `Soak passed: no errors${memoryCheck ? ', memory within 10%' : ' (memory not judged: SOAK_MEMORY_CHECK=0)'}.`,
    );
    process.exitCode = failed ? 1 : 0;
  } finally {
    await server.stop();
    if (process.exitCode === 0) fs.rmSync(dataDir, { recursive: true, force: true });
    else console.log(`Server log kept: ${logFile}`);
  }
}

await main();
