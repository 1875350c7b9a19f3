import { browser, endpoint } from './endpoint.ts';
import { Replay } from './replays.ts';
import { ResultSheet } from './sheets.ts';
import { Verification, VerificationIssued, VerificationWithdrawn } from './verifications.ts';

/*
 * The check as a record people hold (issue 41): the 结果单, its 核查码 and the replay — in a module of
 * their own, so a browser bundle that prints a sheet on demand carries them in that chunk only.
 */

/** A new 核查码 for a check (the 结果单 carries it); the check's earlier code stops verifying. */
export const issueVerification = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/checks/:checkId/verification',
  callers: browser,
  scope: 'checks:read',
  response: VerificationIssued,
  status: 201,
});

/** The check's 核查码 withdrawn: it answers `withdrawn` from now on. */
export const withdrawVerification = /*@__PURE__*/ endpoint({
  method: 'DELETE',
  path: '/checks/:checkId/verification',
  callers: ['app'],
  response: VerificationWithdrawn,
  status: 200,
});

/** Public: what a 核查码 says (masked), for anyone who holds a 结果单. Rate-limited per client. */
export const getVerification = /*@__PURE__*/ endpoint({
  method: 'GET',
  path: '/verifications/:code',
  callers: ['public'],
  response: Verification,
  status: 200,
});

/** The 信用核查结果单 of a check (JSON, or the A4 page with `Accept: text/html`), with a new 核查码. */
export const createSheet = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/checks/:checkId/sheet',
  callers: browser,
  scope: 'checks:read',
  response: ResultSheet,
  status: 201,
  produces: ['text/html'],
});

/** A check replayed as of its time (the audit proof) and as of now, with what changed in between. */
export const replayCheck = /*@__PURE__*/ endpoint({
  method: 'GET',
  path: '/checks/:checkId/replay',
  callers: browser,
  scope: 'checks:read',
  response: Replay,
  status: 200,
});
