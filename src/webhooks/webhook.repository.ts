import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { WebhookDeliveryTable, WebhookTable } from './webhooks.tables.ts';

export type WebhookRow = Selectable<WebhookTable>;
export type DeliveryRow = Selectable<WebhookDeliveryTable>;

export async function insertWebhook(db: Db, values: Insertable<WebhookTable>): Promise<WebhookRow> {
  return db.insertInto('webhooks').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function listWebhooks(db: Db): Promise<WebhookRow[]> {
  return db.selectFrom('webhooks').selectAll().orderBy('id').execute();
}

export async function findWebhook(db: Db, id: number): Promise<WebhookRow | undefined> {
  return db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateWebhook(db: Db, id: number, values: Updateable<WebhookTable>): Promise<void> {
  await db.updateTable('webhooks').set(values).where('id', '=', id).execute();
}

/** Removes a webhook and its log in one transaction (SQLite may not enforce the cascade). */
export async function deleteWebhook(db: Db, id: number): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    await tx.deleteFrom('webhook_deliveries').where('webhook_id', '=', id).execute();
    const result = await tx.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  });
}

export async function insertDelivery(db: Db, values: Insertable<WebhookDeliveryTable>): Promise<DeliveryRow> {
  return db.insertInto('webhook_deliveries').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findDelivery(db: Db, id: number): Promise<DeliveryRow | undefined> {
  return db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateDelivery(
  db: Db,
  id: number,
  values: Updateable<WebhookDeliveryTable>,
): Promise<void> {
  await db.updateTable('webhook_deliveries').set(values).where('id', '=', id).execute();
}

/** A webhook's latest deliveries, newest first. */
export async function listDeliveries(db: Db, webhookId: number, limit: number): Promise<DeliveryRow[]> {
  return db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('webhook_id', '=', webhookId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Each webhook's most recent delivery, for the list page. */
export async function latestDeliveries(db: Db): Promise<Map<number, DeliveryRow>> {
  const latest = db
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.max('id').as('id'))
    .groupBy('webhook_id');
  const rows = await db.selectFrom('webhook_deliveries').selectAll().where('id', 'in', latest).execute();
  return new Map(rows.map((r) => [r.webhook_id, r]));
}
