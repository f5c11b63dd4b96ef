import type { Db } from '../db/database.ts';
import type { EventBus } from '../shared/events.ts';
import { listSections } from './section.repository.ts';
import type { Section } from './types.ts';

/**
 * The section tree per language, kept in memory: every page (navigation, breadcrumbs, cards) reads it,
 * often several times, and it changes only when an editor changes a section. Every such write goes
 * through the taxonomy service, which emits `section.changed` after it commits; `forget` runs then on
 * this instance (listener below) and, through the purger's `site` purge, on every other one (app.ts).
 *
 * A read that was already on its way when the tree changed is handed to its caller but not kept
 * (`generation`), so a change is never hidden by an older answer arriving late.
 */
export interface SectionCache {
  list(language?: string): Promise<Section[]>;
  forget(): void;
}

export function createSectionCache(db: Db, events: EventBus): SectionCache {
  const lists = new Map<string, Promise<readonly Section[]>>();
  let generation = 0;
  const cache: SectionCache = {
    async list(language) {
      const key = language ?? '';
      let pending = lists.get(key);
      if (!pending) {
        const started = generation;
        pending = listSections(db, language).then((rows) => rows.map((s) => Object.freeze(s)));
        lists.set(key, pending);
        pending.then(
          () => {
            if (generation !== started && lists.get(key) === pending) lists.delete(key);
          },
          () => {
            if (lists.get(key) === pending) lists.delete(key);
          },
        );
      }
      // A copy: callers may sort or filter their list without touching anyone else's.
      return [...(await pending)];
    },
    forget() {
      generation++;
      lists.clear();
    },
  };
  events.on('section.changed', () => cache.forget());
  return cache;
}
