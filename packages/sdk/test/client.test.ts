import { readFileSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import { Check } from '@credit-check/sdk/contract';
import { describe, expect, it } from 'vitest';
import {
  CreditCheckError,
  createClient,
  isCreditCheckError,
  isPlatformUnavailable,
  OUTAGE_CODES,
  redact,
  verifyReceipt,
} from '../src/index.ts';
import { APP, BASE, CLEAN, CONTEXT, checkInput, FOOD_BAN, failure, inProcessPlatform, PERSON, recordingFetch } from './harness.ts';
import { faultMatrix } from './platform.ts';

const mock = await inProcessPlatform();

describe('check', () => {
  it('returns a check parsed with the contract', async () => {
    const client = createClient({ baseUrl: BASE, ...APP });
    const check = await client.check(checkInput(FOOD_BAN));
    expect(Check.safeParse(check).success).toBe(true);
    expect(check.verdict).toBe('restrict');
    expect(check.measures.map((m) => m.measureId)).toEqual(['M-FOOD-DRUG-BAN']);
  });

  it('refuses invalid input before any request, with the reason in both languages', async () => {
    const rec = recordingFetch();
    const client = createClient({ baseUrl: BASE, ...APP, fetch: rec.fetch });
    const error = await failure(client.check(checkInput({ idType: 'uscc', id: '91320100748204660R' })));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.fieldErrors[0]).toMatchObject({ pointer: '/subject/id', code: 'USCC_CHECK_CHAR' });
    expect(error.messageZh).toContain('未通过校验位检验');
    expect(error.messageZh).not.toMatch(/应为/);
    const missing = await failure(client.check({ subject: CLEAN, matter: 'FOOD_BUSINESS_LICENCE' } as never));
    expect(missing.fieldErrors[0]?.pointer).toBe('/context');
    expect(rec.requests).toHaveLength(0);
  });

  it('normalises what staff type on a Chinese IME before sending', async () => {
    const rec = recordingFetch();
    const client = createClient({ baseUrl: BASE, ...APP, fetch: rec.fetch });
    await client.check(checkInput({ idType: 'uscc', id: '９１３２ ０１００-７４８２０４６６０ｑ' }));
    expect(JSON.parse(await (rec.requests[0] as Request).text()).subject.id).toBe(CLEAN.id);
  });
});

describe('in-flight de-duplication and the short cache', () => {
  it('ten identical concurrent checks make one request and share one check', async () => {
    const rec = recordingFetch();
    const client = createClient({ baseUrl: BASE, ...APP, fetch: rec.fetch });
    const checks = await Promise.all(Array.from({ length: 10 }, () => client.check(checkInput())));
    expect(rec.requests).toHaveLength(1);
    expect(new Set(checks.map((c) => c.checkId)).size).toBe(1);
    // Within the TTL the result is reused; `cache: false` asks again.
    await client.check(checkInput());
    expect(rec.requests).toHaveLength(1);
    await client.check(checkInput(), { cache: false });
    expect(rec.requests).toHaveLength(2);
  });

  it('a different matter or application is a different check', async () => {
    const rec = recordingFetch();
    const client = createClient({ baseUrl: BASE, ...APP, fetch: rec.fetch });
    await Promise.all([
      client.check(checkInput()),
      client.check(checkInput(CLEAN, 'CONSTRUCTION_PERMIT')),
      client.check({ ...checkInput(), context: { ...CONTEXT, applicationId: 'other' } }),
    ]);
    expect(rec.requests).toHaveLength(3);
  });

  it('expires cached results after the TTL and never caches failures', async () => {
    const rec = recordingFetch();
    const client = createClient({ baseUrl: BASE, ...APP, fetch: rec.fetch, cache: { ttl: 50 }, retry: 0 });
    mock.faults.set({ kind: 'status', status: 500, times: 1 });
    await failure(client.check(checkInput()));
    await client.check(checkInput());
    expect(rec.requests).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 60));
    await client.check(checkInput());
    expect(rec.requests).toHaveLength(3);
  });

  it('one caller aborting does not cancel the others; all aborting cancels the request', async () => {
    const rec = recordingFetch();
    const client = createClient({ baseUrl: BASE, ...APP, fetch: rec.fetch });
    mock.faults.set({ kind: 'latency', delayMs: 150 });
    const a = new AbortController();
    const first = client.check(checkInput(), { signal: a.signal });
    const second = client.check(checkInput(), { signal: new AbortController().signal });
    a.abort();
    expect((await failure(first)).code).toBe('ABORTED');
    expect((await second).verdict).toBe('clear');
    const b = new AbortController();
    const lone = client.check(checkInput(FOOD_BAN), { signal: b.signal });
    setTimeout(() => b.abort(), 20);
    expect((await failure(lone)).code).toBe('ABORTED');
  });
});

