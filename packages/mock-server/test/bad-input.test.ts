import { authorizationHeader, randomId } from '@credit-check/sdk/auth';
import { API_BASE, type Endpoint, endpoints, TokenScope } from '@credit-check/sdk/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { createMockPlatform, SANDBOX_DEPARTMENT, SANDBOX_OPERATOR, sandboxContext } from '../src/index.ts';

// The drill: whatever arrives, the platform answers 2xx or an RFC 9457 problem — never a 5xx,
// never a crash. Inputs are generated from each endpoint's own JSON Schema (from the contract)
// and mutated, plus arbitrary JSON and non-JSON bodies.
const mock = await createMockPlatform({ subjects: 50 });
const { token } = await mock.platform.tokens.mint(
  { kind: 'app', appId: 'sandbox-app' },
  {
    department: SANDBOX_DEPARTMENT,
    operator: SANDBOX_OPERATOR,
    matters: ['*'],
    scopes: TokenScope.options.filter((scope) => scope !== 'pii:read'),
  },
);

async function send(e: Endpoint, body: string | undefined, as: 'app' | 'token', contentType = 'application/json', path?: string) {
  const url = `http://platform.test${path ?? API_BASE + e.path.replace(/:(\w+)/g, 'chk_x')}`;
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = contentType;
  headers.authorization =
    as === 'token'
      ? `Bearer ${token}`
      : await authorizationHeader('sandbox-app', 'sandbox-secret-change-me', {
          method: e.method,
          pathAndQuery: new URL(url).pathname + new URL(url).search,
          timestamp: Date.now(),
          nonce: randomId('', 16),
          body: body ?? '',
        });
  const res = await mock.app.fetch(new Request(url, { method: e.method, headers, ...(e.method === 'POST' ? { body: body ?? '' } : {}) }));
  return res;
}

async function expectHandled(res: Response, what: string) {
  expect(res.status, what).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get('content-type'), what).toBe('application/problem+json');
    const problem = (await res.json()) as { code: string; message: { 'zh-CN': string; en: string } };
    expect(problem.code, what).toMatch(/^[A-Z_]+$/);
    expect(problem.message['zh-CN'], what).toBeTruthy();
    expect(problem.message.en, what).toBeTruthy();
  } else {
    await res.arrayBuffer();
  }
}

/** Invalid variants of a valid-looking body: each property dropped, retyped, nulled; unknown keys. */
function mutations(schema: z.ZodMiniType): unknown[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  const props = Object.keys(json.properties ?? {});
  const base: Record<string, unknown> = Object.fromEntries(props.map((p) => [p, 'x']));
  const out: unknown[] = [{}, [], null, 0, 'text', true, { ...base, unexpected: 1 }];
  for (const p of props) {
    const { [p]: _dropped, ...without } = base;
    out.push(without);
    for (const wrong of [null, 42, -1, 1e308, true, [], {}, '', 'x'.repeat(5000), '９１３２', { nested: { deep: [1, { x: null }] } }]) {
      out.push({ ...base, [p]: wrong });
    }
  }
  return out;
}

const posts = (Object.entries(endpoints) as [string, Endpoint][]).filter(([, e]) => e.method === 'POST' && e.body);

