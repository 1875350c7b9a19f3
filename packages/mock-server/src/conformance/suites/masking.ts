import type { Check, TokenResponse } from '@credit-check/sdk/contract';
import type { ConformanceCheck } from '../check.ts';

const RULE = "a token without pii:read never receives a person's full 身份证 number (003 §四; 002 (十八))";

/**
 * Masking: a browser token without `pii:read` checks a person and gets the number masked, nowhere
 * in the body in full; the same check with `pii:read` shows it (so the masking is the platform's
 * choice per caller, not a lost field).
 */
export const maskingChecks: ConformanceCheck[] = [
  {
    id: 'masking.token',
    title: "A person's ID number is masked for a token without pii:read",
    rule: RULE,
    async run(t) {
      const person = t.state.fixtures.scenarios.flatMap((s) => s.checks).find((c) => c.request.subject.idType === 'idcard');
      if (!person) return t.skip('the fixtures hold no person (idType idcard) to check');
      const { request } = person;
      const mint = async (scopes?: string[]) => {
        const res = await t.session.send('POST', '/tokens', {
          body: {
            department: request.context.department,
            operator: request.context.operator,
            matters: [request.matter],
            ...(scopes ? { scopes } : {}),
          },
        });
        if (res.status !== 201) t.fail('POST /tokens mints a token', `HTTP ${res.status}`, res);
        const token = (JSON.parse(res.body) as TokenResponse).token;
        t.session.rememberSecret(token);
        return token;
      };
      const id = request.subject.id;
      const masked = await t.session.send('POST', '/checks', {
        body: request,
        auth: { as: 'token', token: await mint(), label: 'token without pii:read' },
      });
      if (masked.status !== 201) t.fail('a token checks its own matter', `HTTP ${masked.status}`, masked);
      if (masked.body.includes(id)) t.fail(RULE, 'the full ID number is in the response body', masked);
      const subject = (JSON.parse(masked.body) as Check).subject;
      if (subject.masked !== true || subject.id === id)
        t.fail(RULE, `subject.masked is ${subject.masked}, subject.id is not masked`, masked);
      const full = await t.session.send('POST', '/checks', {
        body: request,
        auth: { as: 'token', token: await mint(['checks:write', 'pii:read']), label: 'token with pii:read' },
      });
      if (full.status !== 201 || (JSON.parse(full.body) as Check).subject.id !== id) {
        t.fail('a token with pii:read sees the number it sent', `HTTP ${full.status}, subject.id differs`, full);
      }
    },
  },
];
