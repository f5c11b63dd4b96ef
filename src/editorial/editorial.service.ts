import type { User } from '../auth/auth.service.ts';
import type { ArticleService } from '../content/article.service.ts';
import type { Article, ArticleStatus } from '../content/types.ts';
import type { Db } from '../db/database.ts';
import type { DuplicateFinder } from '../ingest/duplicates/duplicate-finder.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import type { Clock } from '../shared/clock.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.ts';
import type { EventBus } from '../shared/events.ts';
import type { Logger } from '../shared/logger.ts';
import { allowedActions, type EditorAction, mayEdit, statusAfter } from './access.ts';
import { type ArticleListFilter, listArticlesForNewsroom } from './article-list.ts';
import {
  type ArticleForm,
  emptyForm,
  formFromArticle,
  inputFromForm,
  type ResolvedLeadImage,
} from './article-form.ts';
import { diffLines, findRevision, formLines, listRevisions, recordRevision } from './revisions.ts';

export interface EditorialDeps {
  db: Db;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  articles: ArticleService;
  jobs: JobRunner;
  duplicates: DuplicateFinder;
  timeZone: string;
  languages: readonly string[];
}

export type EditorialService = ReturnType<typeof createEditorialService>;

/** The job that publishes one scheduled story at its time (claimed by exactly one instance). */
export const PUBLISH_JOB = 'editorial.publish-scheduled';

/**
 * The newsroom's workflow over the article service: who may open and change which story, the
 * draft → review → scheduled/published → unpublished road, revisions (autosave, restore), review
 * notes, corrections and translations. Every save still goes through the article service, so the
 * version check (no silent overwrite) and validation are the same for every writer.
 */
