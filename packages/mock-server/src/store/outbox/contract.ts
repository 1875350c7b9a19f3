import type { EventType, Route } from '@credit-check/sdk/contract';

export interface SubscriptionRecord {
  subscriptionId: string;
  appId: string;
  department: string;
  url: string | null;
  types: EventType[];
  matters: string[];
  region: string | null;
  monitoringDays: number;
  pii: boolean;
  description: string;
  createdAt: string;
  secret: string;
  previousSecret: string | null;
  /** ms since the epoch */
  previousSecretValidUntil: number | null;
  deletedAt: string | null;
}

export interface DeliveryRecord {
  deliveryId: string;
  subscriptionId: string;
  eventId: string;
  type: EventType;
  subjectKey: string;
  sequence: number;
  /** The routes of this event for the subscription's department (the `why` it is sent with). */
  why: Route[];
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  /** ms since the epoch; null once delivered or dead. */
  nextAttemptAt: number | null;
  lastAttemptAt: number | null;
  lastError: string | null;
  deliveredAt: number | null;
}

/** A claim on deliveries by one deliverer: others pass them over until it expires (its holder died). */
export interface DeliveryLease {
  /** Who holds it (an instance id). */
  owner: string;
  /** ms since the epoch. */
  until: number;
}

/** The chain a delivery belongs to: one subscription, one subject — delivered strictly in order. */
export const chainOf = (d: Pick<DeliveryRecord, 'subscriptionId' | 'subjectKey'>): string => `${d.subscriptionId}|${d.subjectKey}`;

/**
 * The outbox aggregate: webhook subscriptions and the deliveries owed to them (定向推送 by push,
 * 003 §六), in order per subscription and subject, retried until delivered or dead.
 */
export interface OutboxStore {
  putSubscription(record: SubscriptionRecord): Promise<void>;
  getSubscription(subscriptionId: string): Promise<SubscriptionRecord | undefined>;
  subscriptionsOf(appId: string): Promise<SubscriptionRecord[]>;
  /** Every subscription not deleted (routing reads them on each event). */
  activeSubscriptions(): Promise<SubscriptionRecord[]>;

  /**
   * Pending deliveries due by `now`, only the oldest pending one per subscription and subject (order
   * per subject), none in `busy` (chains this deliverer has in flight). With a `lease`, those handed
   * out are claimed until it expires: deliverers of other instances pass them over (PostgreSQL,
   * where every instance delivers); the embedded stores have one deliverer and need none.
   */
  dueDeliveries(now: number, limit: number, busy: ReadonlySet<string>, lease?: DeliveryLease): Promise<DeliveryRecord[]>;
  /**
   * The earliest next attempt after `after` (ms), or null. What is due by `after` but was not
   * handed out is in flight or waits behind a delivery in flight, whose completion wakes the deliverer.
   */
  nextDueAt(after: number): Promise<number | null>;
  /** Records an attempt's outcome (and releases its lease). */
  updateDelivery(record: DeliveryRecord): Promise<void>;
  deliveriesOf(subscriptionId: string, status: DeliveryRecord['status'] | undefined, limit: number): Promise<DeliveryRecord[]>;
  countDeliveries(subscriptionId: string, status: DeliveryRecord['status']): Promise<number>;
  /** Drops a deleted subscription's pending deliveries. */
  dropPending(subscriptionId: string): Promise<void>;
}