describe('bad-input sweep: never 5xx, always problem+json', () => {
  for (const [id, e] of posts) {
    it(`${id}: schema-derived mutations, as app and as token`, async () => {
      for (const body of mutations(e.body as z.ZodMiniType)) {
        for (const as of ['app', 'token'] as const) {
          if (as === 'token' && !e.callers.includes('token')) continue;
          await expectHandled(await send(e, JSON.stringify(body), as), `${id} ${as} ${JSON.stringify(body).slice(0, 80)}`);
        }
      }
    });
  }

  it('arbitrary JSON values for every POST endpoint (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...posts), fc.jsonValue({ maxDepth: 4 }), async ([id, e], value) => {
        await expectHandled(await send(e, JSON.stringify(value), 'app'), `${id} ${JSON.stringify(value).slice(0, 80)}`);
      }),
      { numRuns: 300 },
    );
  });

  it('valid requests with one leaf replaced by a generated value reach the platform logic and stay handled', async () => {
    const context = sandboxContext('SWEEP-1');
    const subject = { idType: 'uscc', id: '91320100748204660Q', name: '南京清源食品有限公司' };
    const check = (await (
      await send(endpoints.createCheck, JSON.stringify({ subject, matter: 'FOOD_BUSINESS_LICENCE', context }), 'app')
    ).json()) as { checkId: string };
    const valid: [Endpoint, unknown, string?][] = [
      [endpoints.createCheck, { subject, matter: 'FOOD_BUSINESS_LICENCE', context }],
      [
        endpoints.createCheckBatch,
        { matter: 'PROCUREMENT_SUPPLIER', context, subjects: [subject, { idType: 'idcard', id: '140105198509232176' }] },
      ],
      [endpoints.createFeedback, { action: 'informed', operator: 'window-01', note: 'n' }, `${API_BASE}/checks/${check.checkId}/feedback`],
      [endpoints.getProfile, { subject }],
      [endpoints.signCommitment, { subject, type: 'informed', matter: 'FOOD_BUSINESS_LICENCE', textVersion: 'v2026.1' }],
      [endpoints.searchCommitments, { subject, matter: 'FOOD_BUSINESS_LICENCE' }],
      [endpoints.recordFulfilment, { outcome: 'partly', operator: 'x' }, `${API_BASE}/commitments/cmt_scn_red_1/fulfilment`],
      [
        endpoints.createObjection,
        { entryId: 'ent_scn_food', subject: { idType: 'uscc', id: '91330106MA2FD1G85L' }, reason: '记录有误，请核实' },
      ],
      [endpoints.createToken, { department: 'd', operator: 'o', matters: ['FOOD_BUSINESS_LICENCE'], ttlSeconds: 120 }],
    ];
    const leaves = (value: unknown, path: (string | number)[] = []): (string | number)[][] =>
      value && typeof value === 'object'
        ? Object.entries(value).flatMap(([k, v]) => [
            [...path, Array.isArray(value) ? Number(k) : k],
            ...leaves(v, [...path, Array.isArray(value) ? Number(k) : k]),
          ])
        : [];
    const replace = (value: unknown, path: (string | number)[], next: unknown): unknown => {
      if (path.length === 0) return next;
      const [head, ...rest] = path as [string | number, ...(string | number)[]];
      const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
      copy[head] = replace(copy[head], rest, next);
      return copy;
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...valid),
        fc.nat(),
        fc.oneof(
          fc.jsonValue({ maxDepth: 2 }),
          fc.string({ unit: 'binary' }),
          fc.constantFrom('', ' ', '*', '9'.repeat(18), '91320100748204660Q', 'FOOD_BUSINESS_LICENCE', '2026-02-30'),
        ),
        async ([e, body, path], pick, next) => {
          const paths = leaves(body);
          const mutated = replace(body, paths[pick % paths.length] as (string | number)[], next);
          await expectHandled(
            await send(e, JSON.stringify(mutated), 'app', 'application/json', path),
            `${e.path} ${JSON.stringify(mutated).slice(0, 100)}`,
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('broken bodies: not JSON, truncated, binary, wrong or missing content type, empty', async () => {
    const [, check] = posts.find(([id]) => id === 'createCheck') as [string, Endpoint];
    const bodies = ['{', '{"subject":', 'null', '[]', '', '\u0000\u0001\u0002', '\ud800', '{"a":'.repeat(2000), 'subject=1&matter=2'];
    for (const body of bodies) await expectHandled(await send(check, body, 'app'), `body ${JSON.stringify(body.slice(0, 20))}`);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', '']) {
      await expectHandled(await send(check, '{}', 'app', type), `content-type ${type}`);
    }
  });

  it('path parameters and query strings that are nonsense, for every GET endpoint', async () => {
    const gets = (Object.entries(endpoints) as [string, Endpoint][]).filter(([, e]) => e.method === 'GET');
    const junk = ['%00', '..%2F..%2Fetc%2Fpasswd', 'x'.repeat(3000), '%E4%B8%AD%E6%96%87', "'%20OR%201=1--", '%FF%FE'];
    for (const [id, e] of gets) {
      for (const j of junk) {
        const path = API_BASE + e.path.replace(/:(\w+)/g, j) + (e.query ? `?from=${j}&to=${j}&department=${j}&extra=${j}` : `?${j}=${j}`);
        await expectHandled(await send(e, undefined, 'app', undefined, path), `${id} ${path.slice(0, 80)}`);
      }
    }
  });

  it('idempotency keys that are too long or not ASCII', async () => {
    const [, check] = posts.find(([id]) => id === 'createCheck') as [string, Endpoint];
    for (const key of ['k'.repeat(300), '键', ' ']) {
      const url = `http://platform.test${API_BASE}/checks`;
      const body = '{}';
      const authorization = await authorizationHeader('sandbox-app', 'sandbox-secret-change-me', {
        method: 'POST',
        pathAndQuery: `${API_BASE}/checks`,
        timestamp: Date.now(),
        nonce: randomId(),
        body,
      });
      const res = await mock.app.fetch(
        new Request(url, {
          method: check.method,
          headers: { authorization, 'content-type': 'application/json', 'idempotency-key': encodeURIComponent(key) },
          body,
        }),
      );
      await expectHandled(res, `idempotency-key ${key.slice(0, 10)}`);
    }
  });
});
