import type { z } from 'zod';
import type { Db } from '../db/database.ts';
import type { Clock } from '../shared/clock.ts';
import { ValidationError } from '../shared/errors.ts';
import type { EventBus } from '../shared/events.ts';
import { slugify } from '../shared/slug.ts';
import { findAuthorBySlug, listAuthors, toAuthor } from './author.repository.ts';
import { findSection, toSection } from './section.repository.ts';
import type { SectionCache } from './section-cache.ts';
import { findTagBySlug, listTags } from './tag.repository.ts';
import { createTaxonomyTranslations } from './taxonomy-translations.ts';
import type { Author, Section } from './types.ts';
import { validateInput as validate } from './validate-input.ts';
import { authorInput, sectionInput } from './taxonomy.input.ts';
import { createTaxonomyEditing, sectionSlugProblem } from './taxonomy-editing.ts';

export { RESERVED_SLUGS } from './taxonomy.input.ts';

export type TaxonomyService = ReturnType<typeof createTaxonomyService>;

/** Sections (a tree), authors and tags: the site's structure around its articles. */
export function createTaxonomyService({
  db,
  clock,
  events,
  defaultLanguage = 'en',
  sectionCache,
}: {
  db: Db;
  clock: Clock;
  events: EventBus;
  /** Where reader pages get the section tree from (section-cache.ts). */
  sectionCache: SectionCache;
  /** The language the sections', tags' and authors' own rows are written in. */
  defaultLanguage?: string;
}) {
  return {
    /** The language the sections', tags' and authors' own rows are written in. */
    defaultLanguage,
    /** Sections in display order; with a language, named in it where translated (else the default wording). */
    listSections: (language?: string) => sectionCache.list(language),
    findSectionBySlug: async (slug: string, language?: string) =>
      (await sectionCache.list(language)).find((s) => s.slug === slug),
    listAuthors: () => listAuthors(db),
    findAuthorBySlug: (slug: string, language?: string) => findAuthorBySlug(db, slug, language),
    listTags: () => listTags(db),
    findTagBySlug: (slug: string, language?: string) => findTagBySlug(db, slug, language),
    ...createTaxonomyTranslations({ db, clock, events, defaultLanguage }),
    ...createTaxonomyEditing({ db, clock, events }),

    async createSection(input: z.input<typeof sectionInput>): Promise<Section> {
      const valid = validate(sectionInput, input);
      const slug = valid.slug || slugify(valid.name, 60);
      const problem = await sectionSlugProblem(db, slug, null);
      if (problem) throw problem;
      if (valid.parentId && !(await findSection(db, valid.parentId)))
        throw new ValidationError('The parent section does not exist any more.', {
          parentId: 'Choose another parent.',
        }).say('taxonomy.error.noParent', undefined, { parentId: { key: 'taxonomy.error.noParent' } });
      const now = clock.now().toISOString();
      const row = await db
        .insertInto('sections')
        .values({
          slug,
          name: valid.name,
          description: valid.description ?? null,
          parent_id: valid.parentId ?? null,
          position: valid.position ?? 0,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await events.emit('section.changed', { sectionId: row.id });
      return toSection(row);
    },

    async createAuthor(input: z.input<typeof authorInput>): Promise<Author> {
      const valid = validate(authorInput, input);
      const base = valid.slug || slugify(valid.name, 60) || 'author';
      let slug = base;
      for (let n = 2; await findAuthorBySlug(db, slug); n++) slug = `${base}-${n}`;
      const now = clock.now().toISOString();
      const row = await db
        .insertInto('authors')
        .values({
          slug,
          name: valid.name,
          bio: valid.bio || null,
          avatar_url: valid.avatarUrl || null,
          job_title: valid.jobTitle || null,
          website_url: valid.websiteUrl || null,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await events.emit('author.changed', { authorId: row.id });
      return toAuthor(row);
    },
  };
}

/**
 * Each section's children, by parent id (`null`: the top level), in the order given. Grouped once, so
 * walking the tree is linear: filtering the whole list for every section was quadratic, and a site
 * with thousands of sections spent most of a search page there.
 */
export function sectionChildren(sections: readonly Section[]): Map<number | null, Section[]> {
  const children = new Map<number | null, Section[]>();
  for (const section of sections) {
    const siblings = children.get(section.parentId);
    if (siblings) siblings.push(section);
    else children.set(section.parentId, [section]);
  }
  return children;
}

/** The ids of a section and every section below it. */
export function sectionSubtreeIds(sections: readonly Section[], rootId: number): number[] {
  const children = sectionChildren(sections);
  // Walked breadth first from a set, so a section is listed once even if the tree were ever cyclic.
  const ids = [rootId];
  const seen = new Set(ids);
  for (let i = 0; i < ids.length; i++)
    for (const child of children.get(ids[i]!) ?? [])
      if (!seen.has(child.id)) {
        seen.add(child.id);
        ids.push(child.id);
      }
  return ids;
}

/** The path from the top of the tree down to a section, e.g. [World, Asia]. */
export function sectionTrail(sections: readonly Section[], section: Section): Section[] {
  const byId = new Map(sections.map((s) => [s.id, s]));
  const trail = [section];
  for (let parent = section.parentId; parent !== null && trail.length < 10;) {
    const next = byId.get(parent);
    if (!next) break;
    trail.unshift(next);
    parent = next.parentId;
  }
  return trail;
}
