/**
 * A large newsroom for benchmarks: `generateArticles(db, { count })` adds published English stories
 * until the site holds `count` articles, spread over the existing sections, 60 authors, 800 tags and
 * ten years, with bodies stitched from Reuters-21578 paragraphs (or a built-in vocabulary when that dev
 * dependency is missing). Deterministic: the same count gives the same site.
 *
 * It writes rows in batches, not through the article service (100,000 stories one by one through
 * validation, events and the search listener would take the better part of an hour); callers rebuild
 * the search index afterwards (`services.search.reindexAll()`). Reusable by any benchmark:
 *
 *   const app = await createApp({ config });
 *   await app.loadDemoIfEmpty();
 *   await generateArticles(app.database.db, { count: 100_000 });
 *   await app.services.search.reindexAll();
 */
import type { Insertable } from 'kysely';
import { readReutersCorpus } from '../../src/content/demo/reuters.ts';
import type { ArticleTable } from '../../src/content/content.tables.ts';
import type { Db } from '../../src/db/database.ts';
import { slugify } from '../../src/shared/slug.ts';

export interface GenerateOptions {
  /** How many articles the site should hold when done (existing ones count). */
  count: number;
  /** Seed of the pseudo-random choices. */
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

const AUTHORS = 60;
const TAGS = 800;
const BATCH = 500;
const FIRST_DAY = Date.parse('2016-01-01T00:00:00.000Z');
const SPAN_MS = 10 * 365 * 86_400_000;

/** Mulberry32: a small, fast, seedable generator; plenty for spreading test data. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FALLBACK_WORDS =
  'government market minister prices talks agreement company shares budget election council report energy oil grain harvest exports bank rates inflation workers union court ruling border summit trade deficit growth forecast'.split(
    ' ',
  );

/** Paragraphs and titles to stitch stories from. */
function textSource(random: () => number) {
  const corpus = readReutersCorpus();
  const paragraphs = corpus.flatMap((story) => story.paragraphs).filter((p) => p.length > 60);
  const titles = corpus.map((story) => story.title);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const sentence = (words: number) => {
    const out = Array.from({ length: words }, () => pick(FALLBACK_WORDS));
    return `${out.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
  };
  return {
    title: () => (titles.length ? pick(titles) : sentence(7).slice(0, -1)),
    paragraph: () =>
      paragraphs.length ? pick(paragraphs) : `${sentence(14)} ${sentence(11)} ${sentence(9)}`,
  };
}

/** Adds published stories until the site holds `count` articles; returns how many it added. */
export async function generateArticles(db: Db, options: GenerateOptions): Promise<number> {
  const random = randomSource(options.seed ?? 2026);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const existing = Number(
    (
      await db
        .selectFrom('articles')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const toAdd = Math.max(0, options.count - existing);
  if (toAdd === 0) return 0;
  const now = new Date().toISOString();
  const sections = (await db.selectFrom('sections').select('id').execute()).map((s) => s.id);
  const authorIds = await ensureAuthors(db, now);
  const tagIds = await ensureTags(db, now);
  const text = textSource(random);

  let added = 0;
  while (added < toAdd) {
    const size = Math.min(BATCH, toAdd - added);
    const rows: Insertable<ArticleTable>[] = [];
    for (let i = 0; i < size; i++) {
      const n = existing + added + i + 1;
      const title = text.title();
      const paragraphs = Array.from({ length: 3 + Math.floor(random() * 6) }, text.paragraph);
      const publishedAt = new Date(FIRST_DAY + Math.floor(random() * SPAN_MS)).toISOString();
      rows.push({
        language: 'en',
        slug: `${slugify(title, 60) || 'story'}-${n}`,
        title,
        dek: null,
        body: JSON.stringify(paragraphs.map((p) => ({ type: 'paragraph', text: p }))),
        excerpt: paragraphs[0]!.slice(0, 300),
        status: 'published',
        section_id: sections.length ? pick(sections) : null,
        published_at: publishedAt,
        revised_at: null,
        scheduled_at: null,
        lead_image_media_id: null,
        lead_image_url: null,
        lead_image_alt: null,
        lead_image_caption: null,
        lead_image_credit: null,
        lead_image_width: null,
        lead_image_height: null,
        seo_title: null,
        seo_description: null,
        translation_group_id: null,
        translation_of_id: null,
        created_at: publishedAt,
        updated_at: publishedAt,
      });
    }
    await db.transaction().execute(async (tx) => {
      const ids = (await tx.insertInto('articles').values(rows).returning('id').execute()).map((r) => r.id);
      await tx
        .insertInto('article_authors')
        .values(ids.map((id) => ({ article_id: id, author_id: pick(authorIds), position: 0 })))
        .execute();
      const tagRows = ids.flatMap((id) => {
        const chosen = new Set(Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(tagIds)));
        return [...chosen].map((tagId, position) => ({ article_id: id, tag_id: tagId, position }));
      });
      await tx.insertInto('article_tags').values(tagRows).execute();
    });
    added += size;
    options.onProgress?.(added, toAdd);
  }
  return added;
}

/** The generated correspondents, created on first use. */
async function ensureAuthors(db: Db, now: string): Promise<number[]> {
  const mine = () => db.selectFrom('authors').select('id').where('slug', 'like', 'bench-author-%').execute();
  if ((await mine()).length < AUTHORS) {
    await db.deleteFrom('authors').where('slug', 'like', 'bench-author-%').execute();
    await db
      .insertInto('authors')
      .values(
        Array.from({ length: AUTHORS }, (_, i) => ({
          slug: `bench-author-${i + 1}`,
          name: `Correspondent ${i + 1}`,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
  return (await mine()).map((r) => r.id);
}

/** The generated topics, created on first use. */
async function ensureTags(db: Db, now: string): Promise<number[]> {
  const mine = () => db.selectFrom('tags').select('id').where('slug', 'like', 'bench-topic-%').execute();
  if ((await mine()).length < TAGS) {
    await db.deleteFrom('tags').where('slug', 'like', 'bench-topic-%').execute();
    for (let start = 0; start < TAGS; start += BATCH)
      await db
        .insertInto('tags')
        .values(
          Array.from({ length: Math.min(BATCH, TAGS - start) }, (_, i) => ({
            slug: `bench-topic-${start + i + 1}`,
            name: `Topic ${start + i + 1}`,
            created_at: now,
          })),
        )
        .execute();
  }
  return (await mine()).map((r) => r.id);
}
