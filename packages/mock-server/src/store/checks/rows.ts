import type { RowCodec } from '../codec.ts';
import type { StoredCheck } from './contract.ts';

/**
 * How both SQL stores keep a check: what is sealed under 国密 and what stays a column, in one place
 * (as feed-rows.ts does for the feed; meta.ts does it for the meta table).
 */

/**
 * A check's row body: the check, or — sealed — the check with its subject key (the column holds
 * only its blind index). The app is its column's alone (plain: the filters need it; not personal).
 */
export function checkBody(rows: RowCodec, record: Pick<StoredCheck, 'check' | 'subjectKey'>): string {
  return rows.sealed ? rows.write('checks', { subjectKey: record.subjectKey, check: record.check }) : JSON.stringify(record.check);
}

/** A check's row as both SQL stores select it. */
export interface CheckRow {
  subject_key: string;
  app_id: string;
  body: string;
}

/** Sealed, the body holds the whole record; plain, the subject key and app are their columns. */
export function checkOf(rows: RowCodec, row: CheckRow): StoredCheck {
  return rows.sealed
    ? { ...rows.read<Omit<StoredCheck, 'appId'>>('checks', row.body), appId: row.app_id }
    : { subjectKey: row.subject_key, appId: row.app_id, check: JSON.parse(row.body) };
}
