import type { Check, CheckContext, Deferral } from '../contract/checks.ts';
import type { SubjectRef } from '../contract/subjects.ts';
import type { Connection } from './connection.ts';
import { isCreditCheckError, OUTAGE_CODES } from './errors.ts';
import { check } from './methods.ts';
import type { CallOptions } from './options.ts';

/**
 * True when a call failed because the platform is unavailable — no answer (network, timeout), a
 * 5xx, or 429 after the retries — the only failures for which 应急 先行受理 may be offered. Never
 * any other 4xx: a refusal (scope, validation, unknown matter) is an answer, not an outage.
 */
export function isPlatformUnavailable(error: unknown): boolean {
  return isCreditCheckError(error) && OUTAGE_CODES.has(error.code);
}

/** An application accepted during an outage (先行受理), as the backend recorded it from the form. */
export interface DeferredApplication {
  /** The `deferred:<id>` the form submitted. */
  deferralId: string;
  subject: SubjectRef;
  matter: string;
  context: Omit<CheckContext, 'deferred'> & { deferred: Deferral };
}

/** The 补查 of a deferred application, and whether the application must be flagged for review. */
export interface Settlement {
  check: Check;
  /** `caution`/`restrict`: the application was accepted unchecked and now needs 从严审核 or to be stopped. */
  flagged: boolean;
}

/**
 * Settles a deferred application on the backend (事后补查, server side): runs the check with
 * `context.deferred` — idempotent per deferral, so calling it again after a crash or a timeout
 * records one 补查 — and says whether to flag the application. Throws like `check`; when
 * `isPlatformUnavailable(error)`, keep the application pending and call again later.
 */
export async function settleDeferred(
  connection: Connection,
  application: DeferredApplication,
  opts: CallOptions = {},
): Promise<Settlement> {
  const result = await check(
    connection,
    { subject: application.subject, matter: application.matter, context: application.context },
    { ...opts, cache: false, idempotencyKey: opts.idempotencyKey ?? `settle_${application.deferralId}` },
  );
  return { check: result, flagged: result.verdict === 'caution' || result.verdict === 'restrict' };
}
