import { randomId, SIGNATURE_WINDOW_MS } from '@credit-check/sdk/auth';
import type { ConformanceCheck } from '../check.ts';

/**
 * Authentication and scopes (002 (十八) "加强信息交换通道安全"): unsigned, stale, replayed and
 * wrongly signed server calls are refused with their own codes; a browser token does only what it
 * was minted for. Each refusal is asked of a call that would succeed if properly made.
 */
export const authChecks: ConformanceCheck[] = [
  {
    id: 'auth.unsigned',
    title: 'An unsigned call is refused',
    rule: 'a call without credentials is 401 UNAUTHENTICATED',
    async run(t) {
      const res = await t.session.send('GET', '/catalog/matters', { auth: { as: 'none' } });
      t.expectProblem(res, 401, 'UNAUTHENTICATED', 'a call without credentials is 401 UNAUTHENTICATED');
    },
  },
  {
    id: 'auth.stale',
    title: 'A call signed ten minutes ago is refused',
    rule: `a timestamp more than ${SIGNATURE_WINDOW_MS / 60_000} min from the platform clock is 401 SIGNATURE_EXPIRED`,
    async run(t) {
      const res = await t.session.send('GET', '/catalog/matters', {
        auth: { as: 'app', timestamp: Date.now() - 2 * SIGNATURE_WINDOW_MS, label: 'signed with a timestamp 10 minutes old' },
      });
      t.expectProblem(res, 401, 'SIGNATURE_EXPIRED', this.rule);
    },
  },
  {
    id: 'auth.replay',
    title: 'The same signed call sent twice: the second is refused',
    rule: 'a nonce is single-use: a replayed call is 401 NONCE_REUSED',
    async run(t) {
      const auth = { as: 'app' as const, timestamp: Date.now(), nonce: randomId('', 12) };
      const first = await t.session.send('GET', '/catalog/matters', { auth: { ...auth, label: 'signed (first sending)' } });
      if (first.status !== 200) t.fail('a properly signed call succeeds', `the first sending got HTTP ${first.status}`, first);
      const again = await t.session.send('GET', '/catalog/matters', {
        auth: { ...auth, label: 'the same signed call again (same ts and nonce)' },
      });
      t.expectProblem(again, 401, 'NONCE_REUSED', this.rule);
    },
  },
  {
    id: 'auth.signature',
    title: 'A call signed with the wrong secret is refused',
    rule: 'a signature that does not verify is 401 SIGNATURE_INVALID',
    async run(t) {
      const res = await t.session.send('GET', '/catalog/matters', {
        auth: { as: 'app', secret: `${t.session.target.appSecret}-wrong`, label: 'signed with a wrong secret' },
      });
      t.expectProblem(res, 401, 'SIGNATURE_INVALID', this.rule);
    },
  },
  {
    id: 'auth.scope',
    title: 'A browser token is held to its matters, scopes, department and role',
    rule: 'a token beyond its grant is 403 (SCOPE_MATTER, SCOPE_MISSING, SCOPE_DEPARTMENT, FORBIDDEN)',
    async run(t) {
      const token = t.state.token;
      if (!token) return t.skip('no token was minted (contract.tokens failed)');
      const bearer = { as: 'token' as const, token, label: `token for ${t.state.sample.matter} only, default scopes` };
      const { sample } = t.state;
      const other = t.state.fixtures.scenarios.flatMap((s) => s.checks).find((c) => c.request.matter !== sample.matter);
      if (other) {
        const res = await t.session.send('POST', '/checks', { body: { ...sample, matter: other.request.matter }, auth: bearer });
        t.expectProblem(res, 403, 'SCOPE_MATTER', 'a token checks only the matters it was minted for: 403 SCOPE_MATTER');
      }
      const profile = await t.session.send('POST', '/profiles', { body: { subject: sample.subject }, auth: bearer });
      t.expectProblem(profile, 403, 'SCOPE_MISSING', 'reading a credit file needs the profiles:read scope: 403 SCOPE_MISSING');
      const elsewhere = { ...sample, context: { ...sample.context, department: `${sample.context.department}（其他部门）` } };
      const dept = await t.session.send('POST', '/checks', { body: elsewhere, auth: bearer });
      t.expectProblem(dept, 403, 'SCOPE_DEPARTMENT', 'a token acts for its own department only: 403 SCOPE_DEPARTMENT');
      const mint = await t.session.send('POST', '/tokens', {
        body: { department: sample.context.department, operator: sample.context.operator, matters: ['*'] },
        auth: bearer,
      });
      t.expectProblem(mint, 403, 'FORBIDDEN', 'a token cannot mint tokens (server to server only): 403 FORBIDDEN');
    },
  },
];
