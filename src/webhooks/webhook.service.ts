import crypto from 'node:crypto';
import { z } from 'zod';
import type { ArticleService } from '../content/article.service.ts';
import type { Article } from '../content/types.ts';
import type { SiteUrls } from '../content/urls.ts';
import type { Db } from '../db/database.ts';
import { FetchFailedError } from '../ingest/fetch/fetch-errors.ts';
import type { SafeFetch } from '../ingest/fetch/safe-fetch.ts';
import { type JobRunner, retryDelayMs } from '../jobs/job-runner.ts';
import type { Clock } from '../shared/clock.ts';
import { NotFoundError, ValidationError } from '../shared/errors.ts';
import type { EventBus } from '../shared/events.ts';
import type { Logger } from '../shared/logger.ts';
import { newWebhookSecret, SIGNATURE_HEADER, signatureHeader } from './signature.ts';
import {
  type DeliveryRow,
  deleteWebhook,
  findDelivery,
  findWebhook,
  insertDelivery,
  insertWebhook,
  latestDeliveries,
  listDeliveries,
  listWebhooks,
  updateDelivery,
  updateWebhook,
  type WebhookRow,
} from './webhook.repository.ts';

/** The events a webhook can subscribe to. */
export const WEBHOOK_EVENTS = [
  'article.published',
  'article.updated',
  'article.unpublished',
  'comment.approved',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const DELIVER_JOB = 'webhook.deliver';
/** 12 attempts: the last one about 17 hours after the first (30 s, 1 min, 2 min, … 6 h apart). */
export const MAX_DELIVERY_ATTEMPTS = 12;

export interface Webhook {
  id: number;
  url: string;
  description: string | null;
  events: WebhookEvent[];
  active: boolean;
  createdAt: string;
}

export interface Delivery {
  id: number;
  webhookId: number;
  event: string;
  eventId: string;
  status: DeliveryRow['status'];
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
  payload: string;
}

const webhookInput = z.object({
  url: z
    .string()
    .trim()
    .min(1, { message: 'Give the address that should receive the events.' })
    .max(2000, { message: 'The address can be at most 2,000 characters.' })
    .refine(
      (value) => {
        try {
          const url = new URL(value);
          return /^https?:$/.test(url.protocol) && !url.username && !url.password;
        } catch {
          return false;
        }
      },
      {
        message:
          'The address must be an http(s) URL without a user name or password, such as https://example.com/hooks/newsdesk.',
      },
    ),
  description: z
    .string()
    .trim()
    .max(200, { message: 'The description can be at most 200 characters.' })
    .optional()
    .transform((v) => v || null),
  events: z
    .array(z.enum(WEBHOOK_EVENTS, { message: 'That is not an event a webhook can receive.' }))
    .min(1, { message: 'Choose at least one event.' }),
});

export type WebhookInput = z.input<typeof webhookInput>;

function toWebhook(row: WebhookRow): Webhook {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: JSON.parse(row.events) as WebhookEvent[],
    active: row.active === 1,
    createdAt: row.created_at,
  };
}

function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    event: row.event,
    eventId: row.event_id,
    status: row.status,
    attempts: row.attempts,
    responseStatus: row.response_status,
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
    payload: row.payload,
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;

/**
 * Webhooks: admins register receivers; each domain event they subscribed to becomes one delivery per
 * receiver, written to the database and sent by the job runner (claimed by exactly one instance,
 * retried with exponential backoff, resumed after a restart). Every request goes through the
 * SSRF-safe fetcher and is signed (see signature.ts). The delivery rows are the log admins read.
 */