describe('retries', () => {
  it('retry a POST with one Idempotency-Key: a response lost in transit does not create a second check', async () => {
    let lost: { checkId: string } | undefined;
    const rec = recordingFetch();
    const client = createClient({
      baseUrl: BASE,
      ...APP,
      retry: { limit: 2, backoffLimit: 10 },
      fetch: async (input, init) => {
        const response = await rec.fetch(input, init);
        if (!lost) {
          lost = (await response.json()) as { checkId: string };
          throw new TypeError('fetch failed'); // the platform answered; the answer was lost
        }
        return response;
      },
    });
    const check = await client.check(checkInput());
    expect(rec.requests).toHaveLength(2);
    const keys = rec.requests.map((r) => r.headers.get('idempotency-key'));
    expect(keys[0]).toMatch(/^idem_/);
    expect(keys[1]).toBe(keys[0]);
    // The platform replayed its first answer: the same check, not a second one.
    expect(lost?.checkId).toMatch(/^chk_/);
    expect(check.checkId).toBe(lost?.checkId);
    // Each attempt is signed afresh (a replayed nonce would be refused).
    expect(rec.requests[0]?.headers.get('authorization')).not.toBe(rec.requests[1]?.headers.get('authorization'));
  });

  it('sends the signed body again on a retry after a timeout (ky rebuilds its request then)', async () => {
    const rec = recordingFetch();
    const client = createClient({ baseUrl: BASE, ...APP, fetch: rec.fetch, timeout: 150, retry: { limit: 2, backoffLimit: 10 } });
    mock.faults.set({ kind: 'latency', delayMs: 600, times: 1 });
    expect((await client.check(checkInput())).verdict).toBe('clear');
    expect(rec.requests).toHaveLength(2);
    for (const request of rec.requests) expect(JSON.parse(await request.text())).toMatchObject({ subject: CLEAN });
  });

  it('sends the signed body again on a retry after a dropped connection', async () => {
    const rec = recordingFetch();
    const client = createClient({ baseUrl: BASE, ...APP, fetch: rec.fetch, retry: { limit: 2, backoffLimit: 10 } });
    mock.faults.set({ kind: 'reset', times: 1 });
    expect((await client.check(checkInput())).verdict).toBe('clear');
    expect(rec.requests).toHaveLength(2);
    for (const request of rec.requests) expect(JSON.parse(await request.text())).toMatchObject({ subject: CLEAN });
  });

  it('retries 5xx with backoff, then succeeds', async () => {
    const rec = recordingFetch();
    const client = createClient({ baseUrl: BASE, ...APP, fetch: rec.fetch, retry: { limit: 3, backoffLimit: 20 } });
    mock.faults.set({ kind: 'status', status: 503, times: 2 });
    expect((await client.check(checkInput())).verdict).toBe('clear');
    expect(rec.requests).toHaveLength(3);
  });

  it('honours Retry-After on 429', async () => {
    const rec = recordingFetch();
    const client = createClient({ baseUrl: BASE, ...APP, fetch: rec.fetch });
    mock.faults.set({ kind: 'rate-limit', retryAfter: 1, times: 1 });
    const started = Date.now();
    await client.check(checkInput());
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(rec.requests).toHaveLength(2);
  });

  it('does not wait for a Retry-After longer than maxRetryAfter: RATE_LIMITED with retryAfter', async () => {
    const rec = recordingFetch();
    const client = createClient({ baseUrl: BASE, ...APP, fetch: rec.fetch, retry: { maxRetryAfter: 5_000 } });
    mock.faults.set({ kind: 'rate-limit', retryAfter: 120 });
    const error = await failure(client.check(checkInput()));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfter: 120 });
    expect(rec.requests).toHaveLength(1);
  });
});

