import { CheckFailure, CheckSkipped, type ConformanceCheck, checkContext, type Fixtures, type RunState } from './check.ts';
import { defaultFixtures } from './fixtures.ts';
import { Session, type Target } from './session.ts';
import { authChecks } from './suites/auth.ts';
import { contractChecks } from './suites/contract.ts';
import { errorChecks } from './suites/errors.ts';
import { idempotencyChecks } from './suites/idempotency.ts';
import { maskingChecks } from './suites/masking.ts';
import { receiptChecks } from './suites/receipts.ts';
import { ruleChecks } from './suites/rules.ts';

export interface ConformanceOptions extends Target {
  /** Subjects and the verdicts they must get (default: the mock's scenario table). */
  fixtures?: Fixtures;
  /** Concurrent calls sent to provoke a 429 and judge its Retry-After (default 0: none). */
  burst?: number;
  /** Told of each check as it ends (progress). */
  onResult?: (result: CheckResult, index: number, total: number) => void;
}

export interface CheckResult {
  id: string;
  title: string;
  rule: string;
  status: 'passed' | 'failed' | 'skipped';
  /** Why it failed or was skipped. */
  reason?: string;
  /** What was sent and what came back (PII and secrets redacted). */
  sent?: string;
  received?: string;
  ms: number;
}

export interface ConformanceReport {
  target: string;
  appId: string;
  scheme: string;
  startedAt: string;
  ms: number;
  results: CheckResult[];
  passed: number;
  failed: number;
  skipped: number;
}

/** The checks of a run, in order: later ones use what earlier ones made (a token, checks, the keys). */
export function conformanceChecks(fixtures: Fixtures, burst = 0): ConformanceCheck[] {
  return [
    ...contractChecks,
    ...idempotencyChecks,
    ...authChecks,
    ...maskingChecks,
    ...ruleChecks(fixtures),
    ...receiptChecks,
    ...errorChecks(burst),
  ];
}

/**
 * Runs the conformance kit against a platform (ours or a vendor's): every endpoint's responses
 * against the contract, authentication, masking, receipts against /keys, and rule conformance from
 * the fixtures. Never throws for what the platform does; each check passes, fails with the rule it
 * breaks and the exchange that shows it, or is skipped with the reason.
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const fixtures = options.fixtures ?? defaultFixtures();
  const sample = fixtures.scenarios[0]?.checks[0]?.request;
  if (!sample) throw new Error('the fixtures hold no check request');
  const session = new Session(options);
  // A platform that does not answer at all is one clear error, not thirty failed checks.
  await session.reachable();
  const state: RunState = { fixtures, checks: [], sample };
  const t = checkContext(session, state);
  const checks = conformanceChecks(fixtures, options.burst ?? 0);
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const results: CheckResult[] = [];
  for (const [index, check] of checks.entries()) {
    const began = performance.now();
    const base = { id: check.id, title: check.title, rule: check.rule };
    let result: CheckResult;
    try {
      await check.run(t);
      result = { ...base, status: 'passed', ms: performance.now() - began };
    } catch (error) {
      const ms = performance.now() - began;
      if (error instanceof CheckSkipped) {
        result = { ...base, status: 'skipped', reason: error.message, ms };
      } else if (error instanceof CheckFailure) {
        result = {
          ...base,
          rule: error.rule,
          status: 'failed',
          reason: session.redact(error.message),
          ...(error.exchange ? { sent: session.describeSent(error.exchange), received: session.describeReceived(error.exchange) } : {}),
          ms,
        };
      } else {
        // The platform answered something the check could not even read (or the network failed).
        const last = session.exchanges.at(-1);
        result = {
          ...base,
          status: 'failed',
          reason: session.redact((error as Error).message),
          ...(last ? { sent: session.describeSent(last), received: session.describeReceived(last) } : {}),
          ms,
        };
      }
    }
    result.ms = Math.round(result.ms * 10) / 10;
    results.push(result);
    options.onResult?.(result, index, checks.length);
  }
  const count = (s: CheckResult['status']) => results.filter((r) => r.status === s).length;
  return {
    target: options.baseUrl,
    appId: options.appId,
    scheme: session.scheme,
    startedAt,
    ms: Math.round(performance.now() - started),
    results,
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
  };
}
