import type { Generated } from 'kysely';

/** A receiver an admin configured: where to POST, which events, the signing secret. */
export interface WebhookTable {
  id: Generated<number>;
  url: string;
  description: string | null;
  /** JSON array of event names. */
  events: string;
  secret: string;
  active: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One event for one webhook: queued, retried, and kept as the log admins read. */
export interface WebhookDeliveryTable {
  id: Generated<number>;
  webhook_id: number;
  event: string;
  /** The same for every webhook told of one event, so receivers can drop duplicates. */
  event_id: string;
  payload: string;
  status: DeliveryStatus;
  attempts: Generated<number>;
  /** The receiver's last HTTP status, when it answered at all. */
  response_status: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
}
