import type { Ack, EventType, Route, SubjectView } from '@credit-check/sdk/contract';
import type { EntryRecord, GradeRecord } from '../domain/records.ts';

/**
 * What the supervision loop remembers (定向推送 and 反馈, 003 §六§七): entries and grades the
 * platform learnt after seeding, the events, each department's feed, subscriptions, the webhook
 * outbox and acknowledgements. An event, its feed rows and its deliveries are written together
 * (one transaction with --data-dir), so a crash during fan-out loses nothing.
 */

/** A list entry recorded after seeding (`POST /__mock/entries`), with its later repair or revocation. */
export interface StoredEntry {
  subjectKey: string;
  /** The name the listing gave, for subjects the seed does not know. */
  name: string | null;
  entry: EntryRecord;
}

export interface EventRecord {
  eventId: string;
  type: EventType;
  subjectKey: string;
  /** 1, 2, 3 … per subject, assigned by the store. */
  sequence: number;
  occurredAt: string;
  /** The subject as known when it happened, unmasked (masking is per receiver, on the way out). */
  subject: SubjectView;
  /** The event's data (its `data` in the contract), unmasked. */
  data: unknown;
}

/**
 * Who receives: a department of one app. A department name is a label inside an app, never an
 * access key — two apps may both have a 民政局, and neither reads or acknowledges the other's.
 * `appId: ''` marks rows routed before rows carried their app: every app's — only in a --data-dir
 * written before schema 3; PostgreSQL stores were made with the app on every row and never read ''.
 */
export interface Recipient {
  appId: string;
  department: string;
}

/** One row of a recipient's feed: the event and why it was routed there. `cursor` is the feed position. */
export interface FeedRecord extends Recipient {
  cursor: number;
  eventId: string;
  why: Route[];
}

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

/** A new event with where it goes: the store assigns its sequence, cursors and delivery sequence. */
export interface NewEvent {
  event: Omit<EventRecord, 'sequence'>;
  feed: (Recipient & { why: Route[] })[];
  deliveries: Omit<DeliveryRecord, 'sequence'>[];
}

export interface FeedQuery {
  after?: number;
  before?: number;
  order: 'asc' | 'desc';
  limit: number;
  /** Only rows the department has (true) or has not (false) acknowledged. */
  acknowledged?: boolean;
}

export interface CaseFilter {
  from?: string;
  to?: string;
  department?: string;
}

export interface CheckerRecord {
  /** The app that checked ('' for checks stored before checks carried their app). */
  appId: string;
  department: string;
  matter: string;
  checkedAt: string;
}

/** A claim on deliveries by one deliverer: others pass them over until it expires (its holder died). */
export interface DeliveryLease {
  /** Who holds it (an instance id). */
  owner: string;
  /** ms since the epoch. */
  until: number;
}

export interface SupervisionStore {
  putEntry(record: StoredEntry): Promise<void>;
  entriesOf(subjectKey: string): Promise<StoredEntry[]>;
  getEntry(entryId: string): Promise<StoredEntry | undefined>;
  allEntries(): Promise<StoredEntry[]>;

  putGrade(subjectKey: string, grade: GradeRecord): Promise<void>;
  gradeOf(subjectKey: string): Promise<GradeRecord | undefined>;

  /** Departments that checked the subject since `sinceIso`: the latest check per app, department and matter. */
  checkersOf(subjectKey: string, sinceIso: string): Promise<CheckerRecord[]>;

  appendEvent(input: NewEvent): Promise<EventRecord>;
  getEvent(eventId: string): Promise<EventRecord | undefined>;
  feed(recipient: Recipient, query: FeedQuery): Promise<{ rows: (FeedRecord & { event: EventRecord })[]; more: boolean }>;
  feedRow(recipient: Recipient, eventId: string): Promise<FeedRecord | undefined>;
  unacknowledged(recipient: Recipient): Promise<number>;

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

  /** Records the ack unless the recipient (app and department) already acknowledged the event; returns what is stored. */
  putAck(appId: string, ack: Ack): Promise<Ack>;
  getAck(recipient: Recipient, eventId: string): Promise<Ack | undefined>;
  /** The app's acks (and those stored before acks carried their app) with their events, in recording order. */
  acks(filter: CaseFilter, appId: string): Promise<{ ack: Ack; event: EventRecord; appId: string }[]>;
}

/** The chain a delivery belongs to: one subscription, one subject — delivered strictly in order. */
export const chainOf = (d: Pick<DeliveryRecord, 'subscriptionId' | 'subjectKey'>): string => `${d.subscriptionId}|${d.subjectKey}`;
