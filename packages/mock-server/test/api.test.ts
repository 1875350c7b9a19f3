import { Check, Coverage, Feedback, Profile } from '@credit-check/sdk/contract';
import { orgCodeCheckChar, usccCheckChar, validateUscc } from '@credit-check/sdk/identifiers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/node/server.ts';
import { bearer, CLEAN, CONTEXT, checkBody, mint, PERSON_DEBTOR, problem, signed, start } from './helpers.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await start();
});
afterAll(() => server.close());
beforeEach(async () => {
  await fetch(`${server.origin}/__mock/reset`, { method: 'POST' });
});

describe('POST /api/v1/checks', () => {
  it('stores a check with verdict, reasons, entries, measures, eligibility, grade, linked subjects and a receipt', async () => {
    const res = await signed(
      server,
      'POST',
      '/api/v1/checks',
      checkBody({ idType: 'uscc', id: '91140105MA0CD7K21J' }, 'PROCUREMENT_SUPPLIER'),
    );
    expect(res.status).toBe(201);
    const check = Check.parse(await res.json());
    expect(res.headers.get('location')).toBe(`/api/v1/checks/${check.checkId}`);
    expect(check.verdict).toBe('restrict');
    expect(check.measures.map((m) => m.measureId)).toEqual(['M-PROC-BAN']);
    expect(check.entries[0]).toMatchObject({
      listType: 'blacklist',
      listCode: 'COURT_DISHONEST_DEBTOR',
      status: 'active',
      effective: true,
    });
    expect(check.eligibility.informedCommitment.eligible).toBe(false);
    expect(check.grade?.level).toBe('D');
    expect(check.linked[0]?.relation).toBe('legal-representative');
    expect(check.receipt.split('.')).toHaveLength(3);
    expect(check.feedback).toBeNull();
    // …and reads back through GET /checks/{id}.
    const back = Check.parse(await (await signed(server, 'GET', `/api/v1/checks/${check.checkId}`)).json());
    expect(back).toEqual(check);
  });

  it('numbers every check with a 核查编号 people can quote, signed in its receipt and found by GET /checks/{serial}', async () => {
    const make = async () => Check.parse(await (await signed(server, 'POST', '/api/v1/checks', checkBody())).json());
    const [a, b] = [await make(), await make()];
    expect(a.serial).toMatch(/^HC-\d{8}-\d{6}$/);
    // One sequence per day, decided by the store: the next check has the next number.
    expect(Number(b.serial?.slice(-6))).toBe(Number(a.serial?.slice(-6)) + 1);
    const claims = JSON.parse(Buffer.from(a.receipt.split('.')[1] as string, 'base64url').toString());
    expect(claims.serial).toBe(a.serial);
    const bySerial = await signed(server, 'GET', `/api/v1/checks/${a.serial}`);
    expect(bySerial.status).toBe(200);
    expect(Check.parse(await bySerial.json())).toEqual(a);
    // Feedback named by the serial is the check's own.
    const feedback = await signed(server, 'POST', `/api/v1/checks/${a.serial}/feedback`, {
      action: 'not-applicable',
      operator: CONTEXT.operator,
    });
    expect(feedback.status).toBe(201);
    expect(Feedback.parse(await feedback.json()).checkId).toBe(a.checkId);
    expect((await signed(server, 'GET', '/api/v1/checks/HC-20000101-000001')).status).toBe(404);
  });

  it('accepts full-width, lower-case, spaced identifiers and normalises them', async () => {
    const res = await signed(server, 'POST', '/api/v1/checks', checkBody({ idType: 'uscc', id: '９１３２ ０１００-７４８２０４６６０ｑ' }));
    expect(res.status).toBe(201);
    expect(Check.parse(await res.json()).subject).toMatchObject({ id: CLEAN.id, found: true });
  });

  it('answers a valid identifier without a file as clear, found: false (no record is not a failed check)', async () => {
    const first17 = `91320100${'MA1ABCDE'}${orgCodeCheckChar('MA1ABCDE')}`;
    const unknown = first17 + usccCheckChar(first17);
    expect(validateUscc(unknown).valid).toBe(true);
    const check = Check.parse(await (await signed(server, 'POST', '/api/v1/checks', checkBody({ idType: 'uscc', id: unknown }))).json());
    expect(check.subject).toMatchObject({ id: unknown, found: false, name: null });
    expect(check.verdict).toBe('clear');
    expect(check.reasons.map((r) => r.code)).toEqual(['NO_FILE']);
  });

  it('masks 身份证 numbers and persons’ names for a token without pii:read; an app sees them', async () => {
    const token = await mint(server);
    const res = await bearer(server, token, 'POST', '/api/v1/checks', checkBody(PERSON_DEBTOR, 'PROCUREMENT_SUPPLIER'));
    const masked = Check.parse(await res.json());
    expect(masked.subject).toMatchObject({ id: '140***********2176', masked: true, name: '李*' });
    expect(JSON.stringify(masked)).not.toContain(PERSON_DEBTOR.id);
    const app = Check.parse(await (await signed(server, 'POST', '/api/v1/checks', checkBody(PERSON_DEBTOR))).json());
    expect(app.subject).toMatchObject({ id: PERSON_DEBTOR.id, masked: false, name: '李娜' });
  });

  it('warns when the name given does not match the registered one (重错码治理)', async () => {
    const check = Check.parse(
      await (await signed(server, 'POST', '/api/v1/checks', checkBody({ ...CLEAN, name: '南京清源科技有限公司' }))).json(),
    );
    expect(check.verdict).toBe('notice');
    expect(check.reasons[0]?.code).toBe('NAME_MISMATCH');
    const same = Check.parse(
      await (await signed(server, 'POST', '/api/v1/checks', checkBody({ ...CLEAN, name: '南京清源食品有限公司' }))).json(),
    );
    expect(same.verdict).toBe('clear');
  });
});

