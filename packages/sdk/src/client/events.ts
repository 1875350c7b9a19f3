import type { Case, CaseQueryInput } from '../contract/cases.ts';
import { CaseQuery } from '../contract/cases.ts';
import * as endpoints from '../contract/endpoints.ts';
import type { AckInput, EventFeedQuery, FeedItem } from '../contract/events.ts';
import { AckRequest, EventFeedQuery as FeedQuerySchema } from '../contract/events.ts';
import { type DeliveryStatus, type RotateSecretRequest, type SubscriptionInput, SubscriptionRequest } from '../contract/subscriptions.ts';
import type { Connection } from './connection.ts';
import { later, resourceId, validate } from './input.ts';
import type { CallOptions } from './options.ts';

type Query = Record<string, string | undefined>;
const asQuery = (o: Record<string, string | number | undefined>): Query =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v === undefined ? undefined : String(v)]));

/** One page of a department's pushed events (定向推送 pull feed). */
export function listEvents(connection: Connection, query: Partial<EventFeedQuery> = {}, opts: CallOptions = {}) {
  return later(() => {
    const q = validate(FeedQuerySchema, asQuery(query as Record<string, string | number | undefined>), 'event feed query');
    return connection.call(endpoints.listEvents, { query: asQuery(q) }, opts);
  });
}

/** Every field may be given as `undefined` (a cursor not stored yet): the same as leaving it out. */
export interface EventStreamOptions {
  /** The department (app callers; a token reads its own). */
  department?: string | undefined;
  /** Resume after this cursor (store each item's `cursor` as you handle it). */
  after?: string | undefined;
  /** Page size (default 100). */
  limit?: number | undefined;
  /** Keep polling for new events once caught up, waiting this long between polls (ms); default: stop when caught up. */
  follow?: number | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * The pull feed as an async iterator: every event after `after`, oldest first, page by page;
 * with `follow`, it keeps polling (for intranets that cannot receive webhooks). Store each
 * item's `cursor` once handled and pass it as `after` to resume after a restart.
 */
export async function* events(connection: Connection, options: EventStreamOptions = {}): AsyncGenerator<FeedItem> {
  let after = options.after;
  for (;;) {
    const page = await listEvents(
      connection,
      { department: options.department, after, limit: options.limit, order: 'asc' },
      options.signal ? { signal: options.signal } : {},
    );
    for (const item of page.items) {
      yield item;
      after = item.cursor;
    }
    if (page.next) continue;
    if (options.follow === undefined || options.signal?.aborted) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, options.follow);
      options.signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
    if (options.signal?.aborted) return;
  }
}

/** 响应—反馈 on a pushed event: 已惩戒 / 已激励 / 不适用. The same ack again returns it; a different one is a 409. */
export function ackEvent(connection: Connection, eventId: string, input: AckInput, opts: CallOptions = {}) {
  return later(() =>
    connection.call(
      endpoints.ackEvent,
      { params: { eventId: resourceId(eventId, 'eventId') }, body: validate(AckRequest, input, 'ack') },
      opts,
    ),
  );
}

/** Subscriptions of a department to pushed events (server side, app credentials). The secret is returned once. */
export const subscriptions = {
  create: (connection: Connection, input: SubscriptionInput, opts: CallOptions = {}) =>
    later(() => connection.call(endpoints.createSubscription, { body: validate(SubscriptionRequest, input, 'subscription') }, opts)),
  list: (connection: Connection, opts: CallOptions = {}) => connection.call(endpoints.listSubscriptions, {}, opts),
  get: (connection: Connection, id: string, opts: CallOptions = {}) =>
    later(() => connection.call(endpoints.getSubscription, { params: { subscriptionId: resourceId(id, 'subscriptionId') } }, opts)),
  delete: (connection: Connection, id: string, opts: CallOptions = {}) =>
    later(() => connection.call(endpoints.deleteSubscription, { params: { subscriptionId: resourceId(id, 'subscriptionId') } }, opts)),
  rotateSecret: (connection: Connection, id: string, input: RotateSecretRequest = {}, opts: CallOptions = {}) =>
    later(() =>
      connection.call(
        endpoints.rotateSubscriptionSecret,
        { params: { subscriptionId: resourceId(id, 'subscriptionId') }, body: input },
        opts,
      ),
    ),
  deliveries: (connection: Connection, id: string, query: { status?: DeliveryStatus; limit?: number } = {}, opts: CallOptions = {}) =>
    later(() =>
      connection.call(
        endpoints.listDeliveries,
        { params: { subscriptionId: resourceId(id, 'subscriptionId') }, query: asQuery(query) },
        opts,
      ),
    ),
  redeliver: (connection: Connection, id: string, deliveryIds?: string[], opts: CallOptions = {}) =>
    later(() =>
      connection.call(
        endpoints.redeliver,
        { params: { subscriptionId: resourceId(id, 'subscriptionId') }, body: deliveryIds ? { deliveryIds } : {} },
        opts,
      ),
    ),
};

/** 联合奖惩案例: every feedback from checks and pushed events, one page. */
export function listCases(connection: Connection, query: CaseQueryInput = {}, opts: CallOptions = {}) {
  return later(() => {
    const q = validate(CaseQuery, asQuery(query as Record<string, string | number | undefined>), 'case query');
    return connection.call(endpoints.listCases, { query: asQuery(q) }, opts);
  });
}

/**
 * Every case that matches, page after page, as an async iterator (stripe-node's auto-paging):
 * `for await (const c of cases(connection, { from: '2026-01-01' }))`. `limit` is the page size; stop
 * early with `break` and no further page is asked for.
 */
export async function* cases(
  connection: Connection,
  query: Omit<CaseQueryInput, 'after'> = {},
  opts: CallOptions = {},
): AsyncGenerator<Case, void, undefined> {
  let after: string | undefined;
  for (;;) {
    const page = await listCases(connection, { ...query, ...(after ? { after } : {}) }, opts);
    yield* page.cases;
    if (!page.next) return;
    after = page.next;
  }
}

/** The cases as CSV (UTF-8 with a BOM, every match): write it to a file as is. */
export function casesCsv(connection: Connection, query: Omit<CaseQueryInput, 'limit' | 'after'> = {}, opts: CallOptions = {}) {
  return later(async () => {
    const q = validate(CaseQuery, asQuery(query as Record<string, string | undefined>), 'case query');
    // fetch's text() drops the BOM; put it back so the file opens in a spreadsheet with the Chinese intact.
    const text = await connection.callText(endpoints.listCases, { query: asQuery(q), accept: 'text/csv' }, opts);
    return text.startsWith('\uFEFF') ? text : `\uFEFF${text}`;
  });
}
