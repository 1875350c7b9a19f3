import type { FieldError, Problem, ProblemCode } from '../contract/problem.ts';
import { redact } from './redact.ts';

/**
 * Stable error codes. Every failure of a call is one of these — a check that did not complete is
 * never returned as a result.
 */
export type ErrorCode =
  /** The input was refused before any request (e.g. a wrong USCC check character). */
  | 'INVALID_INPUT'
  /** The platform refused the call with a problem (4xx, `application/problem+json`). */
  | 'API_ERROR'
  /**
   * The platform answered that it cannot serve now (5xx: a fault, maintenance, its store out of
   * reach) — an outage, as NETWORK and TIMEOUT are (`OUTAGE_CODES`).
   */
  | 'UNAVAILABLE'
  /** 401/403: credentials missing, wrong, expired or out of scope. */
  | 'AUTH'
  /** 429: slow down; see `retryAfter`. */
  | 'RATE_LIMITED'
  /** No answer within `timeout` (after retries). */
  | 'TIMEOUT'
  /** Connection refused, reset, DNS, offline (after retries). */
  | 'NETWORK'
  /** The platform answered something off-contract (malformed JSON or a schema mismatch). */
  | 'RESPONSE_SHAPE'
  /** The caller aborted through its `signal`. */
  | 'ABORTED'
  /** The client is misconfigured (e.g. an app secret in a browser). */
  | 'CONFIG'
  /** A check receipt failed verification. */
  | 'RECEIPT_INVALID'
  /** A pushed event (webhook) failed verification: bad signature, stale timestamp or off-contract. */
  | 'WEBHOOK_INVALID';

/**
 * The codes of an outage — no answer, or one that says the platform cannot serve now (after the
 * retries): where 应急 (先行受理) may apply. The code alone tells; `isPlatformUnavailable(e)` asks it.
 */
export const OUTAGE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['NETWORK', 'TIMEOUT', 'UNAVAILABLE', 'RATE_LIMITED']);

export interface ErrorDetails {
  status?: number;
  problem?: Problem;
  fieldErrors?: FieldError[];
  retryAfter?: number;
  requestId?: string;
  /** Attempts made, retries included. */
  attempts?: number;
  /** A finer machine-readable reason (e.g. a receipt's `SIGNATURE`, `MISMATCH`). */
  reason?: string;
  cause?: unknown;
  /** Strings to scrub from the message (secrets, tokens). */
  secrets?: readonly (string | undefined)[];
}

/**
 * A brand every CreditCheckError carries, recognised across bundles: the drop-in widget file ships
 * its own copy of the class, so `instanceof` alone would miss its errors (ky's type guards do the same).
 */
const BRAND = Symbol.for('credit-check.error');

/** The one error family of the SDK: `isCreditCheckError(e)`, then switch on `code` (and `problemCode`). */
export class CreditCheckError extends Error {
  readonly [BRAND] = true;
  readonly code: ErrorCode;
  readonly status: number | undefined;
  readonly problem: Problem | undefined;
  readonly fieldErrors: FieldError[];
  /** Seconds to wait before retrying (429, 503). */
  readonly retryAfter: number | undefined;
  readonly requestId: string | undefined;
  readonly attempts: number | undefined;
  readonly reason: string | undefined;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(redact(message, details.secrets), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'CreditCheckError';
    this.code = code;
    this.status = details.status;
    this.problem = details.problem;
    this.fieldErrors = details.fieldErrors ?? details.problem?.errors ?? [];
    this.retryAfter = details.retryAfter;
    this.requestId = details.requestId ?? details.problem?.requestId;
    this.attempts = details.attempts;
    this.reason = details.reason;
  }

  /**
   * The platform's problem code (`FEEDBACK_EXISTS`, `SCOPE_MATTER` …, see `PROBLEMS` in the contract),
   * as sent: a real platform may add codes of its own, so it stays open to other strings. Typed, not
   * looked up, so browsers do not bundle the table.
   */
  get problemCode(): ProblemCode | (string & {}) | undefined {
    return this.problem?.code;
  }

  /** Staff-facing Chinese text when the platform gave one. */
  get messageZh(): string | undefined {
    return this.problem?.message['zh-CN'] ?? this.fieldErrors[0]?.message['zh-CN'];
  }

  /** Safe to log: no secrets, tokens or personal ID numbers; no `cause` internals. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      status: this.status,
      problemCode: this.problemCode,
      fieldErrors: this.fieldErrors.map((e) => ({ pointer: e.pointer, code: e.code, message: e.message })),
      retryAfter: this.retryAfter,
      requestId: this.requestId,
      attempts: this.attempts,
      reason: this.reason,
    };
  }
}

/** True for an SDK error from this copy of the SDK or any other (e.g. the widget's single file). */
export function isCreditCheckError(error: unknown): error is CreditCheckError {
  return (
    error instanceof CreditCheckError || (typeof error === 'object' && error !== null && (error as { [BRAND]?: unknown })[BRAND] === true)
  );
}