describe('every failure is an error with a stable code, never a result', () => {
  // Only the latency fault races the timeout; the others answer at once and get a timeout they
  // cannot outrun on a loaded machine (a 500 that took > 200 ms read as TIMEOUT).
  const client = (timeout: number) => createClient({ baseUrl: BASE, ...APP, retry: { limit: 1, backoffLimit: 5 }, timeout });

  for (const { name, fault, code } of faultMatrix(200)) {
    it(`${name} → ${code}`, async () => {
      mock.faults.set(fault);
      const error = await failure(client(code === 'TIMEOUT' ? 200 : 8000).check(checkInput()));
      expect(error.code).toBe(code);
      if (code === 'UNAVAILABLE') expect(error.problem?.message['zh-CN']).toBeTruthy();
      // An outage is told by the code alone (OUTAGE_CODES); an off-contract answer is not one.
      expect(isPlatformUnavailable(error)).toBe(OUTAGE_CODES.has(code));
      // Retriable faults were retried (limit 1); an off-contract answer is final at once.
      expect(error.attempts).toBe(code === 'RESPONSE_SHAPE' ? 1 : 2);
    });
  }

  it('per call: a timeout, retries and headers of its own, over the client’s (stripe-node’s request options)', async () => {
    const rec = recordingFetch();
    const client = createClient({ baseUrl: BASE, ...APP, fetch: rec.fetch, timeout: 5_000, retry: { limit: 2, backoffLimit: 5 } });
    mock.faults.set({ kind: 'latency', delayMs: 400 });
    const slow = await failure(client.check(checkInput(), { timeout: 100, retry: false, cache: false }));
    expect(slow).toMatchObject({ code: 'TIMEOUT', attempts: 1 });
    expect(slow.message).toContain('100 ms');
    mock.faults.set({ kind: 'status', status: 503, retryAfter: 0 });
    rec.requests.length = 0;
    expect(await failure(client.getCheck('chk_nothing', { retry: 0 }))).toMatchObject({ code: 'UNAVAILABLE', attempts: 1 });
    expect(rec.requests).toHaveLength(1);
    mock.faults.clear();
    rec.requests.length = 0;
    await client.listMatters({ headers: { 'x-request-id': 'req_from_the_caller', 'idempotency-key': 'not-yours' } });
    expect(rec.requests[0]?.headers.get('x-request-id')).toBe('req_from_the_caller');
    // The SDK's own headers stay its own.
    const post = await client.check(checkInput(), { headers: { 'content-type': 'text/plain' }, cache: false });
    expect(post.verdict).toBe('clear');
  });

  it('a wrong secret → AUTH; an unknown matter → API_ERROR with the platform’s code', async () => {
    const wrong = createClient({ baseUrl: BASE, appId: 'sandbox-app', appSecret: 'wrong-secret-value' });
    expect(await failure(wrong.check(checkInput()))).toMatchObject({ code: 'AUTH', status: 401 });
    const error = await failure(createClient({ baseUrl: BASE, ...APP }).check(checkInput(CLEAN, 'NO_SUCH_MATTER')));
    expect(error).toMatchObject({ code: 'API_ERROR', status: 422 });
    expect(error.problem?.code).toBe('UNKNOWN_MATTER');
    expect(error.problemCode).toBe('UNKNOWN_MATTER');
    expect(error.toJSON()).toMatchObject({ problemCode: 'UNKNOWN_MATTER' });
  });

  it('isCreditCheckError recognises errors from another copy of the SDK (the widget file bundles its own)', async () => {
    // Another bundle's class is another constructor: only the registry-wide brand identifies it.
    const source = readFileSync(new URL('../src/client/errors.ts', import.meta.url), 'utf8');
    const other = await import(`data:text/javascript,${encodeURIComponent(stripTypes(source))}`);
    const foreign = new other.CreditCheckError('NETWORK', 'from another bundle');
    expect(foreign).not.toBeInstanceOf(CreditCheckError);
    expect(isCreditCheckError(foreign)).toBe(true);
    expect(isCreditCheckError(new CreditCheckError('NETWORK', 'ours'))).toBe(true);
    expect(isCreditCheckError(Object.assign(new Error('look-alike'), { name: 'CreditCheckError', code: 'NETWORK' }))).toBe(false);
    expect(isCreditCheckError(null)).toBe(false);
  });
});

/** errors.ts as plain JavaScript, its one import (redact) stubbed: a second, independent copy of the class. */
function stripTypes(ts: string): string {
  return `const redact = (m) => m;\n${stripTypeScriptTypes(ts.replace(/^import .*$/gm, ''))}`;
}

