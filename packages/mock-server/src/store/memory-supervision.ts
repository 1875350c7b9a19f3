import type { Ack } from '@credit-check/sdk/contract';
import type { GradeRecord } from '../domain/records.ts';
import {
  type CaseFilter,
  type CheckerRecord,
  chainOf,
  type DeliveryRecord,
  type EventRecord,
  type FeedQuery,
  type FeedRecord,
  type NewEvent,
  type Recipient,
  type StoredEntry,
  type SubscriptionRecord,
  type SupervisionStore,
} from './supervision.ts';

/** A recipient's key in the maps below: app and department (a department name alone is no key). */
const at = (r: Recipient) => `${r.appId}\u0000${r.department}`;

/** The supervision loop in memory (the default store, msw and the browser's service worker). */
export class MemorySupervision implements SupervisionStore {
  private entries = new Map<string, StoredEntry>();
  private entriesBySubject = new Map<string, string[]>();
  private grades = new Map<string, GradeRecord>();
  private events = new Map<string, EventRecord>();
  private sequences = new Map<string, number>();
  private feeds = new Map<string, FeedRecord[]>();
  private feedIndex = new Map<string, FeedRecord>();
  private cursor = 0;
  private subscriptions = new Map<string, SubscriptionRecord>();
  private deliveries = new Map<string, DeliveryRecord>();
  /** Pending deliveries per chain (subscription × subject), oldest first. */
  private chains = new Map<string, DeliveryRecord[]>();
  private ackList: { appId: string; ack: Ack }[] = [];
  private ackIndex = new Map<string, Ack>();
  /** Checks as the routing needs them: per subject, per app, department and matter, the latest. */
  protected checkers = new Map<string, Map<string, CheckerRecord>>();

  protected noteChecker(subjectKey: string, checker: CheckerRecord): void {
    let bySubject = this.checkers.get(subjectKey);
    if (!bySubject) {
      bySubject = new Map();
      this.checkers.set(subjectKey, bySubject);
    }
    bySubject.set(`${at(checker)}\u0000${checker.matter}`, checker);
  }

  async putEntry(record: StoredEntry): Promise<void> {
    if (!this.entries.has(record.entry.entryId)) {
      const ids = this.entriesBySubject.get(record.subjectKey) ?? [];
      ids.push(record.entry.entryId);
      this.entriesBySubject.set(record.subjectKey, ids);
    }
    this.entries.set(record.entry.entryId, record);
  }
  async entriesOf(subjectKey: string): Promise<StoredEntry[]> {
    return (this.entriesBySubject.get(subjectKey) ?? []).map((id) => this.entries.get(id) as StoredEntry);
  }
  async getEntry(entryId: string) {
    return this.entries.get(entryId);
  }
  async allEntries(): Promise<StoredEntry[]> {
    return [...this.entries.values()];
  }

  async putGrade(subjectKey: string, grade: GradeRecord): Promise<void> {
    this.grades.set(subjectKey, grade);
  }
  async gradeOf(subjectKey: string) {
    return this.grades.get(subjectKey);
  }

  async checkersOf(subjectKey: string, sinceIso: string): Promise<CheckerRecord[]> {
    return [...(this.checkers.get(subjectKey)?.values() ?? [])].filter((c) => c.checkedAt >= sinceIso);
  }

  async appendEvent(input: NewEvent): Promise<EventRecord> {
    const sequence = (this.sequences.get(input.event.subjectKey) ?? 0) + 1;
    this.sequences.set(input.event.subjectKey, sequence);
    const event: EventRecord = { ...input.event, sequence };
    this.events.set(event.eventId, event);
    for (const f of input.feed) {
      const row: FeedRecord = { cursor: ++this.cursor, appId: f.appId, department: f.department, eventId: event.eventId, why: f.why };
      const rows = this.feeds.get(at(f)) ?? [];
      rows.push(row);
      this.feeds.set(at(f), rows);
      this.feedIndex.set(`${at(f)}|${event.eventId}`, row);
    }
    for (const d of input.deliveries) {
      const delivery: DeliveryRecord = { ...d, sequence };
      this.deliveries.set(delivery.deliveryId, delivery);
      this.enqueue(delivery);
    }
    return event;
  }
  async getEvent(eventId: string) {
    return this.events.get(eventId);
  }

  async feed(recipient: Recipient, q: FeedQuery) {
    let rows = this.feeds.get(at(recipient)) ?? [];
    if (q.after !== undefined) rows = rows.filter((r) => r.cursor > (q.after as number));
    if (q.before !== undefined) rows = rows.filter((r) => r.cursor < (q.before as number));
    if (q.acknowledged !== undefined) rows = rows.filter((r) => this.ackIndex.has(`${at(recipient)}|${r.eventId}`) === q.acknowledged);
    if (q.order === 'desc') rows = [...rows].reverse();
    const page = rows.slice(0, q.limit).map((r) => ({ ...r, event: this.events.get(r.eventId) as EventRecord }));
    return { rows: page, more: rows.length > q.limit };
  }
  async feedRow(recipient: Recipient, eventId: string) {
    return this.feedIndex.get(`${at(recipient)}|${eventId}`);
  }
  async unacknowledged(recipient: Recipient): Promise<number> {
    return (this.feeds.get(at(recipient)) ?? []).filter((r) => !this.ackIndex.has(`${at(recipient)}|${r.eventId}`)).length;
  }

