import type { CreditEvent, CreditEventOf, EventType, Measure } from '@credit-check/sdk/contract';
import type { SubjectRecord } from '../domain/records.ts';
import { measuresTriggeredBy, mergeRoutes, routesFor, type SubjectHistory } from '../domain/routing.ts';
import { sortableId } from '../store/ids.ts';
import type { DeliveryRecord, EventRecord, NewEvent } from '../store/store.ts';
import type { PlatformContext } from './context.ts';
import { commitmentRecordsOf, recordOf } from './subject-file.ts';
import { maskSubject, subjectView } from './views.ts';

/** What changed: an event type with its contract data and the subject's key (derived from the contract, never restated). */
export type Happening = { [T in EventType]: { type: T; key: string } & CreditEventOf<T>['data'] }[EventType];

/** What the caller already read of the subject (`record`: undefined for a subject with no record). */
export interface Known {
  record: SubjectRecord | undefined;
}

/** Called after events are appended (the Node server's deliverer wakes on it). */
export type EventListener = (events: readonly EventRecord[]) => void;

/**
 * Records what happened and routes it (定向推送, 003 §六): to every department a subscription of
 * which the routing rules select, as one event in each department's feed and one outbox delivery
 * per webhook subscription — written together, so nothing is lost between them. `known`: the
 * subject's record the caller has just read (the entry it reports came from it).
 */
export async function emit(ctx: PlatformContext, happening: Happening, known?: Known): Promise<EventRecord> {
  const [idType, id] = happening.key.split(':') as [SubjectRecord['idType'], string];
  const record = known ? known.record : await recordOf(ctx, happening.key);
  const measures: Measure[] =
    'entry' in happening
      ? measuresTriggeredBy({ code: happening.entry.listCode, listType: happening.entry.listType }, ctx.catalog.measures)
      : [];
  const commitmentId = 'commitment' in happening ? happening.commitment.commitmentId : undefined;
  const subscriptions = await ctx.store.activeSubscriptions();
  const now = ctx.now();
  const longest = Math.max(0, ...subscriptions.map((s) => s.monitoringDays));
  const [checks, commitments] = subscriptions.length
    ? await Promise.all([
        ctx.store.checkersOf(happening.key, new Date(now - longest * 86_400_000).toISOString()),
        acceptedOnCommitment(ctx, happening.key, record),
      ])
    : [[], []];
  // What an app's subscriptions may be routed by: its own checks and acceptances (and those stored
  // before records carried their app). Another app's would tell it what that app did.
  const histories = new Map<string, SubjectHistory>();
  const historyOf = (appId: string): SubjectHistory => {
    let history = histories.get(appId);
    if (!history) {
      const own = (owner: string | undefined) => !owner || owner === appId;
      history = { checks: checks.filter((c) => own(c.appId)), commitments: commitments.filter((c) => own(c.appId)) };
      histories.set(appId, history);
    }
    return history;
  };
  const matterName = (code: string) => ctx.matters.get(code)?.name ?? code;
  const occurrence = { type: happening.type, idType, id, measures, ...(commitmentId ? { commitmentId } : {}) };

  const eventId = sortableId('evt_');
  // One feed row per recipient (app × department), with the reasons of all its subscriptions.
  const byRecipient = new Map<string, NewEvent['feed'][number]>();
  const deliveries: NewEvent['deliveries'] = [];
  const realNow = Date.now();
  for (const s of subscriptions) {
    const routes = routesFor(occurrence, s, historyOf(s.appId), now, matterName);
    if (routes.length === 0) continue;
    const key = `${s.appId}\u0000${s.department}`;
    const row = byRecipient.get(key);
    byRecipient.set(key, { appId: s.appId, department: s.department, why: mergeRoutes([...(row?.why ?? []), ...routes]) });
    if (s.url) {
      deliveries.push({
        deliveryId: sortableId('dlv_'),
        subscriptionId: s.subscriptionId,
        eventId,
        type: happening.type,
        subjectKey: happening.key,
        why: routes,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: realNow,
        lastAttemptAt: null,
        lastError: null,
        deliveredAt: null,
      } satisfies Omit<DeliveryRecord, 'sequence'>);
    }
  }
  const { type: _type, key: _key, ...data } = happening;
  const event = await ctx.store.appendEvent({
    event: {
      eventId,
      type: happening.type,
      subjectKey: happening.key,
      occurredAt: ctx.nowIso(),
      subject: subjectView(record, { idType, id }),
      data,
    },
    feed: [...byRecipient.values()],
    deliveries,
  });
  // Told once committed: a deliverer in another process (`--workers`) must find it in the file.
  ctx.store.afterCommit(() => ctx.notify?.([event]));
  return event;
}

/** Applications accepted on commitment (告知承诺, 容缺受理) with the accepting department and its app. */
async function acceptedOnCommitment(
  ctx: PlatformContext,
  key: string,
  record: SubjectRecord | undefined,
): Promise<(SubjectHistory['commitments'][number] & { appId?: string | undefined })[]> {
  return (await commitmentRecordsOf(ctx, key, record))
    .filter((c) => c.type === 'informed' || c.type === 'tolerance')
    .flatMap((c) => {
      const department = c.department ?? (c.matterCode ? ctx.matters.get(c.matterCode)?.department : undefined);
      return department
        ? [{ commitmentId: c.commitmentId, department, matter: c.matterCode, settled: c.fulfilment !== null, appId: c.appId }]
        : [];
    });
}

/** The contract's event for one receiver: the subject (and a commitment's subject) masked unless it may see PII. */
export function eventView(event: EventRecord, why: CreditEvent['why'], pii: boolean): CreditEvent {
  const data = event.data as Record<string, unknown>;
  const commitment = data.commitment as { subject: CreditEvent['subject'] } | undefined;
  return {
    eventId: event.eventId,
    type: event.type,
    occurredAt: event.occurredAt,
    sequence: event.sequence,
    subject: pii ? event.subject : maskSubject(event.subject),
    data: commitment && !pii ? { ...data, commitment: { ...commitment, subject: maskSubject(commitment.subject) } } : data,
    why,
  } as CreditEvent;
}
