import type { z } from 'zod';
import type { Db } from '../db/database.ts';
import type { Clock } from '../shared/clock.ts';
import { NotFoundError, ValidationError } from '../shared/errors.ts';
import type { EventBus } from '../shared/events.ts';
import { isSlug, slugify } from '../shared/slug.ts';
import { toAuthor } from './author.repository.ts';
import { findSection, listSections } from './section.repository.ts';
import { tagNameKey } from './tag.repository.ts';
import { authorInput, RESERVED_SLUGS, sectionInput, tagInput } from './taxonomy.input.ts';
import type { Author, Section, Tag } from './types.ts';
import { validateInput as validate } from './validate-input.ts';

/** Why a section cannot have this address (reserved, malformed or taken by another section), or undefined. */
export async function sectionSlugProblem(
  db: Db,
  slug: string,
  exceptId: number | null,
): Promise<ValidationError | undefined> {
  if (!isSlug(slug) || RESERVED_SLUGS.has(slug))
    return new ValidationError(`“${slug}” cannot be a section address.`, {
      slug: 'Choose another address for this section.',
    }).say(
      'taxonomy.error.slugReserved',
      { slug },
      { slug: { key: 'taxonomy.error.slugReserved', values: { slug } } },
    );
  const other = await db
    .selectFrom('sections')
    .select(['id', 'name'])
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (other && other.id !== exceptId)
    return new ValidationError(`Another section (“${other.name}”) already uses this address.`, {
      slug: 'Choose another address.',
    }).say(
      'taxonomy.error.slugTaken',
      { name: other.name },
      { slug: { key: 'taxonomy.error.slugTaken', values: { name: other.name } } },
    );
  return undefined;
}

/** The same refusal for a tag or an author whose address another one already has. */
function slugTaken(kind: 'tag' | 'author', name: string): ValidationError {
  return new ValidationError(`Another ${kind} (“${name}”) already uses this address.`, {
    slug: 'Choose another address.',
  }).say(
    'taxonomy.error.slugTaken',
    { name },
    { slug: { key: 'taxonomy.error.slugTaken', values: { name } } },
  );
}

function badSlug(slug: string): ValidationError {
  return new ValidationError(`“${slug}” cannot be an address: use lower-case letters, digits and hyphens.`, {
    slug: 'Use lower-case letters, digits and hyphens.',
  }).say(
    'taxonomy.error.slugInvalid',
    { slug },
    { slug: { key: 'taxonomy.error.slugInvalid', values: { slug } } },
  );
}

/**
 * Editing sections, tags and authors after they exist: renaming, new addresses, moving a section in
 * the tree. Addresses stay unique (a collision is refused with the other's name, never silently
 * suffixed on an edit), a section never moves under itself or its own subsections, and every change
 * is announced (`section.changed`, `tag.changed`, `author.changed`) after it is written, so the page
 * cache purges exactly the pages that show it and the search index follows.
 */