export function createEditorialService(deps: EditorialDeps) {
  const { db, clock, articles, jobs } = deps;

  async function isOwn(user: Pick<User, 'id' | 'authorId'>, articleId: number): Promise<boolean> {
    const owner = await db
      .selectFrom('article_owners')
      .select('user_id')
      .where('article_id', '=', articleId)
      .executeTakeFirst();
    if (owner?.user_id === user.id) return true;
    if (user.authorId === null) return false;
    const byline = await db
      .selectFrom('article_authors')
      .select('article_id')
      .where('article_id', '=', articleId)
      .where('author_id', '=', user.authorId)
      .executeTakeFirst();
    return byline !== undefined;
  }

  /** The article and what this person may do with it; refuses those who may not open it. */
  async function open(user: User, articleId: number) {
    const article = await articles.getById(articleId);
    if (!article) throw new NotFoundError('That article does not exist (it may have been deleted).');
    const own = await isOwn(user, articleId);
    if (!mayEdit(user, own, article.status))
      throw new ForbiddenError('Your account may not change this article.').say('editor.forbidden');
    return { article, own, actions: allowedActions(user, own, article.status) };
  }

  async function resolveLeadImage(form: ArticleForm): Promise<ResolvedLeadImage | null> {
    const mediaId = Number(form.leadMediaId);
    if (form.leadMediaId.trim() !== '') {
      const media =
        Number.isInteger(mediaId) && mediaId > 0
          ? await db.selectFrom('media').selectAll().where('id', '=', mediaId).executeTakeFirst()
          : undefined;
      if (!media) {
        throw new ValidationError('There is no image with that number in the media library.', {
          leadMediaId: 'There is no image with that number in the media library.',
        });
      }
      return {
        mediaId: media.id,
        url: `/media/${media.storage_key}`,
        width: media.width,
        height: media.height,
        alt: media.alt,
        caption: media.caption,
        credit: media.credit,
      };
    }
    const url = form.leadUrl.trim();
    return url
      ? { mediaId: null, url, width: null, height: null, alt: null, caption: null, credit: null }
      : null;
  }

  async function toInput(
    form: ArticleForm,
    status: ArticleStatus,
    extra: { publishedAt?: string | null; translationGroupId?: number | null } = {},
  ) {
    const leadImage = await resolveLeadImage(form);
    const { input, errors } = inputFromForm(form, { status, timeZone: deps.timeZone, leadImage, ...extra });
    if (!deps.languages.includes(form.language))
      errors.language = 'Choose one of the languages this site publishes in.';
    if (Object.keys(errors).length > 0) {
      throw new ValidationError(`The article could not be saved: ${Object.values(errors)[0]}`, errors);
    }
    return input;
  }

  async function scheduleJob(article: Article) {
    if (article.status !== 'scheduled' || !article.scheduledAt) return;
    await jobs.enqueue(
      PUBLISH_JOB,
      { articleId: article.id },
      {
        runAt: new Date(article.scheduledAt),
        uniqueKey: `${PUBLISH_JOB}:${article.id}:${article.scheduledAt}`,
      },
    );
  }

  /** Publishes a scheduled story whose time has come; does nothing if it was changed or unscheduled. */
  async function publishIfDue(articleId: number): Promise<boolean> {
    const article = await articles.getById(articleId);
    if (!article || article.status !== 'scheduled' || !article.scheduledAt) return false;
    if (article.scheduledAt > clock.now().toISOString()) return false;
    const form = formFromArticle(article, deps.timeZone);
    const input = await toInput({ ...form, scheduledAt: '' }, 'published', {
      publishedAt: article.scheduledAt,
      translationGroupId: article.translationGroupId,
    });
    try {
      await articles.update(article.id, article.version, input);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // Someone got there first. Another instance's job or sweep published it: nothing left to do.
      // An editor's save that kept it scheduled: the job fails and is retried with the new version.
      const now = await articles.getById(articleId);
      if (now?.status !== 'scheduled') return false;
      throw error;
    }
    deps.logger.info({ articleId }, 'scheduled article published');
    return true;
  }

  jobs.handle(PUBLISH_JOB, async (payload) => {
    const articleId = (payload as { articleId?: unknown }).articleId;
    if (typeof articleId === 'number') await publishIfDue(articleId);
  });

  return {
    isOwn,
    open,
    emptyForm,
    formOf: (article: Article) => formFromArticle(article, deps.timeZone),

    /** The article list; authors and contributors see only their own stories. */
    async list(user: User, filter: ArticleListFilter, page: number) {
      const ownedBy =
        user.role === 'author' || user.role === 'contributor'
          ? { userId: user.id, authorId: user.authorId }
          : undefined;
      return listArticlesForNewsroom(db, { ...filter, ...(ownedBy ? { ownedBy } : {}) }, page);
    },

    /** Creates a story (always a draft first) owned by its writer; records the first revision. */
    async create(user: User, form: ArticleForm): Promise<Article> {
      const input = await toInput(form, 'draft');
      const [id] = await articles.createMany([input], {
        afterInsert: async (tx, ids) => {
          await tx.insertInto('article_owners').values({ article_id: ids[0]!, user_id: user.id }).execute();
        },
      });
      const article = (await articles.getById(id!))!;
      await recordRevision(db, {
        articleId: article.id,
        userId: user.id,
        kind: 'save',
        form: formFromArticle(article, deps.timeZone),
        baseVersion: article.version,
        at: clock.now(),
      });
      return article;
    },

    /**
     * Saves the form from `version` and applies the action (submit, publish, schedule, return,
     * unpublish). A stale version is a ConflictError from the article service: nothing is overwritten.
     */
    async save(
      user: User,
      id: number,
      version: number,
      form: ArticleForm,
      action: EditorAction,
      note = '',
    ): Promise<Article> {
      const { article, actions } = await open(user, id);
      if (!actions.includes(action))
        throw new ForbiddenError('Your account may not do that with this article.').say(
          'editor.actionForbidden',
        );
      const status = statusAfter(action, article.status);
      if (action === 'schedule' && !form.scheduledAt.trim()) {
        throw new ValidationError('Choose when the article should go live.', {
          scheduledAt: 'Choose when the article should go live.',
        });
      }
      if (action === 'return' && !note.trim()) {
        throw new ValidationError('Say what should change before returning the article.', {
          note: 'Say what should change before returning the article.',
        });
      }
      const input = await toInput(status === 'scheduled' ? form : { ...form, scheduledAt: '' }, status, {
        publishedAt: article.publishedAt,
        translationGroupId: article.translationGroupId,
      });
      if (status === 'scheduled' && input.scheduledAt && input.scheduledAt <= clock.now().toISOString()) {
        throw new ValidationError('The scheduled time has passed; choose a later time or publish now.', {
          scheduledAt: 'The scheduled time has passed; choose a later time or publish now.',
        });
      }
      const saved = await articles.update(id, version, input);
      await recordRevision(db, {
        articleId: id,
        userId: user.id,
        kind: 'save',
        form: formFromArticle(saved, deps.timeZone),
        baseVersion: saved.version,
        at: clock.now(),
      });
      const review = {
        submit: 'submitted',
        return: 'returned',
        publish: 'approved',
        schedule: 'approved',
      } as const;
      if (
        action in review &&
        ((action !== 'publish' && action !== 'schedule') || article.status === 'review')
      ) {
        await db
          .insertInto('article_review_notes')
          .values({
            article_id: id,
            user_id: user.id,
            action: review[action as keyof typeof review],
            note: note.trim().slice(0, 4000) || null,
            created_at: clock.now().toISOString(),
          })
          .execute();
      }
      await scheduleJob(saved);
      return saved;
    },

    /** Stories that tell the same story, to show before publishing. */
    sameStoryWarnings: (id: number) => deps.duplicates.findForArticle(id),

    /** Keeps what is being typed as an autosave revision; the article itself is not changed. */
    async autosave(user: User, id: number, baseVersion: number, form: ArticleForm) {
      await open(user, id);
      return recordRevision(db, {
        articleId: id,
        userId: user.id,
        kind: 'autosave',
        form,
        baseVersion,
        at: clock.now(),
      });
    },

    revisions: (id: number) => listRevisions(db, id),

    async revision(id: number, revisionId: number) {
      const revision = await findRevision(db, id, revisionId);
      if (!revision) throw new NotFoundError('That revision does not exist.').say('editor.revisionMissing');
      return revision;
    },

    /** What changed from the revision to the article as it is now. */
    diff(older: ArticleForm, newer: ArticleForm) {
      return diffLines(formLines(older), formLines(newer));
    },

    async reviewNotes(id: number) {
      return db
        .selectFrom('article_review_notes')
        .leftJoin('users', 'users.id', 'article_review_notes.user_id')
        .select([
          'article_review_notes.id',
          'article_review_notes.action',
          'article_review_notes.note',
          'article_review_notes.created_at as createdAt',
          'users.name as userName',
        ])
        .where('article_review_notes.article_id', '=', id)
        .orderBy('article_review_notes.id', 'desc')
        .execute();
    },

    /** Adds a dated "Correction:" or "Update:" note to a published story; readers and JSON-LD show it. */
    async addCorrection(user: User, id: number, kind: 'correction' | 'update', text: string) {
      const { article, own } = await open(user, id);
      if (
        !allowedActions(user, own, article.status).includes('unpublish') ||
        article.status !== 'published'
      ) {
        throw new ForbiddenError(
          'Only a published story takes corrections, from someone who may publish it.',
        ).say('editor.correctionForbidden');
      }
      const clean = text.replace(/\s+/g, ' ').trim();
      if (clean.length === 0 || clean.length > 2000) {
        throw new ValidationError('Write the correction in a sentence or two (at most 2,000 characters).', {
          correction: 'Write the correction in a sentence or two (at most 2,000 characters).',
        });
      }
      await db
        .insertInto('article_corrections')
        .values({
          article_id: id,
          kind,
          text: clean,
          published_at: clock.now().toISOString(),
          user_id: user.id,
        })
        .execute();
      await deps.events.emit('article.updated', { articleId: id });
    },

    /**
     * "Translate this article": a draft in another language in the same translation group, with the
     * provenance filled in (translated from the original, translator = the person asking).
     */
    async translate(user: User, id: number, language: string): Promise<Article> {
      const { article } = await open(user, id);
      if (!deps.languages.includes(language) || language === article.language) {
        throw new ValidationError('Choose another language this site publishes in.', {
          language: 'Choose another language this site publishes in.',
        });
      }
      const form = formFromArticle(article, deps.timeZone);
      const translation: ArticleForm = {
        ...form,
        language,
        slug: '',
        scheduledAt: '',
        tags: '',
        translationOfId: String(article.id),
        source: {
          ...form.source,
          originalTitle: article.title,
          originalLanguage: article.language,
          translator: user.name,
        },
      };
      const input = await toInput(translation, 'draft', { translationGroupId: null });
      const [newId] = await articles.createMany([input], {
        afterInsert: async (tx, ids) => {
          await tx.insertInto('article_owners').values({ article_id: ids[0]!, user_id: user.id }).execute();
        },
      });
      return (await articles.getById(newId!))!;
    },

    publishIfDue,

    /** Publishes every scheduled story whose time has come (a safety net beside each story's own job). */
    async publishDue(): Promise<number> {
      const due = await db
        .selectFrom('articles')
        .select('id')
        .where('status', '=', 'scheduled')
        .where('scheduled_at', '<=', clock.now().toISOString())
        .execute();
      let published = 0;
      for (const { id } of due) {
        try {
          if (await publishIfDue(id)) published++;
        } catch (error) {
          // Its own job (or another save) got there first; the next round looks again.
          deps.logger.warn({ err: error, articleId: id }, 'scheduled article not published this round');
        }
      }
      return published;
    },
  };
}