  async putSubscription(record: SubscriptionRecord): Promise<void> {
    this.subscriptions.set(record.subscriptionId, record);
  }
  async getSubscription(subscriptionId: string) {
    return this.subscriptions.get(subscriptionId);
  }
  async subscriptionsOf(appId: string) {
    return [...this.subscriptions.values()].filter((s) => s.appId === appId && !s.deletedAt);
  }
  async activeSubscriptions() {
    return [...this.subscriptions.values()].filter((s) => !s.deletedAt);
  }

  private enqueue(delivery: DeliveryRecord): void {
    const key = chainOf(delivery);
    const chain = this.chains.get(key);
    if (!chain) this.chains.set(key, [delivery]);
    else {
      chain.push(delivery);
      if (chain.length > 1 && (chain.at(-2) as DeliveryRecord).sequence > delivery.sequence) chain.sort((a, b) => a.sequence - b.sequence);
    }
  }

  async dueDeliveries(now: number, limit: number, busy: ReadonlySet<string>): Promise<DeliveryRecord[]> {
    const out: DeliveryRecord[] = [];
    for (const [key, chain] of this.chains) {
      if (out.length >= limit) break;
      const head = chain[0];
      if (head && !busy.has(key) && (head.nextAttemptAt ?? 0) <= now) out.push({ ...head });
    }
    return out;
  }
  async nextDueAt(after: number): Promise<number | null> {
    let next: number | null = null;
    for (const chain of this.chains.values()) {
      const at = chain[0]?.nextAttemptAt;
      if (at != null && at > after && (next === null || at < next)) next = at;
    }
    return next;
  }
  async updateDelivery(record: DeliveryRecord): Promise<void> {
    const current = this.deliveries.get(record.deliveryId);
    if (!current) return;
    Object.assign(current, record);
    const key = chainOf(current);
    const chain = this.chains.get(key) ?? [];
    const inChain = chain.indexOf(current);
    if (current.status === 'pending' && inChain < 0) this.enqueue(current);
    if (current.status !== 'pending' && inChain >= 0) {
      chain.splice(inChain, 1);
      if (chain.length === 0) this.chains.delete(key);
    }
  }
  async deliveriesOf(subscriptionId: string, status: DeliveryRecord['status'] | undefined, limit: number) {
    const out: DeliveryRecord[] = [];
    for (const d of this.deliveries.values()) {
      if (d.subscriptionId === subscriptionId && (!status || d.status === status)) out.push({ ...d });
    }
    return out.slice(-limit);
  }
  async countDeliveries(subscriptionId: string, status: DeliveryRecord['status']): Promise<number> {
    let n = 0;
    for (const d of this.deliveries.values()) if (d.subscriptionId === subscriptionId && d.status === status) n++;
    return n;
  }
  async dropPending(subscriptionId: string): Promise<void> {
    for (const d of [...this.deliveries.values()]) {
      if (d.subscriptionId === subscriptionId && d.status === 'pending') {
        this.deliveries.delete(d.deliveryId);
        this.chains.delete(chainOf(d));
      }
    }
  }

  async putAck(appId: string, ack: Ack): Promise<Ack> {
    const key = `${at({ appId, department: ack.department })}|${ack.eventId}`;
    const existing = this.ackIndex.get(key);
    if (existing) return existing;
    this.ackIndex.set(key, ack);
    this.ackList.push({ appId, ack });
    return ack;
  }
  async getAck(recipient: Recipient, eventId: string) {
    return this.ackIndex.get(`${at(recipient)}|${eventId}`);
  }
  async acks(filter: CaseFilter, appId: string) {
    return this.ackList
      .filter(
        ({ appId: owner, ack: a }) =>
          owner === appId &&
          (!filter.from || a.recordedAt.slice(0, 10) >= filter.from) &&
          (!filter.to || a.recordedAt.slice(0, 10) <= filter.to) &&
          (!filter.department || a.department === filter.department),
      )
      .map(({ appId: owner, ack }) => ({ ack, appId: owner, event: this.events.get(ack.eventId) as EventRecord }));
  }

  protected clearSupervision(): void {
    for (const map of [
      this.entries,
      this.entriesBySubject,
      this.grades,
      this.events,
      this.sequences,
      this.feeds,
      this.feedIndex,
      this.subscriptions,
      this.deliveries,
      this.chains,
      this.ackIndex,
      this.checkers,
    ])
      map.clear();
    this.ackList = [];
    this.cursor = 0;
  }
}
