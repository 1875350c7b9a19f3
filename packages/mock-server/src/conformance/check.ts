import type { Check, CheckRequest, Endpoint, Jwks, SupervisionTier, Verdict } from '@credit-check/sdk/contract';
import { judgeResponse, type Violation } from './judge.ts';
import type { Exchange, Session } from './session.ts';

/**
 * The verdicts a platform must give: complete check requests and what each must yield, per scenario
 * — and, where the fixture says, the supervision tier (分级分类).
 */
export interface Fixtures {
  scenarios: { id: string; title: string; checks: { request: CheckRequest; verdict: Verdict; tier?: SupervisionTier | undefined }[] }[];
}

/** What earlier checks learned that later ones use (a token, a check to read back, the keys). */
export interface RunState {
  fixtures: Fixtures;
  keys?: Jwks;
  /** Checks made during the run with the subject they were made for: every receipt is verified. */
  checks: { check: Check; subject: CheckRequest['subject'] }[];
  /** A complete request that yields a check (the fixtures' first). */
  sample: CheckRequest;
  /** A token minted for the sample's department and operator, default scopes. */
  token?: string;
}

export interface CheckContext {
  session: Session;
  state: RunState;
  /** Fails the check: the rule broken, what was seen, and the exchange that shows it. */
  fail(rule: string, message: string, exchange?: Exchange): never;
  skip(reason: string): never;
  /** Fails unless the response is what the contract says for `endpoint`; returns the parsed body. */
  expectContract<T = unknown>(exchange: Exchange, endpoint: Endpoint): T;
  /** Fails unless the platform refused with this status and problem code. */
  expectProblem(exchange: Exchange, status: number, code: string, rule: string): void;
}

/** One conformance check: an id for scripts, a title for people, the contract rule it holds the platform to. */
export interface ConformanceCheck {
  id: string;
  title: string;
  rule: string;
  run(t: CheckContext): Promise<void>;
}

export class CheckFailure extends Error {
  override readonly name = 'CheckFailure';
  readonly rule: string;
  readonly exchange: Exchange | undefined;
  constructor(rule: string, message: string, exchange?: Exchange) {
    super(message);
    this.rule = rule;
    this.exchange = exchange;
  }
}

export class CheckSkipped extends Error {
  override readonly name = 'CheckSkipped';
}

export function checkContext(session: Session, state: RunState): CheckContext {
  const fail = (rule: string, message: string, exchange?: Exchange): never => {
    throw new CheckFailure(rule, message, exchange);
  };
  const failWith = (violations: Violation[], exchange: Exchange): void => {
    const [first, ...more] = violations;
    if (first)
      fail(
        first.rule,
        more.length ? `${first.message} (and ${more.length} more: ${more.map((v) => v.rule).join('; ')})` : first.message,
        exchange,
      );
  };
  return {
    session,
    state,
    fail,
    skip: (reason) => {
      throw new CheckSkipped(reason);
    },
    expectContract: <T>(exchange: Exchange, endpoint: Endpoint): T => {
      failWith(judgeResponse(endpoint, exchange), exchange);
      return JSON.parse(exchange.body) as T;
    },
    expectProblem: (exchange, status, code, rule) => {
      const problemCode = (() => {
        try {
          return (JSON.parse(exchange.body) as { code?: unknown }).code;
        } catch {
          return undefined;
        }
      })();
      if (exchange.status !== status || problemCode !== code) {
        fail(
          rule,
          `expected HTTP ${status} ${code}, got HTTP ${exchange.status}${typeof problemCode === 'string' ? ` ${problemCode}` : ''}`,
          exchange,
        );
      }
    },
  };
}
