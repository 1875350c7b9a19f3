import type { RowCodec } from '../codec.ts';
import type { EventRecord, FeedRecord } from './contract.ts';

/** A feed row as both SQL stores select it (the cursor a number in SQLite, a bigint's text in PostgreSQL). */
export interface FeedRow {
  cursor: number | string;
  app_id: string;
  department: string;
  event_id: string;
  why: string;
}

/** A feed row as the platform reads it. */
export const feedRecord = (r: FeedRow): FeedRecord => ({
  cursor: Number(r.cursor),
  appId: r.app_id,
  department: r.department,
  eventId: r.event_id,
  why: JSON.parse(r.why),
});

/** One page of a feed from `limit + 1` selected rows (the extra one says there is more). */
export function feedPage(rows: readonly (FeedRow & { body: string })[], limit: number, codec: RowCodec) {
  return {
    rows: rows.slice(0, limit).map((r) => ({ ...feedRecord(r), event: codec.read<EventRecord>('events', r.body) })),
    more: rows.length > limit,
  };
}
