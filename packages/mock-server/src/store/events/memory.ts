import type { Ack } from '@credit-check/sdk/contract';
import { recipientKey as at, type MemoryTables } from '../engines/memory.ts';
import type { DeliveryRecord } from '../outbox/contract.ts';
import { enqueue } from '../outbox/memory.ts';
import type { EventRecord, EventsStore, FeedRecord } from './contract.ts';

export function memoryEvents(t: MemoryTables): EventsStore {
  return {
    async appendEvent(input) {
      const sequence = (t.sequences.get(input.event.subjectKey) ?? 0) + 1;
      t.sequences.set(input.event.subjectKey, sequence);
      const event: EventRecord = { ...input.event, sequence };
      t.events.set(event.eventId, event);
      for (const f of input.feed) {
        const row: FeedRecord = { cursor: ++t.cursor, appId: f.appId, department: f.department, eventId: event.eventId, why: f.why };
        const rows = t.feeds.get(at(f)) ?? [];
        rows.push(row);
        t.feeds.set(at(f), rows);
        t.feedIndex.set(`${at(f)}|${event.eventId}`, row);
      }
      for (const d of input.deliveries) {
        const delivery: DeliveryRecord = { ...d, sequence };
        t.deliveries.set(delivery.deliveryId, delivery);
        enqueue(t, delivery);
      }
      return event;
    },
    async getEvent(eventId) {
      return t.events.get(eventId);
    },
    async feed(recipient, q) {
      let rows = t.feeds.get(at(recipient)) ?? [];
      if (q.after !== undefined) rows = rows.filter((r) => r.cursor > (q.after as number));
      if (q.before !== undefined) rows = rows.filter((r) => r.cursor < (q.before as number));
      if (q.acknowledged !== undefined) rows = rows.filter((r) => t.acks.has(`${at(recipient)}|${r.eventId}`) === q.acknowledged);
      if (q.order === 'desc') rows = [...rows].reverse();
      const page = rows.slice(0, q.limit).map((r) => ({ ...r, event: t.events.get(r.eventId) as EventRecord }));
      return { rows: page, more: rows.length > q.limit };
    },
    async feedRow(recipient, eventId) {
      return t.feedIndex.get(`${at(recipient)}|${eventId}`);
    },
    async unacknowledged(recipient) {
      return (t.feeds.get(at(recipient)) ?? []).filter((r) => !t.acks.has(`${at(recipient)}|${r.eventId}`)).length;
    },
    async putAck(appId: string, ack: Ack) {
      const key = `${at({ appId, department: ack.department })}|${ack.eventId}`;
      const existing = t.acks.get(key);
      if (existing) return existing;
      t.acks.set(key, ack);
      t.ackList.push({ appId, ack });
      return ack;
    },
    async getAck(recipient, eventId) {
      return t.acks.get(`${at(recipient)}|${eventId}`);
    },
    async acks(filter, appId) {
      return t.ackList
        .filter(
          ({ appId: owner, ack: a }) =>
            owner === appId &&
            (!filter.from || a.recordedAt.slice(0, 10) >= filter.from) &&
            (!filter.to || a.recordedAt.slice(0, 10) <= filter.to) &&
            (!filter.department || a.department === filter.department),
        )
        .map(({ appId: owner, ack }) => ({ ack, appId: owner, event: t.events.get(ack.eventId) as EventRecord }));
    },
  };
}
