import type { Ack, EventType, Route, SubjectView } from '@credit-check/sdk/contract';
import type { CaseFilter } from '../feedback/contract.ts';
import type { DeliveryRecord } from '../outbox/contract.ts';

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

/**
 * The events aggregate: what happened to a subject (定向推送, 003 §六), each department's feed of
 * it and their acknowledgements (反馈, 003 §七). An event, its feed rows and its outbox deliveries
 * are written together, so a crash during fan-out loses nothing.
 */
export interface EventsStore {
  appendEvent(input: NewEvent): Promise<EventRecord>;
  getEvent(eventId: string): Promise<EventRecord | undefined>;
  feed(recipient: Recipient, query: FeedQuery): Promise<{ rows: (FeedRecord & { event: EventRecord })[]; more: boolean }>;
  feedRow(recipient: Recipient, eventId: string): Promise<FeedRecord | undefined>;
  unacknowledged(recipient: Recipient): Promise<number>;

  /** Records the ack unless the recipient (app and department) already acknowledged the event; returns what is stored. */
  putAck(appId: string, ack: Ack): Promise<Ack>;
  getAck(recipient: Recipient, eventId: string): Promise<Ack | undefined>;
  /** The app's acks with their events, in recording order. */
  acks(filter: CaseFilter, appId: string): Promise<{ ack: Ack; event: EventRecord; appId: string }[]>;
}
