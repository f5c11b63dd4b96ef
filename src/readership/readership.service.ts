import type { ArticleService } from '../content/article.service.ts';
import type { ArticleSummary } from '../content/types.ts';
import type { Db } from '../db/database.ts';
import type { Clock } from '../shared/clock.ts';
import type { ViewCounter } from './view-counter.ts';

/** "Most read" looks at the last week: today and the six days before (UTC). */
export const MOST_READ_DAYS = 7;
export const MOST_READ_LIMIT = 5;
/** How long a computed ranking is used before it is computed again. */
export const MOST_READ_TTL_MS = 5 * 60_000;

export interface DailyViews {
  day: string;
  views: number;
}

export interface ArticleViews {
  id: number;
  title: string;
  language: string;
  status: string;
  views: number;
}

const DAY_MS = 86_400_000;

export type Readership = ReturnType<typeof createReadership>;

/**
 * What readers read: the "Most read" ranking per language (computed from the daily totals, kept in
 * memory for a few minutes, and refreshed by a periodic task that announces a changed ranking so the
 * page cache refreshes the pages that show it — never on each view), and views per day for the
 * admin's charts.
 */
export function createReadership({
  db,
  clock,
  articles,
  counter,
}: {
  db: Db;
  clock: Clock;
  articles: ArticleService;
  counter: ViewCounter;
}) {
  const cache = new Map<string, { at: number; list: Promise<ArticleSummary[]> }>();
  const listeners: Array<(lang: string) => void> = [];

  const dayOf = (date: Date) => date.toISOString().slice(0, 10);
  /** The first day of a window of `days` days ending today. */
  const since = (days: number) => dayOf(new Date(clock.now().getTime() - (days - 1) * DAY_MS));

  async function ranking(lang: string, limit: number): Promise<ArticleSummary[]> {
    const rows = await db
      .selectFrom('article_views')
      .innerJoin('articles', 'articles.id', 'article_views.article_id')
      .select([
        'article_views.article_id as id',
        (eb) => eb.fn.sum<number>('article_views.views').as('total'),
      ])
      .where('articles.language', '=', lang)
      .where('articles.status', '=', 'published')
      .where('article_views.day', '>=', since(MOST_READ_DAYS))
      .groupBy('article_views.article_id')
      .orderBy('total', 'desc')
      .orderBy('article_views.article_id', 'desc')
      .limit(limit)
      .execute();
    if (rows.length === 0) return [];
    const summaries = await articles.listPublished(
      { language: lang, ids: rows.map((r) => r.id) },
      { limit: rows.length },
    );
    const byId = new Map(summaries.map((s) => [s.id, s]));
    return rows.map((r) => byId.get(r.id)).filter((s): s is ArticleSummary => s !== undefined);
  }

  function filled(rows: ReadonlyArray<{ day: string; views: number | string }>, days: number): DailyViews[] {
    const byDay = new Map(rows.map((r) => [r.day, Number(r.views)]));
    const first = new Date(`${since(days)}T00:00:00.000Z`).getTime();
    return Array.from({ length: days }, (_, i) => {
      const day = dayOf(new Date(first + i * DAY_MS));
      return { day, views: byDay.get(day) ?? 0 };
    });
  }

  return {
    /** The most read stories of a language this week, most read first (cached; see MOST_READ_TTL_MS). */
    mostRead(lang: string): Promise<ArticleSummary[]> {
      const now = clock.now().getTime();
      const cached = cache.get(lang);
      if (cached && now - cached.at < MOST_READ_TTL_MS) return cached.list;
      const list = ranking(lang, MOST_READ_LIMIT);
      cache.set(lang, { at: now, list });
      list.catch(() => cache.delete(lang));
      return list;
    },

    /** Forgets a language's ranking (another instance announced a new one). */
    forget(lang: string): void {
      cache.delete(lang);
    },

    /** Called with a language whose ranking changed, so pages showing it can be refreshed. */
    onRankingChange(listener: (lang: string) => void): void {
      listeners.push(listener);
    },

    /**
     * Writes this instance's pending counts, computes each language's ranking again and announces
     * those that changed. Run periodically (app.ts), never per view.
     */
    async refresh(languages: readonly string[]): Promise<string[]> {
      await counter.flush();
      const changed: string[] = [];
      for (const lang of languages) {
        const before = cache.get(lang);
        const previous = before ? (await before.list.catch(() => [])).map((a) => a.id) : null;
        const list = await ranking(lang, MOST_READ_LIMIT);
        cache.set(lang, { at: clock.now().getTime(), list: Promise.resolve(list) });
        const ids = list.map((a) => a.id);
        if (previous === null || previous.join() !== ids.join()) {
          changed.push(lang);
          for (const listener of listeners) listener(lang);
        }
      }
      return changed;
    },

    /** Views of the whole site per day, the last `days` days (days without views are 0). */
    async siteDaily(days: number): Promise<DailyViews[]> {
      const rows = await db
        .selectFrom('article_views')
        .select(['day', (eb) => eb.fn.sum<number>('views').as('views')])
        .where('day', '>=', since(days))
        .groupBy('day')
        .execute();
      return filled(rows, days);
    },

    /** Views of one story per day, the last `days` days. */
    async articleDaily(articleId: number, days: number): Promise<DailyViews[]> {
      const rows = await db
        .selectFrom('article_views')
        .select(['day', 'views'])
        .where('article_id', '=', articleId)
        .where('day', '>=', since(days))
        .execute();
      return filled(rows, days);
    },

    /** The most viewed stories of the last `days` days, in any language or state. */
    async topArticles(days: number, limit: number): Promise<ArticleViews[]> {
      const rows = await db
        .selectFrom('article_views')
        .innerJoin('articles', 'articles.id', 'article_views.article_id')
        .select([
          'articles.id',
          'articles.title',
          'articles.language',
          'articles.status',
          (eb) => eb.fn.sum<number>('article_views.views').as('views'),
        ])
        .where('article_views.day', '>=', since(days))
        .groupBy(['articles.id', 'articles.title', 'articles.language', 'articles.status'])
        .orderBy('views', 'desc')
        .orderBy('articles.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ ...r, views: Number(r.views) }));
    },

    /** Total views of one story over all time. */
    async totalViews(articleId: number): Promise<number> {
      const row = await db
        .selectFrom('article_views')
        .select((eb) => eb.fn.sum<number>('views').as('views'))
        .where('article_id', '=', articleId)
        .executeTakeFirst();
      return Number(row?.views ?? 0);
    },
  };
}
