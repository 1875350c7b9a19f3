import type { DeferralReason, Verdict } from '@credit-check/sdk/contract';

/**
 * 先行受理，事后补查 — what the browser keeps about an application accepted during an outage, until
 * the platform has its 补查. Everything here is plain data; the subject is sealed (see `vault.ts`).
 */
export interface DeferredRecord {
  /** `dfr_…`: the deferral, as submitted in the form (`deferred:<id>`). */
  id: string;
  /** Who may send its 补查: `endpoint|department|operator` (a token only acts for its own). */
  identity: string;
  applicationId: string;
  matter: string;
  department: string;
  operator: string;
  channel: 'window' | 'online';
  at: string;
  reason: DeferralReason;
  /** The subject `{idType, id, name}`, AES-GCM encrypted with the non-extractable page key. */
  sealed: Sealed;
  attempts: number;
  /** Not before this time (ms): the backoff after a failed attempt. */
  nextAt: number;
}

export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

/**
 * A response (反馈) recorded at the counter while the platform was down, kept until it is delivered
 * (响应—反馈, 003 §七: the outcome is never lost). The body is sealed: the staff's notes are their own words.
 */
export interface QueuedFeedback {
  /** The Idempotency-Key it goes with: one feedback on the platform however often it is sent. */
  id: string;
  identity: string;
  checkId: string;
  applicationId: string;
  matter: string;
  at: string;
  /** The FeedbackInput, AES-GCM encrypted with the page key. */
  sealed: Sealed;
  attempts: number;
  nextAt: number;
}

/**
 * A finished 补查 waiting for the staff: kept until acknowledged (caution/restrict) and fed back, so
 * a closed tab cannot lose the alert. No subject at all — the check id names it.
 */
export interface SettledNotice {
  /** The deferral id. */
  id: string;
  identity: string;
  applicationId: string;
  matter: string;
  at: string;
  checkId?: string;
  verdict?: Verdict;
  /** `feedback`: a kept response the platform refused for good (the staff must record it by hand). */
  kind?: 'feedback';
  /** The platform refused the 补查 for good (e.g. the matter no longer allows deferral): check by hand. */
  failed?: { code: string; message: { 'zh-CN': string; en: string } };
  acknowledged: boolean;
}

/** The sender identity: a token acts for one department and operator on one platform. */
export const identityOf = (endpoint: string, department: string, operator: string): string => `${endpoint}|${department}|${operator}`;

/** A deferral id: `dfr_` and 16 random base-36 characters. */
export function deferralId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `dfr_${[...bytes].map((b) => (b % 36).toString(36)).join('')}`;
}

export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_MAX_MS = 300_000;

/**
 * Delay before attempt `attempts + 1`: exponential from 2 s, capped at 5 minutes, with jitter
 * (half to all of it) so tabs and counters recovering together do not hit the platform at once.
 */
export function backoff(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