describe('browser tokens', () => {
  it('are fetched with getToken, and refreshed once after a 401', async () => {
    const backend = createClient({ baseUrl: BASE, ...APP });
    const calls: string[] = [];
    const browser = createClient({
      baseUrl: BASE,
      getToken: async () => {
        calls.push('getToken');
        if (calls.length === 1) return 'cct_revoked.token';
        return (await backend.mintToken({ department: CONTEXT.department, operator: CONTEXT.operator, matters: ['*'] })).token;
      },
    });
    expect((await browser.check(checkInput())).verdict).toBe('clear');
    expect(calls).toHaveLength(2);
    await browser.check(checkInput(FOOD_BAN));
    expect(calls).toHaveLength(2); // the good token is reused
  });

  it('give up after one refresh: AUTH, not a loop', async () => {
    let calls = 0;
    const browser = createClient({
      baseUrl: BASE,
      getToken: () => {
        calls++;
        return 'cct_bad.token';
      },
    });
    expect((await failure(browser.check(checkInput()))).code).toBe('AUTH');
    expect(calls).toBe(2);
  });

  it('are refreshed before they expire', async () => {
    const backend = createClient({ baseUrl: BASE, ...APP });
    let calls = 0;
    const browser = createClient({
      baseUrl: BASE,
      getToken: async () => {
        calls++;
        const t = await backend.mintToken({ department: CONTEXT.department, operator: CONTEXT.operator, matters: ['*'] });
        return { token: t.token, expiresAt: Date.now() + 10_000 }; // inside the 30 s refresh margin
      },
    });
    await browser.check(checkInput());
    await browser.check(checkInput(FOOD_BAN));
    expect(calls).toBe(2);
  });

  it('an app secret is refused in a browser unless explicitly allowed', () => {
    const g = globalThis as Record<string, unknown>;
    g.window = {};
    g.document = {};
    try {
      expect(() => createClient({ baseUrl: BASE, ...APP })).toThrowError(/must not be used in a browser/);
      expect(() => createClient({ baseUrl: BASE, ...APP, dangerouslyAllowBrowser: true })).not.toThrow();
    } finally {
      delete g.window;
      delete g.document;
    }
  });
});

describe('redaction', () => {
  it('keeps secrets, tokens, signatures and ID numbers out of messages and toJSON', async () => {
    const error = new CreditCheckError('API_ERROR', `failed for 140105198509232176 with Bearer cct_abc.def and sig=AbCd secret-xyz`, {
      secrets: ['secret-xyz'],
    });
    const text = `${error.message} ${JSON.stringify(error)}`;
    expect(text).not.toContain('140105198509232176');
    expect(text).toContain('140***********2176');
    expect(text).not.toContain('cct_abc.def');
    expect(text).not.toContain('AbCd');
    expect(text).not.toContain('secret-xyz');
  });

  it('redacts a widget token signed offline (cca_) as it does a platform token (cct_), even unprefixed by Bearer', () => {
    const text = redact('token=cca_eyJkZXB0IjoiZCJ9.c2lnbmF0dXJl given; platform cct_abc.def too');
    expect(text).not.toContain('eyJkZXB0IjoiZCJ9');
    expect(text).not.toContain('c2lnbmF0dXJl');
    expect(text).not.toContain('abc.def');
    expect(text).toContain('cca_[redacted]');
  });

  it('a failing call with a token does not leak the token or the personal ID number', async () => {
    const backend = createClient({ baseUrl: BASE, ...APP });
    const { token } = await backend.mintToken({ department: 'd', operator: 'o', matters: ['*'] });
    const browser = createClient({ baseUrl: BASE, token });
    const error = await failure(browser.check(checkInput(PERSON))); // department mismatch → 403
    expect(error.code).toBe('AUTH');
    const text = `${error.message} ${JSON.stringify(error)} ${String(error.stack)}`;
    expect(text).not.toContain(token);
    expect(text).not.toContain(PERSON.id);
  });
});

