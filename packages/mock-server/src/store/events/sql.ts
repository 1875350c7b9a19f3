import type { Ack } from '@credit-check/sdk/contract';
import { bodies, filterClause, LOCKS, type Param, type SqlEngine } from '../engines/engine.ts';
import type { DeliveryRecord } from '../outbox/contract.ts';
import type { EventRecord, EventsStore } from './contract.ts';
import { type FeedRow, feedPage, feedRecord } from './feed-rows.ts';

/** An ack of the feed row `f` by its recipient. */
const ACKED = 'SELECT 1 FROM acks a WHERE a.event_id = f.event_id AND a.department = f.department AND a.app_id = f.app_id';

export function sqlEvents(db: SqlEngine): EventsStore {
  const getAck: EventsStore['getAck'] = async (recipient, eventId) =>
    bodies<Ack>(
      db,
      'acks',
      await db.all('SELECT body FROM acks WHERE app_id = ? AND department = ? AND event_id = ?', [
        recipient.appId,
        recipient.department,
        eventId,
      ]),
    )[0];
  return {
    appendEvent(input) {
      const subject = db.rows.subject(input.event.subjectKey);
      // Appends are serialised across instances: a subject's sequence is max + 1 without a race,
      // and feed cursors commit in their order (a reader paging by cursor never skips one).
      return db.atomically(LOCKS.append, async (tx) => {
        const [last] = await tx.all<{ s: number | string | null }>('SELECT max(sequence) AS s FROM events WHERE subject_key = ?', [
          subject,
        ]);
        const event: EventRecord = { ...input.event, sequence: Number(last?.s ?? 0) + 1 };
        const writes: Promise<unknown>[] = [
          tx.write('INSERT INTO events (event_id, subject_key, sequence, body) VALUES (?, ?, ?, ?)', [
            event.eventId,
            subject,
            event.sequence,
            db.rows.write('events', event),
          ]),
        ];
        for (const f of input.feed) {
          writes.push(
            tx.write('INSERT INTO feed (app_id, department, event_id, why) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING', [
              f.appId,
              f.department,
              event.eventId,
              JSON.stringify(f.why),
            ]),
          );
        }
        for (const d of input.deliveries) {
          const delivery: DeliveryRecord = { ...d, sequence: event.sequence };
          writes.push(
            tx.write(
              `INSERT INTO deliveries (delivery_id, subscription_id, subject_key, sequence, status, next_at, body)
               VALUES (?, ?, ?, ?, ?, ?, ?)`,
              [
                delivery.deliveryId,
                delivery.subscriptionId,
                db.rows.subject(delivery.subjectKey),
                delivery.sequence,
                delivery.status,
                delivery.nextAttemptAt,
                db.rows.write('deliveries', delivery),
              ],
            ),
          );
        }
        // Pipelined in PostgreSQL: one round trip for the event, its feed rows and its outbox.
        await Promise.all(writes);
        return event;
      });
    },
    async getEvent(eventId) {
      return bodies<EventRecord>(db, 'events', await db.all('SELECT body FROM events WHERE event_id = ?', [eventId]))[0];
    },
    async feed(recipient, q) {
      const where = ['f.app_id = ?', 'f.department = ?'];
      const params: Param[] = [recipient.appId, recipient.department];
      if (q.after !== undefined) {
        where.push('f.cursor > ?');
        params.push(q.after);
      }
      if (q.before !== undefined) {
        where.push('f.cursor < ?');
        params.push(q.before);
      }
      if (q.acknowledged !== undefined) where.push(`${q.acknowledged ? '' : 'NOT '}EXISTS (${ACKED})`);
      params.push(q.limit + 1);
      const rows = await db.all<FeedRow & { body: string }>(
        `SELECT f.cursor, f.app_id, f.department, f.event_id, f.why, e.body FROM feed f JOIN events e ON e.event_id = f.event_id
         WHERE ${where.join(' AND ')} ORDER BY f.cursor ${q.order === 'desc' ? 'DESC' : 'ASC'} LIMIT ?`,
        params,
      );
      return feedPage(rows, q.limit, db.rows);
    },
    async feedRow(recipient, eventId) {
      const [r] = await db.all<FeedRow>(
        'SELECT cursor, app_id, department, event_id, why FROM feed WHERE app_id = ? AND department = ? AND event_id = ?',
        [recipient.appId, recipient.department, eventId],
      );
      return r ? feedRecord(r) : undefined;
    },
    async unacknowledged(recipient) {
      const [row] = await db.all<{ n: number | string }>(
        `SELECT count(*) AS n FROM feed f WHERE f.app_id = ? AND f.department = ? AND NOT EXISTS (${ACKED})`,
        [recipient.appId, recipient.department],
      );
      return Number(row?.n ?? 0);
    },
    async putAck(appId, ack) {
      await db.write('INSERT INTO acks (app_id, event_id, department, recorded_at, body) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING', [
        appId,
        ack.eventId,
        ack.department,
        ack.recordedAt,
        db.rows.write('acks', ack),
      ]);
      return (await getAck({ appId, department: ack.department }, ack.eventId)) as Ack;
    },
    getAck,
    async acks(filter, appId) {
      const { where, params } = filterClause('a.recorded_at', 'a.department', filter, ['a.app_id', appId]);
      const rows = await db.all<{ app_id: string; ack: string; event: string }>(
        `SELECT a.app_id, a.body AS ack, e.body AS event FROM acks a JOIN events e ON e.event_id = a.event_id ${where} ORDER BY a.id`,
        params,
      );
      return rows.map((r) => ({
        ack: db.rows.read<Ack>('acks', r.ack),
        appId: r.app_id,
        event: db.rows.read<EventRecord>('events', r.event),
      }));
    },
  };
}
