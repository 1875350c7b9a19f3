import type { ConformanceCheck } from '../check.ts';
import { judgeProblemBody, judgeProblemMedia, judgeRetryAfter, type Violation } from '../judge.ts';
import type { Exchange, SendOptions } from '../session.ts';

/** Bad requests a platform must refuse with the contract's code (never a 500, never a silent pass). */
const PROVOCATIONS: {
  what: string;
  method: string;
  path: string;
  options: (sample: object) => SendOptions;
  status: number;
  code: string;
}[] = [
  { what: 'an unknown endpoint', method: 'GET', path: '/no-such-endpoint', options: () => ({}), status: 404, code: 'ROUTE_NOT_FOUND' },
  {
    what: 'malformed JSON',
    method: 'POST',
    path: '/checks',
    options: () => ({ rawBody: '{"subject":' }),
    status: 400,
    code: 'MALFORMED_JSON',
  },
  {
    what: 'an empty check request',
    method: 'POST',
    path: '/checks',
    options: () => ({ body: {} }),
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    what: 'a matter that does not exist',
    method: 'POST',
    path: '/checks',
    options: (sample) => ({ body: { ...sample, matter: 'NO_SUCH_MATTER' } }),
    status: 422,
    code: 'UNKNOWN_MATTER',
  },
  {
    what: 'a check that does not exist',
    method: 'GET',
    path: '/checks/chk_conformance404',
    options: () => ({}),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    what: 'a body that is not JSON',
    method: 'POST',
    path: '/checks',
    options: () => ({ rawBody: 'subject=1', headers: { 'content-type': 'text/plain' } }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
];

/** Every error the run has seen so far, judged by `judge`; fails on the first one that breaks a rule. */
function judgeAll(exchanges: Exchange[], judge: (e: Exchange) => Violation[]): { violation: Violation; exchange: Exchange } | undefined {
  for (const exchange of exchanges) {
    if (exchange.status < 400) continue;
    const [violation] = judge(exchange);
    if (violation) return { violation, exchange };
  }
  return undefined;
}

/**
 * Errors (RFC 9457 problem details): each provocation gets its code and status; then every error
 * the whole run saw — the refusals of the auth checks included — is judged for the media type and
 * the problem shape, and every 429/503 for Retry-After.
 */
export function errorChecks(burst: number): ConformanceCheck[] {
  return [
    {
      id: 'errors.codes',
      title: 'Bad requests are refused with the contract code, never a 500',
      rule: 'bad input is a 4xx problem with its stable code',
      async run(t) {
        for (const p of PROVOCATIONS) {
          const res = await t.session.send(p.method, p.path, p.options(t.state.sample));
          t.expectProblem(res, p.status, p.code, `${p.what} is ${p.status} ${p.code}`);
          if (p.code === 'VALIDATION_FAILED') {
            const errors = (JSON.parse(res.body) as { errors?: { pointer?: unknown }[] }).errors;
            if (!errors?.length || errors.some((e) => typeof e.pointer !== 'string')) {
              t.fail('a VALIDATION_FAILED problem lists each field error with a JSON Pointer', 'no errors[] with pointers', res);
            }
          }
        }
      },
    },
    {
      id: 'errors.retry-after',
      title: `429 and 503 say when to retry (${burst ? `a burst of ${burst} calls, and ` : ''}every one seen in the run)`,
      rule: 'a 429 or 503 carries Retry-After (RFC 9110 §10.2.3), which the SDK waits out',
      async run(t) {
        if (burst > 0) {
          await Promise.all(Array.from({ length: burst }, () => t.session.send('GET', '/catalog/matters')));
        }
        const limited = t.session.exchanges.filter((e) => e.status === 429 || e.status === 503);
        if (limited.length === 0) {
          return t.skip(`no 429 or 503 was seen${burst ? ` (a burst of ${burst} calls was served)` : ''}: nothing to judge`);
        }
        const bad = judgeAll(limited, judgeRetryAfter);
        if (bad) t.fail(bad.violation.rule, bad.violation.message, bad.exchange);
      },
    },
    {
      id: 'errors.problem-json',
      title: 'Every error of the run is application/problem+json',
      rule: 'errors are application/problem+json (RFC 9457)',
      async run(t) {
        const bad = judgeAll(t.session.exchanges, judgeProblemMedia);
        if (bad) t.fail(bad.violation.rule, bad.violation.message, bad.exchange);
      },
    },
    {
      id: 'errors.problem-body',
      title: 'Every error of the run is a problem with a code, its status and (zh-CN, en) message',
      rule: 'every error is a problem with a stable code and the status of that code',
      async run(t) {
        const bad = judgeAll(t.session.exchanges, (e) => judgeProblemBody(e).filter((v) => !v.rule.includes('Retry-After')));
        if (bad) t.fail(bad.violation.rule, bad.violation.message, bad.exchange);
      },
    },
  ];
}
