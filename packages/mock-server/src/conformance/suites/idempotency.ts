import { randomId } from '@credit-check/sdk/auth';
import type { Check } from '@credit-check/sdk/contract';
import type { ConformanceCheck } from '../check.ts';

const RULE = 'a POST repeated with the same Idempotency-Key returns the first result; another request with that key is 422';

/** Idempotency-Key (every POST): a retried check must not become a second check. */
export const idempotencyChecks: ConformanceCheck[] = [
  {
    id: 'idempotency.replay',
    title: 'POST /checks retried with the same Idempotency-Key returns the same check',
    rule: RULE,
    async run(t) {
      const key = randomId('conf-', 12);
      const headers = { 'idempotency-key': key };
      const body = t.state.sample;
      const first = await t.session.send('POST', '/checks', { body, headers });
      if (first.status !== 201) t.fail('POST /checks answers 201', `HTTP ${first.status}`, first);
      const again = await t.session.send('POST', '/checks', { body, headers });
      const a = JSON.parse(first.body) as Check;
      let b: Check | undefined;
      try {
        b = JSON.parse(again.body) as Check;
      } catch {}
      if (again.status !== first.status || b?.checkId !== a.checkId) {
        t.fail(RULE, `the retry got HTTP ${again.status} and check ${b?.checkId ?? '(none)'} instead of ${a.checkId}`, again);
      }
      t.state.checks.push({ check: a, subject: body.subject });
      const other = { ...body, context: { ...body.context, applicationId: `${body.context.applicationId}-other` } };
      const reused = await t.session.send('POST', '/checks', { body: other, headers });
      t.expectProblem(reused, 422, 'IDEMPOTENCY_KEY_REUSED', RULE);
    },
  },
];