describe('batch', () => {
  it('splits over the cap with bounded parallelism and keeps order and per-item errors', async () => {
    const rec = recordingFetch();
    const client = createClient({ baseUrl: BASE, ...APP, fetch: rec.fetch, batchConcurrency: 2 });
    const subjects = Array.from({ length: 250 }, (_, i) =>
      i % 50 === 7 ? { idType: 'uscc' as const, id: '91320100748204660R' } : i % 2 ? FOOD_BAN : CLEAN,
    );
    const result = await client.checkBatch({ matter: 'FOOD_BUSINESS_LICENCE', context: CONTEXT, subjects });
    expect(result.results).toHaveLength(250);
    expect(result.results.map((r) => r.index)).toEqual(subjects.map((_, i) => i));
    const failed = result.results.filter((r) => !r.ok).map((r) => r.index);
    expect(failed).toEqual([7, 57, 107, 157, 207]);
    const second = result.results[1];
    expect(second?.ok && second.check.verdict).toBe('restrict');
    // 245 valid subjects → 3 requests of ≤ 100, at most 2 at a time.
    expect(rec.requests).toHaveLength(3);
    expect(rec.maxInFlight()).toBeLessThanOrEqual(2);
  });
});

describe('receipts: mint token → browser check → backend verifies', () => {
  it('verifies offline with the published key and binds application and subject', async () => {
    const backend = createClient({ baseUrl: BASE, ...APP });
    const { token } = await backend.mintToken({
      department: CONTEXT.department,
      operator: CONTEXT.operator,
      matters: ['FOOD_BUSINESS_LICENCE'],
    });
    const check = await createClient({ baseUrl: BASE, token }).check(checkInput(PERSON));
    expect(check.subject.masked).toBe(true);
    const jwks = await backend.getKeys();
    const claims = await verifyReceipt(check.receipt, jwks, {
      applicationId: CONTEXT.applicationId,
      matter: 'FOOD_BUSINESS_LICENCE',
      subject: PERSON,
      maxAgeSeconds: 60,
    });
    expect(claims).toMatchObject({ checkId: check.checkId, verdict: check.verdict });
    const reason = async (p: Promise<unknown>) => (await failure(p)).reason;
    expect(await reason(verifyReceipt(check.receipt, jwks, { subject: CLEAN }))).toBe('MISMATCH');
    expect(await reason(verifyReceipt(check.receipt, jwks, { applicationId: 'SZ-OTHER' }))).toBe('MISMATCH');
    expect(await reason(verifyReceipt(check.receipt, jwks, { maxAgeSeconds: 60, now: Date.now() + 3_600_000 }))).toBe('TOO_OLD');
    const [h, p, s] = check.receipt.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ ...claims, verdict: 'clear' })).toString('base64url');
    expect(await reason(verifyReceipt(`${h}.${forged}.${s}`, jwks))).toBe('SIGNATURE');
    expect(await reason(verifyReceipt('not-a-receipt', jwks))).toBe('MALFORMED');
    expect(await reason(verifyReceipt(check.receipt, { keys: jwks.keys.map((k) => ({ ...k, kid: 'other' })) }))).toBe('UNKNOWN_KEY');
    // A changed signature byte (the second-last character carries six signature bits; the last one
    // only two, and 'AA' could equal what was there — 1 run in 256 passed the original signature).
    const tampered = `${s.slice(0, -2)}${s.at(-2) === 'A' ? 'B' : 'A'}${s.at(-1)}`;
    expect(await reason(verifyReceipt(`${h}.${p}.${tampered}`, jwks))).toBe('SIGNATURE');
  });
});

describe('lists page by themselves (stripe-node’s auto-paging)', () => {
  it('cases(): every case, one page after another; a break asks for no further page', async () => {
    const rec = recordingFetch();
    const client = createClient({ baseUrl: BASE, ...APP, fetch: rec.fetch, cache: false });
    for (let i = 0; i < 3; i++) {
      const made = await client.check({ ...checkInput(), context: { ...CONTEXT, applicationId: `SZ-PAGING-${i}` } });
      await client.sendFeedback(made.checkId, { action: 'not-applicable', operator: CONTEXT.operator });
    }
    const all = (await client.listCases({ limit: 500 })).cases.map((c) => c.caseId);
    rec.requests.length = 0;
    const paged: string[] = [];
    for await (const c of client.cases({ limit: 1 })) paged.push(c.caseId);
    expect(paged).toEqual(all);
    expect(rec.requests.length).toBeGreaterThanOrEqual(3);
    rec.requests.length = 0;
    for await (const _ of client.cases({ limit: 1 })) break;
    expect(rec.requests).toHaveLength(1);
  });
});