export function createWebhookService({
  db,
  clock,
  events,
  jobs,
  fetch,
  articles,
  urls,
  logger,
}: {
  db: Db;
  clock: Clock;
  events: EventBus;
  jobs: JobRunner;
  fetch: SafeFetch;
  articles: ArticleService;
  urls: SiteUrls;
  logger: Logger;
}) {
  const now = () => clock.now().toISOString();

  function articleData(article: Article) {
    const path = urls.article(article.language, article.section?.slug, article.slug);
    return {
      id: article.id,
      language: article.language,
      slug: article.slug,
      status: article.status,
      title: article.title,
      url: urls.absolute(path),
      api: urls.absolute(
        `/api/v1/articles/${encodeURIComponent(article.slug)}?lang=${encodeURIComponent(article.language)}`,
      ),
      publishedAt: article.publishedAt,
      updatedAt: article.revisedAt ?? article.updatedAt,
      section: article.section?.slug ?? null,
      authors: article.authors.map((a) => a.name),
    };
  }

  /** What receivers get in `data` for an event; undefined when there is nothing to tell. */
  async function dataFor(event: WebhookEvent, payload: { articleId: number; commentId?: number }) {
    const article = await articles.getById(payload.articleId);
    if (!article) return undefined;
    // Saving a draft says nothing to the outside world; only changes to what readers see do.
    if (event === 'article.updated' && article.status !== 'published') return undefined;
    if (event === 'comment.approved')
      return { comment: { id: payload.commentId }, article: articleData(article) };
    return { article: articleData(article) };
  }

  async function announce(event: WebhookEvent, payload: { articleId: number; commentId?: number }) {
    const subscribed = (await listWebhooks(db))
      .map(toWebhook)
      .filter((w) => w.active && w.events.includes(event));
    if (subscribed.length === 0) return;
    const data = await dataFor(event, payload);
    if (!data) return;
    const eventId = crypto.randomUUID();
    const createdAt = now();
    const body = JSON.stringify({ id: eventId, event, createdAt, data });
    for (const webhook of subscribed) {
      const delivery = await insertDelivery(db, {
        webhook_id: webhook.id,
        event,
        event_id: eventId,
        payload: body,
        status: 'pending',
        response_status: null,
        last_error: null,
        next_attempt_at: createdAt,
        created_at: createdAt,
        updated_at: createdAt,
        delivered_at: null,
      });
      await jobs.enqueue(
        DELIVER_JOB,
        { deliveryId: delivery.id },
        { uniqueKey: `${DELIVER_JOB}:${delivery.id}`, maxAttempts: MAX_DELIVERY_ATTEMPTS },
      );
    }
  }

  for (const event of WEBHOOK_EVENTS) events.on(event, (payload) => announce(event, payload));

  jobs.handle(DELIVER_JOB, async (payload, job) => {
    const { deliveryId } = payload as { deliveryId: number };
    const delivery = await findDelivery(db, deliveryId);
    if (!delivery || delivery.status !== 'pending') return;
    const webhook = await findWebhook(db, delivery.webhook_id);
    if (!webhook || webhook.active !== 1) {
      await updateDelivery(db, delivery.id, {
        status: 'failed',
        last_error: 'The webhook was switched off before this could be delivered.',
        next_attempt_at: null,
        updated_at: now(),
      });
      return;
    }
    const sentAt = clock.now();
    const timestamp = Math.floor(sentAt.getTime() / 1000);
    let responseStatus: number | null = null;
    try {
      try {
        const response = await fetch(webhook.url, {
          method: 'POST',
          body: delivery.payload,
          accept: '*/*',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            [SIGNATURE_HEADER]: signatureHeader(webhook.secret, timestamp, delivery.payload),
            'Newsdesk-Event': delivery.event,
            'Newsdesk-Delivery': String(delivery.id),
          },
        });
        responseStatus = response.status;
      } catch (error) {
        // A 2xx whose body is of a type the fetcher does not read is still a receipt.
        if (!(error instanceof FetchFailedError && error.problem === 'type')) throw error;
      }
      await updateDelivery(db, delivery.id, {
        status: 'delivered',
        attempts: job.attempts,
        response_status: responseStatus,
        last_error: null,
        next_attempt_at: null,
        delivered_at: now(),
        updated_at: now(),
      });
    } catch (error) {
      const finalAttempt = job.attempts >= job.max_attempts;
      await updateDelivery(db, delivery.id, {
        status: finalAttempt ? 'failed' : 'pending',
        attempts: job.attempts,
        response_status: error instanceof FetchFailedError ? (error.httpStatus ?? null) : null,
        last_error: (error instanceof Error ? error.message : String(error)).slice(0, 1000),
        next_attempt_at: finalAttempt
          ? null
          : new Date(sentAt.getTime() + retryDelayMs(job.attempts)).toISOString(),
        updated_at: now(),
      });
      logger.info(
        { webhook: webhook.id, delivery: delivery.id, attempt: job.attempts },
        'webhook delivery failed',
      );
      throw error;
    }
  });

  return {
    async list(): Promise<Array<Webhook & { lastDelivery: Delivery | null }>> {
      const [rows, latest] = await Promise.all([listWebhooks(db), latestDeliveries(db)]);
      return rows.map((row) => {
        const last = latest.get(row.id);
        return { ...toWebhook(row), lastDelivery: last ? toDelivery(last) : null };
      });
    },

    async get(id: number): Promise<Webhook> {
      const row = await findWebhook(db, id);
      if (!row) throw new NotFoundError('There is no webhook with this number.');
      return toWebhook(row);
    },

    /** Registers a receiver; the secret is returned here once and never shown again. */
    async create(
      input: WebhookInput,
      createdBy: number | null,
    ): Promise<{ webhook: Webhook; secret: string }> {
      const parsed = webhookInput.safeParse(input);
      if (!parsed.success) {
        const fields: Record<string, string> = {};
        for (const issue of parsed.error.issues) fields[String(issue.path[0])] ??= issue.message;
        throw new ValidationError(Object.values(fields)[0] ?? 'The webhook is not valid.', fields);
      }
      const secret = newWebhookSecret();
      const at = now();
      const row = await insertWebhook(db, {
        url: parsed.data.url,
        description: parsed.data.description,
        events: JSON.stringify(parsed.data.events),
        secret,
        active: 1,
        created_by: createdBy,
        created_at: at,
        updated_at: at,
      });
      return { webhook: toWebhook(row), secret };
    },

    async setActive(id: number, active: boolean): Promise<void> {
      await this.get(id);
      await updateWebhook(db, id, { active: active ? 1 : 0, updated_at: now() });
    },

    async remove(id: number): Promise<void> {
      if (!(await deleteWebhook(db, id))) throw new NotFoundError('There is no webhook with this number.');
    },

    /** The delivery log of one webhook, newest first. */
    async deliveries(webhookId: number, limit = 50): Promise<Delivery[]> {
      return (await listDeliveries(db, webhookId, limit)).map(toDelivery);
    },
  };
}