describe('bad input: a problem with a stable code, field errors, Chinese and English — never a 500', () => {
  it('malformed JSON → 400 MALFORMED_JSON without echoing the body', async () => {
    const body = await problem(
      await signed(server, 'POST', '/api/v1/checks', undefined, { raw: '{"subject": 110105194912310' }),
      400,
      'MALFORMED_JSON',
    );
    expect(JSON.stringify(body)).not.toContain('110105194912310');
  });

  it('wrong types and missing fields → 400 VALIDATION_FAILED with pointers', async () => {
    const body = await problem(
      await signed(server, 'POST', '/api/v1/checks', { subject: { idType: 'uscc', id: 42 }, matter: 'X' }),
      400,
      'VALIDATION_FAILED',
    );
    const pointers = body.errors?.map((e) => e.pointer) ?? [];
    expect(pointers).toContain('/subject/id');
    expect(pointers).toContain('/context');
    const typeError = body.errors?.find((e) => e.pointer === '/subject/id');
    expect(typeError?.message.en).toContain('expected string');
    expect(typeError?.message['zh-CN']).toMatch(/\p{Script=Han}/u);
  });

  it('an invalid check character → 400 naming the expected character, in both languages', async () => {
    const body = await problem(
      await signed(server, 'POST', '/api/v1/checks', checkBody({ idType: 'uscc', id: '91320100748204660R' })),
      400,
      'VALIDATION_FAILED',
    );
    expect(body.errors?.[0]).toMatchObject({ pointer: '/subject/id', code: 'USCC_CHECK_CHAR' });
    expect(body.errors?.[0]?.message['zh-CN']).toContain('未通过校验位检验');
    // Never the expected character: the typo may be anywhere, and "fixing" position 18 names another subject.
    expect(body.errors?.[0]?.message['zh-CN']).not.toContain('Q');
  });

  it('unknown fields are refused, not silently dropped', async () => {
    const body = await problem(
      await signed(server, 'POST', '/api/v1/checks', { ...checkBody(), applicationID: 'x' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(body.errors?.[0]?.code).toBe('UNRECOGNIZED_KEYS');
  });

  it('unknown matter → 422, oversized body → 413, wrong content type → 415, unknown route → 404, wrong method → 405', async () => {
    await problem(await signed(server, 'POST', '/api/v1/checks', checkBody(CLEAN, 'NO_SUCH_MATTER')), 422, 'UNKNOWN_MATTER');
    await problem(
      await signed(server, 'POST', '/api/v1/checks', undefined, { raw: JSON.stringify({ pad: 'x'.repeat(70_000) }) }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    await problem(
      await signed(server, 'POST', '/api/v1/checks', undefined, {
        raw: 'a=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    await problem(await fetch(`${server.origin}/api/v1/nothing`), 404, 'ROUTE_NOT_FOUND');
    await problem(await fetch(`${server.apiBase}/checks`, { method: 'PUT' }), 405, 'METHOD_NOT_ALLOWED');
  });

  it('the coverage query is validated too', async () => {
    await problem(await signed(server, 'GET', '/api/v1/stats/coverage?from=yesterday'), 400, 'VALIDATION_FAILED');
  });
});

describe('feedback (反馈)', () => {
  async function newCheck() {
    return Check.parse(
      await (
        await signed(server, 'POST', '/api/v1/checks', checkBody({ idType: 'uscc', id: '91320505MA1PC0Q10W' }, 'PROCUREMENT_SUPPLIER'))
      ).json(),
    );
  }

  it('is recorded once and shown on the stored check; the same feedback again returns it', async () => {
    const check = await newCheck();
    const body = { action: 'restricted', operator: 'window-01', note: '不予受理', measuresApplied: ['M-PROC-BAN'] };
    const first = await signed(server, 'POST', `/api/v1/checks/${check.checkId}/feedback`, body);
    expect(first.status).toBe(201);
    const fb = Feedback.parse(await first.json());
    const again = await signed(server, 'POST', `/api/v1/checks/${check.checkId}/feedback`, body);
    expect(again.status).toBe(200);
    expect(Feedback.parse(await again.json()).feedbackId).toBe(fb.feedbackId);
    const stored = Check.parse(await (await signed(server, 'GET', `/api/v1/checks/${check.checkId}`)).json());
    expect(stored.feedback).toEqual(fb);
  });

  it('a different second feedback → 409', async () => {
    const check = await newCheck();
    await signed(server, 'POST', `/api/v1/checks/${check.checkId}/feedback`, { action: 'restricted', operator: 'window-01' });
    await problem(
      await signed(server, 'POST', `/api/v1/checks/${check.checkId}/feedback`, { action: 'refused', operator: 'window-01' }),
      409,
      'FEEDBACK_EXISTS',
    );
  });

  it('honours Idempotency-Key: a replay returns the first answer; the key with another body → 422', async () => {
    const check = await newCheck();
    const headers = { 'idempotency-key': 'fb-key-1' };
    const body = { action: 'restricted', operator: 'window-01' };
    const first = await signed(server, 'POST', `/api/v1/checks/${check.checkId}/feedback`, body, { headers });
    const replay = await signed(server, 'POST', `/api/v1/checks/${check.checkId}/feedback`, body, { headers });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(await first.json());
    await problem(
      await signed(server, 'POST', `/api/v1/checks/${check.checkId}/feedback`, { ...body, note: 'x' }, { headers }),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
  });

  it('an override needs a reason; measures must be from the check', async () => {
    const check = await newCheck();
    const body = await problem(
      await signed(server, 'POST', `/api/v1/checks/${check.checkId}/feedback`, { action: 'overridden', operator: 'w' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(body.errors?.[0]).toMatchObject({ pointer: '/reason', code: 'REASON_REQUIRED' });
    await problem(
      await signed(server, 'POST', `/api/v1/checks/${check.checkId}/feedback`, {
        action: 'restricted',
        operator: 'w',
        measuresApplied: ['M-FOOD-DRUG-BAN'],
      }),
      422,
      'UNKNOWN_MEASURE',
    );
  });

  it('an outcome the measures do not permit is refused (自动响应, 002 (十六)): no acceptance under a ban', async () => {
    const ban = Check.parse(
      await (
        await signed(server, 'POST', '/api/v1/checks', checkBody({ idType: 'uscc', id: '91330106MA2FD1G85L' }, 'FOOD_BUSINESS_LICENCE'))
      ).json(),
    );
    expect(ban.verdict).toBe('restrict');
    for (const action of ['restricted', 'overridden', 'not-applicable', 'strict-review']) {
      const body = await problem(
        await signed(server, 'POST', `/api/v1/checks/${ban.checkId}/feedback`, { action, operator: 'window-01', reason: 'r' }),
        422,
        'OUTCOME_NOT_PERMITTED',
      );
      expect(body.message['zh-CN']).toContain('不予受理');
      expect(body.detail).toContain('refused');
    }
    const refused = await signed(server, 'POST', `/api/v1/checks/${ban.checkId}/feedback`, { action: 'refused', operator: 'window-01' });
    expect(refused.status).toBe(201);
  });

  it('an unknown check → 404', async () => {
    await problem(
      await signed(server, 'POST', '/api/v1/checks/chk_nope/feedback', { action: 'informed', operator: 'w' }),
      404,
      'NOT_FOUND',
    );
  });
});

describe('POST /checks/batch', () => {
  it('answers per item: a result or a problem, in order', async () => {
    const res = await signed(server, 'POST', '/api/v1/checks/batch', {
      matter: 'FOOD_BUSINESS_LICENCE',
      context: CONTEXT,
      subjects: [CLEAN, { idType: 'uscc', id: '91320100748204660R' }, { idType: 'uscc', id: '91330106MA2FD1G85L' }],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      results: { index: number; ok: boolean; check?: { verdict: string }; problem?: { code: string; errors: { pointer: string }[] } }[];
    };
    expect(body.results.map((r) => [r.index, r.ok])).toEqual([
      [0, true],
      [1, false],
      [2, true],
    ]);
    expect(body.results[1]?.problem?.errors[0]?.pointer).toBe('/subjects/1/id');
    expect(body.results[2]?.check?.verdict).toBe('restrict');
  });

  it('refuses more than 100 subjects with 400 BATCH_TOO_LARGE', async () => {
    const subjects = Array.from({ length: 101 }, () => CLEAN);
    await problem(
      await signed(server, 'POST', '/api/v1/checks/batch', { matter: 'FOOD_BUSINESS_LICENCE', context: CONTEXT, subjects }),
      400,
      'BATCH_TOO_LARGE',
    );
  });
});

describe('profiles, catalog, stats, keys', () => {
  it('a profile carries history: repaired entries, commitments, interviews, linked subjects', async () => {
    const profile = Profile.parse(
      await (await signed(server, 'POST', '/api/v1/profiles', { subject: { idType: 'uscc', id: '91140105MA0CD7K21J' } })).json(),
    );
    expect(profile.interviews[0]?.kind).toBe('warning');
    expect(profile.linked[0]?.relation).toBe('legal-representative');
    const repaired = Profile.parse(
      await (await signed(server, 'POST', '/api/v1/profiles', { subject: { idType: 'uscc', id: '91320106MA1RP2E39L' } })).json(),
    );
    expect(repaired.entries[0]?.status).toBe('repaired');
    expect(repaired.commitments[0]?.type).toBe('repair');
  });

  it('the catalog lists matters, measures (with the matters they bind), lists and grade scales', async () => {
    const matters = (await (await signed(server, 'GET', '/api/v1/catalog/matters')).json()) as { matters: { code: string }[] };
    expect(matters.matters.map((m) => m.code)).toContain('FOOD_BUSINESS_LICENCE');
    const measures = (await (await signed(server, 'GET', '/api/v1/catalog/measures')).json()) as {
      measures: { category: string; matters: string[] }[];
    };
    expect(new Set(measures.measures.map((m) => m.category))).toEqual(new Set(['administrative', 'market', 'industry', 'ban']));
    expect((await signed(server, 'GET', '/api/v1/catalog/lists')).status).toBe(200);
    expect((await signed(server, 'GET', '/api/v1/catalog/grades')).status).toBe(200);
  });

  it('coverage counts checks per matter and verdict and the feedback rate', async () => {
    const a = Check.parse(
      await (await signed(server, 'POST', '/api/v1/checks', checkBody({ idType: 'uscc', id: '91330106MA2FD1G85L' }))).json(),
    );
    await signed(server, 'POST', '/api/v1/checks', checkBody());
    await signed(server, 'POST', `/api/v1/checks/${a.checkId}/feedback`, { action: 'refused', operator: 'window-01' });
    const coverage = Coverage.parse(await (await signed(server, 'GET', '/api/v1/stats/coverage')).json());
    expect(coverage.total).toBe(2);
    expect(coverage.verdicts).toEqual({ clear: 1, notice: 0, caution: 0, restrict: 1 });
    expect(coverage.byMatter[0]).toMatchObject({
      matter: { code: 'FOOD_BUSINESS_LICENCE', name: '食品经营许可' },
      total: 2,
      withFeedback: 1,
      feedbackRate: 0.5,
    });
  });

  it('publishes its receipt key as a public JWKS', async () => {
    const jwks = (await (await fetch(`${server.apiBase}/keys`)).json()) as { keys: { kty: string; crv: string; kid: string }[] };
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
  });
});

describe('CORS', () => {
  it('answers preflights with the headers a widget needs, cached', async () => {
    const res = await fetch(`${server.apiBase}/checks`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://hall.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, idempotency-key',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toContain('idempotency-key');
    expect(res.headers.get('access-control-max-age')).toBe('600');
  });

  it('restricts origins when configured', async () => {
    const strict = await start({ corsOrigins: ['http://hall.example'] });
    try {
      const ok = await fetch(`${strict.origin}/healthz`, { headers: { origin: 'http://hall.example' } });
      expect(ok.headers.get('access-control-allow-origin')).toBe('http://hall.example');
      const other = await fetch(`${strict.origin}/healthz`, { headers: { origin: 'http://evil.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await strict.close();
    }
  });
});