export function createTaxonomyEditing({ db, clock, events }: { db: Db; clock: Clock; events: EventBus }) {
  const now = () => clock.now().toISOString();

  return {
    getSection: (id: number) => findSection(db, id),

    async updateSection(id: number, input: z.input<typeof sectionInput>): Promise<Section> {
      const valid = validate(sectionInput, input);
      const current = await findSection(db, id);
      if (!current)
        throw new NotFoundError('That section does not exist any more.').say('taxonomy.error.gone');
      const slug = valid.slug || current.slug;
      const problem = slug === current.slug ? undefined : await sectionSlugProblem(db, slug, id);
      if (problem) throw problem;
      const parentId = valid.parentId ?? null;
      if (parentId !== null) {
        const sections = await listSections(db);
        if (!sections.some((s) => s.id === parentId))
          throw new ValidationError('The parent section does not exist any more.', {
            parentId: 'Choose another parent.',
          }).say('taxonomy.error.noParent', undefined, { parentId: { key: 'taxonomy.error.noParent' } });
        if (isInSubtree(sections, id, parentId))
          throw new ValidationError('A section cannot move under itself or one of its own subsections.', {
            parentId: 'Choose a section outside this one.',
          }).say('taxonomy.error.cycle', undefined, { parentId: { key: 'taxonomy.error.cycle' } });
      }
      await db
        .updateTable('sections')
        .set({
          name: valid.name,
          slug,
          description: valid.description ?? null,
          parent_id: parentId,
          position: valid.position ?? current.position,
          updated_at: now(),
        })
        .where('id', '=', id)
        .execute();
      await events.emit('section.changed', { sectionId: id });
      return (await findSection(db, id))!;
    },

    async getAuthor(id: number): Promise<Author | undefined> {
      const row = await db.selectFrom('authors').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toAuthor(row);
    },

    async updateAuthor(id: number, input: z.input<typeof authorInput>): Promise<Author> {
      const valid = validate(authorInput, input);
      const current = await db.selectFrom('authors').select(['slug']).where('id', '=', id).executeTakeFirst();
      if (!current)
        throw new NotFoundError('That author does not exist any more.').say('taxonomy.error.gone');
      const slug = valid.slug || current.slug;
      if (!isSlug(slug)) throw badSlug(slug);
      const other = await db
        .selectFrom('authors')
        .select(['id', 'name'])
        .where('slug', '=', slug)
        .executeTakeFirst();
      if (other && other.id !== id) throw slugTaken('author', other.name);
      await db
        .updateTable('authors')
        .set({
          name: valid.name,
          slug,
          bio: valid.bio || null,
          avatar_url: valid.avatarUrl || null,
          job_title: valid.jobTitle || null,
          website_url: valid.websiteUrl || null,
          updated_at: now(),
        })
        .where('id', '=', id)
        .execute();
      await events.emit('author.changed', { authorId: id });
      return (await this.getAuthor(id))!;
    },

    /** A tag's names in the site's other languages. */
    async tagTranslations(id: number): Promise<Record<string, string>> {
      const rows = await db
        .selectFrom('tag_translations')
        .select(['language', 'name'])
        .where('tag_id', '=', id)
        .execute();
      return Object.fromEntries(rows.map((r) => [r.language, r.name]));
    },

    async getTag(id: number): Promise<Tag | undefined> {
      return db.selectFrom('tags').select(['id', 'slug', 'name']).where('id', '=', id).executeTakeFirst();
    },

    /** A new tag; its address comes from its name unless given, and may not be another tag's. */
    async createTag(input: z.input<typeof tagInput>): Promise<Tag> {
      const valid = validate(tagInput, input);
      const slug = valid.slug || slugify(valid.name, 60);
      if (!isSlug(slug)) throw badSlug(slug);
      const other = await db.selectFrom('tags').select(['name']).where('slug', '=', slug).executeTakeFirst();
      if (other) throw slugTaken('tag', other.name);
      const row = await db
        .insertInto('tags')
        .values({ slug, name: valid.name, created_at: now() })
        .returning(['id', 'slug', 'name'])
        .executeTakeFirstOrThrow();
      await events.emit('tag.changed', { tagId: row.id });
      return row;
    },

    async updateTag(id: number, input: z.input<typeof tagInput>): Promise<Tag> {
      const valid = validate(tagInput, input);
      const current = await this.getTag(id);
      if (!current) throw new NotFoundError('That tag does not exist any more.').say('taxonomy.error.gone');
      const slug = valid.slug || current.slug;
      if (!isSlug(slug)) throw badSlug(slug);
      const other = await db
        .selectFrom('tags')
        .select(['id', 'name'])
        .where('slug', '=', slug)
        .executeTakeFirst();
      if (other && other.id !== id) throw slugTaken('tag', other.name);
      // Two tags may not read the same either: "Economy" and "economy" would split one subject in two.
      const sameName = (
        await db.selectFrom('tags').select(['id', 'name']).where('id', '!=', id).execute()
      ).find((t) => tagNameKey(t.name) === tagNameKey(valid.name));
      if (sameName)
        throw new ValidationError(`Another tag is already called “${sameName.name}”.`, {
          name: 'Choose another name.',
        }).say(
          'taxonomy.error.tagNameTaken',
          { name: sameName.name },
          {
            name: { key: 'taxonomy.error.tagNameTaken', values: { name: sameName.name } },
          },
        );
      await db.updateTable('tags').set({ name: valid.name, slug }).where('id', '=', id).execute();
      await events.emit('tag.changed', { tagId: id });
      return (await this.getTag(id))!;
    },
  };
}

/** Whether `candidateId` is `rootId` or below it in the tree. */
function isInSubtree(sections: readonly Section[], rootId: number, candidateId: number): boolean {
  const byId = new Map(sections.map((s) => [s.id, s]));
  for (let at: number | null = candidateId, steps = 0; at !== null && steps < 100; steps++) {
    if (at === rootId) return true;
    at = byId.get(at)?.parentId ?? null;
  }
  return false;
}

/** The sections in tree order (each parent before its children, siblings by position), with their depth. */
export function sectionTree(sections: readonly Section[]): Array<{ section: Section; depth: number }> {
  const rows: Array<{ section: Section; depth: number }> = [];
  const ids = new Set(sections.map((s) => s.id));
  const visit = (parentId: number | null, depth: number) => {
    for (const section of sections) {
      if (section.parentId !== parentId || rows.some((r) => r.section.id === section.id)) continue;
      rows.push({ section, depth });
      if (depth < 20) visit(section.id, depth + 1);
    }
  };
  visit(null, 0);
  // A section whose parent is gone still shows, at the top.
  for (const section of sections)
    if (section.parentId !== null && !ids.has(section.parentId)) {
      rows.push({ section, depth: 0 });
      visit(section.id, 1);
    }
  return rows;
}
