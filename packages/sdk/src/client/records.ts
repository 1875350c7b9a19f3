import * as endpoints from '../contract/endpoints-records.ts';
import type { Connection } from './connection.ts';
import { later, resourceId } from './input.ts';
import type { CallOptions } from './options.ts';

/*
 * The check as a record people hold (issue 41): 结果单, 核查码, replay. Standalone functions in a
 * module of their own (a page that prints a sheet loads them on demand).
 */

/** A new 核查码 for a check (its 结果单 carries it, with a QR); the check's earlier code stops verifying. */
export function issueVerification(connection: Connection, checkId: string, opts: CallOptions = {}) {
  return later(() => connection.call(endpoints.issueVerification, { params: { checkId: resourceId(checkId, 'checkId') } }, opts));
}

/** Withdraws a check's 核查码: it answers `withdrawn` from now on (backend only). */
export function withdrawVerification(connection: Connection, checkId: string, opts: CallOptions = {}) {
  return later(() => connection.call(endpoints.withdrawVerification, { params: { checkId: resourceId(checkId, 'checkId') } }, opts));
}

/** Public, no credentials needed: what a 核查码 says now — the masked summary and `valid`, `superseded`, `expired` or `withdrawn`. */
export function verification(connection: Connection, code: string, opts: CallOptions = {}) {
  return later(() => connection.call(endpoints.getVerification, { params: { code: code.replace(/\s+/g, '') } }, opts));
}

/** The 信用核查结果单 of a check (JSON, for the 办件档案), with a new 核查码 and its signed QR. */
export function createSheet(connection: Connection, checkId: string, opts: CallOptions = {}) {
  return later(() => connection.call(endpoints.createSheet, { params: { checkId: resourceId(checkId, 'checkId') } }, opts));
}

/** A check replayed: as of its time (the audit proof: `atCheck.matchesReceipt`) and as of now, with what changed in between. */
export function replayCheck(connection: Connection, checkId: string, opts: CallOptions = {}) {
  return later(() => connection.call(endpoints.replayCheck, { params: { checkId: resourceId(checkId, 'checkId') } }, opts));
}
