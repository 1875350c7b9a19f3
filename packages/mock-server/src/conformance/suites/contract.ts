import type { Check, Jwks, SubscriptionWithSecret, TokenResponse } from '@credit-check/sdk/contract';
import { endpoints } from '@credit-check/sdk/contract';
import type { ConformanceCheck } from '../check.ts';

const e = endpoints;
const rule = (endpoint: { method: string; path: string; status: number }, what = 'the contract schema') =>
  `${endpoint.method} ${endpoint.path} answers ${endpoint.status} with ${what}`;

/**
 * Every endpoint answers with its status and its schema (the same zod schemas the SDK parses with).
 * Calls are the ones a host backend makes; the checks made are kept for the receipt checks.
 */
export const contractChecks: ConformanceCheck[] = [
  {
    id: 'contract.keys',
    title: 'GET /keys publishes the receipt keys (JWKS), without authentication',
    rule: rule(e.getKeys, 'a JWKS'),
    async run(t) {
      const res = await t.session.send('GET', '/keys', { auth: { as: 'none' } });
      t.state.keys = t.expectContract<Jwks>(res, e.getKeys);
      if (t.state.keys.keys.length === 0) t.fail(rule(e.getKeys, 'a JWKS'), 'the key set is empty: no receipt can be verified', res);
    },
  },
  {
    id: 'contract.catalog',
    title: 'The catalogue: matters, measures, lists, grade scales',
    rule: 'GET /catalog/* answer 200 with the contract schemas',
    async run(t) {
      for (const endpoint of [e.listMatters, e.listMeasures, e.listLists, e.listGradeScales]) {
        t.expectContract(await t.session.send('GET', endpoint.path), endpoint);
      }
    },
  },
  {
    id: 'contract.checks.create',
    title: 'POST /checks: a 逢办必查 check with its verdict, reasons and receipt',
    rule: rule(e.createCheck, 'a Check'),
    async run(t) {
      const res = await t.session.send('POST', '/checks', { body: t.state.sample });
      const check = t.expectContract<Check>(res, e.createCheck);
      t.state.checks.push({ check, subject: t.state.sample.subject });
    },
  },
  {
    id: 'contract.checks.read',
    title: 'GET /checks/{id}: the stored check, the same one',
    rule: rule(e.getCheck, 'the stored Check'),
    async run(t) {
      const made = t.state.checks[0]?.check;
      if (!made) return t.skip('no check was made (contract.checks.create failed)');
      const res = await t.session.send('GET', `/checks/${made.checkId}`);
      const read = t.expectContract<Check>(res, e.getCheck);
      if (read.checkId !== made.checkId || read.verdict !== made.verdict || read.receipt !== made.receipt) {
        t.fail('GET /checks/{id} returns the check POST /checks made', 'checkId, verdict or receipt differ from the check made', res);
      }
    },
  },
  {
    id: 'contract.checks.serial',
    title: 'A check has a 核查编号 people can quote, and GET /checks/{serial} finds it',
    rule: 'every check carries a serial (PREFIX-YYYYMMDD-NNNNNN) that finds the same check',
    async run(t) {
      const made = t.state.checks[0]?.check;
      if (!made) return t.skip('no check was made (contract.checks.create failed)');
      const rule = 'every check carries a serial (PREFIX-YYYYMMDD-NNNNNN) that finds the same check';
      if (!made.serial) {
        const exchange = t.session.exchanges.find((x) => x.body.includes(made.checkId));
        return t.fail(rule, 'the check has no 核查编号 (serial)', exchange);
      }
      const res = await t.session.send('GET', `/checks/${made.serial}`);
      const read = t.expectContract<Check>(res, e.getCheck);
      if (read.checkId !== made.checkId) t.fail(rule, `GET /checks/${made.serial} answers another check (${read.checkId})`, res);
    },
  },
  {
    id: 'contract.checks.batch',
    title: 'POST /checks/batch: one result per subject, a bad subject a problem of its own',
    rule: rule(e.createCheckBatch, 'a BatchResult'),
    async run(t) {
      const { subject, matter, context } = t.state.sample;
      const res = await t.session.send('POST', '/checks/batch', {
        body: { matter, context, subjects: [subject, { idType: 'uscc', id: 'NOT-A-CODE' }] },
      });
      const batch = t.expectContract<{ results: { ok: boolean }[] }>(res, e.createCheckBatch);
      if (batch.results.length !== 2 || batch.results[0]?.ok !== true || batch.results[1]?.ok !== false) {
        t.fail('a batch answers per item: the good subject checked, the bad one refused alone', 'results are not [ok, problem]', res);
      }
    },
  },
  {
    id: 'contract.feedback',
    title: 'POST /checks/{id}/feedback records what the window did (反馈)',
    rule: rule(e.createFeedback, 'a Feedback'),
    async run(t) {
      const made = t.state.checks[0]?.check;
      if (!made) return t.skip('no check was made (contract.checks.create failed)');
      const res = await t.session.send('POST', `/checks/${made.checkId}/feedback`, {
        body: { action: 'not-applicable', operator: made.context.operator, note: 'conformance run' },
      });
      t.expectContract(res, e.createFeedback);
    },
  },
  {
    id: 'contract.profiles',
    title: "POST /profiles: a subject's credit file",
    rule: rule(e.getProfile, 'a Profile'),
    async run(t) {
      t.expectContract(await t.session.send('POST', '/profiles', { body: { subject: t.state.sample.subject } }), e.getProfile);
    },
  },
  {
    id: 'contract.commitments',
    title: "POST /commitments/search: a subject's commitments",
    rule: rule(e.searchCommitments, 'a CommitmentList'),
    async run(t) {
      t.expectContract(
        await t.session.send('POST', '/commitments/search', { body: { subject: t.state.sample.subject } }),
        e.searchCommitments,
      );
    },
  },
  {
    id: 'contract.stats',
    title: 'GET /stats/coverage and GET /cases (JSON and CSV)',
    rule: 'GET /stats/coverage and GET /cases answer 200 with the contract schemas; /cases offers text/csv',
    async run(t) {
      t.expectContract(await t.session.send('GET', '/stats/coverage'), e.getCoverage);
      t.expectContract(await t.session.send('GET', '/cases'), e.listCases);
      const csv = await t.session.send('GET', '/cases', { headers: { accept: 'text/csv' } });
      if (csv.status !== 200 || !(csv.headers.get('content-type') ?? '').startsWith('text/csv')) {
        t.fail('GET /cases with Accept: text/csv answers text/csv', `HTTP ${csv.status} ${csv.headers.get('content-type')}`, csv);
      }
    },
  },
  {
    id: 'contract.tokens',
    title: 'POST /tokens mints a scoped browser token',
    rule: rule(e.createToken, 'a TokenResponse'),
    async run(t) {
      const { department, operator } = t.state.sample.context;
      const res = await t.session.send('POST', '/tokens', { body: { department, operator, matters: [t.state.sample.matter] } });
      const token = t.expectContract<TokenResponse>(res, e.createToken);
      t.session.rememberSecret(token.token);
      t.state.token = token.token;
      if (token.scopes.includes('pii:read')) t.fail('tokens lack pii:read unless asked for', 'a default token carries pii:read', res);
    },
  },
  {
    id: 'contract.events',
    title: '定向推送: subscribe (pull), read the feed, list, stop',
    rule: 'POST/GET/DELETE /subscriptions and GET /events answer with the contract schemas',
    async run(t) {
      const { department } = t.state.sample.context;
      const created = await t.session.send('POST', '/subscriptions', { body: { department } });
      const subscription = t.expectContract<SubscriptionWithSecret>(created, e.createSubscription);
      t.session.rememberSecret(subscription.secret);
      try {
        t.expectContract(await t.session.send('GET', `/events?department=${encodeURIComponent(department)}&limit=5`), e.listEvents);
        t.expectContract(await t.session.send('GET', '/subscriptions'), e.listSubscriptions);
        t.expectContract(await t.session.send('GET', `/subscriptions/${subscription.subscriptionId}`), e.getSubscription);
      } finally {
        t.expectContract(await t.session.send('DELETE', `/subscriptions/${subscription.subscriptionId}`), e.deleteSubscription);
      }
    },
  },
];
