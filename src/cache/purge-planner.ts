import type { Db } from '../db/database.ts';
import type { DomainEvents, EventName } from '../shared/events.ts';
import type { PurgeRequest } from './page-store.ts';
import { surrogateKeys as sk } from './surrogate-keys.ts';

export type PurgeEvent = { [E in EventName]: { name: E; payload: DomainEvents[E] } }[EventName];

/** Where a story appears in lists: if none of this changes, no list changes. */
export interface ListingFacts {
  status: string;
  language: string;
  publishedAt: string | null;
  /** The story's section and its ancestors (a section's list includes its subsections' stories). */
  sectionTrail: number[];
  authorIds: number[];
  tagIds: number[];
  translationGroupId: number | null;
}

/**
 * Turns domain events into purges of exactly the pages they change (see surrogate-keys.ts). For
 * stories it compares where the story sits in lists now with what it remembered at the last event
 * (table `cache_article_facts`): a corrected typo purges the story's pages only; publishing, moving,
 * re-dating or unpublishing also purges the lists it joins and leaves, and its translations (their
 * language switchers link to it). A story taken down is purged hard: never served again, not even stale.
 */
export function createPurgePlanner({
  db,
  languages,
  now,
}: {
  db: Db;
  languages: readonly string[];
  now: () => Date;
}) {
  async function currentFacts(ids: number[]): Promise<Map<number, ListingFacts>> {
    const facts = new Map<number, ListingFacts>();
    if (ids.length === 0) return facts;
    const [rows, sections, authors, tags] = await Promise.all([
      db
        .selectFrom('articles')
        .select(['id', 'status', 'language', 'published_at', 'section_id', 'translation_group_id'])
        .where('id', 'in', ids)
        .execute(),
      db.selectFrom('sections').select(['id', 'parent_id']).execute(),
      db
        .selectFrom('article_authors')
        .select(['article_id', 'author_id'])
        .where('article_id', 'in', ids)
        .execute(),
      db.selectFrom('article_tags').select(['article_id', 'tag_id']).where('article_id', 'in', ids).execute(),
    ]);
    const parentOf = new Map(sections.map((s) => [s.id, s.parent_id]));
    const trail = (id: number | null) => {
      const ids: number[] = [];
      for (let at = id; at !== null && at !== undefined && !ids.includes(at); at = parentOf.get(at) ?? null)
        ids.push(at);
      return ids;
    };
    for (const row of rows)
      facts.set(row.id, {
        status: row.status,
        language: row.language,
        publishedAt: row.published_at,
        sectionTrail: trail(row.section_id),
        authorIds: authors.filter((a) => a.article_id === row.id).map((a) => a.author_id),
        tagIds: tags.filter((t) => t.article_id === row.id).map((t) => t.tag_id),
        translationGroupId: row.translation_group_id,
      });
    return facts;
  }

  async function rememberedFacts(ids: number[]): Promise<Map<number, ListingFacts>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom('cache_article_facts')
      .select(['article_id', 'facts'])
      .where('article_id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.article_id, JSON.parse(r.facts) as ListingFacts]));
  }

  async function translationsOf(groupIds: number[]): Promise<number[]> {
    if (groupIds.length === 0) return [];
    const rows = await db
      .selectFrom('articles')
      .select('id')
      .where('translation_group_id', 'in', groupIds)
      .execute();
    return rows.map((r) => r.id);
  }

  async function remember(facts: Map<number, ListingFacts>, forget: number[]): Promise<void> {
    if (facts.size === 0 && forget.length === 0) return;
    const at = now().toISOString();
    await db.transaction().execute(async (tx) => {
      if (forget.length)
        await tx.deleteFrom('cache_article_facts').where('article_id', 'in', forget).execute();
      const rows = [...facts].map(([id, f]) => ({
        article_id: id,
        facts: JSON.stringify(f),
        updated_at: at,
      }));
      for (let i = 0; i < rows.length; i += 200)
        await tx
          .insertInto('cache_article_facts')
          .values(rows.slice(i, i + 200))
          .onConflict((oc) =>
            oc.column('article_id').doUpdateSet((eb) => ({
              facts: eb.ref('excluded.facts'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
    });
  }

  return {
    /** The purges a batch of events calls for (at most one soft and one hard request). */
    async plan(events: readonly PurgeEvent[]): Promise<PurgeRequest[]> {
      const soft = new Set<string>();
      const hard = new Set<string>();
      const articleIds = new Set<number>();
      for (const event of events) {
        switch (event.name) {
          case 'comment.approved':
          case 'comment.changed':
            soft.add(sk.comments(event.payload.articleId));
            break;
          // Section names are in every page's navigation, and a moved section changes many lists.
          case 'section.changed':
            soft.add(sk.site);
            break;
          case 'author.changed':
            soft.add(sk.author(event.payload.authorId));
            break;
          case 'tag.changed':
            soft.add(sk.tag(event.payload.tagId));
            break;
          // A story's "You may also like" list changed: only the page showing that list.
          case 'related.changed':
            for (const id of event.payload.articleIds) soft.add(sk.relatedList(id));
            break;
          default:
            articleIds.add(event.payload.articleId);
        }
      }
      // In slices, so a bulk import's thousands of events stay within every database's parameter limit.
      const ids = [...articleIds];
      for (let i = 0; i < ids.length; i += 500) await planArticles(ids.slice(i, i + 500), soft, hard);
      for (const key of hard) soft.delete(key);
      const requests: PurgeRequest[] = [];
      if (hard.size) requests.push({ keys: [...hard], hard: true });
      if (soft.size) requests.push({ keys: [...soft] });
      return requests;
    },
  };

  async function planArticles(ids: number[], soft: Set<string>, hard: Set<string>) {
    const [now, before] = await Promise.all([currentFacts(ids), rememberedFacts(ids)]);
    const keep = new Map<number, ListingFacts>();
    const forget: number[] = [];
    const groupsToTell = new Set<number>();
    for (const id of ids) {
      const current = now.get(id);
      const previous = before.get(id);
      const live = current?.status === 'published';
      const wasLive = previous?.status === 'published';
      if (!live) {
        if (previous) forget.push(id);
        // Deleted with nothing remembered: we cannot know its lists; purge what lists everything.
        if (!current && !previous) for (const lang of languages) soft.add(sk.home(lang));
        if (!wasLive && !previous && current) continue; // a draft changed: no reader saw it
        hard.add(sk.article(id));
        for (const key of listKeys(previous ?? current)) soft.add(key);
        continue;
      }
      keep.set(id, current);
      soft.add(sk.article(id));
      if (!previous || !wasLive || listsDiffer(previous, current)) {
        for (const key of listKeys(current)) soft.add(key);
        if (previous) for (const key of listKeys(previous)) soft.add(key);
      }
      if (!wasLive || previous?.translationGroupId !== current.translationGroupId) {
        if (current.translationGroupId !== null) groupsToTell.add(current.translationGroupId);
        if (previous?.translationGroupId) groupsToTell.add(previous.translationGroupId);
      }
    }
    for (const id of await translationsOf([...groupsToTell])) soft.add(sk.article(id));
    await remember(keep, forget);
  }
}

export type PurgePlanner = ReturnType<typeof createPurgePlanner>;

function listKeys(facts: ListingFacts | undefined): string[] {
  if (!facts) return [];
  return [
    sk.home(facts.language),
    ...facts.sectionTrail.map((id) => sk.sectionList(id)),
    ...facts.authorIds.map((id) => sk.authorList(id)),
    ...facts.tagIds.map((id) => sk.tagList(id)),
  ];
}

function listsDiffer(a: ListingFacts, b: ListingFacts): boolean {
  const same = (x: number[], y: number[]) => {
    if (x.length !== y.length) return false;
    const [p, q] = [[...x].sort((m, n) => m - n), [...y].sort((m, n) => m - n)];
    return p.every((v, i) => v === q[i]);
  };
  return (
    a.language !== b.language ||
    a.publishedAt !== b.publishedAt ||
    !same(a.sectionTrail, b.sectionTrail) ||
    !same(a.authorIds, b.authorIds) ||
    !same(a.tagIds, b.tagIds)
  );
}
