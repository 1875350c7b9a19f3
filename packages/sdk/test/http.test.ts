import smCrypto from 'sm-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HMAC_SM3, sm2PublicKeyFromJwk } from '../src/gm/index.ts';
import { CreditCheckError, createClient, settleDeferred, verifyReceipt } from '../src/index.ts';
import { APP, CONTEXT, checkInput, FOOD_BAN, PERSON } from './harness.ts';
import { type CryptoSuite, faultMatrix, type RunningServer, startServer } from './platform.ts';

// Everything below runs twice: on the standard platform and on `--crypto gm` (国密: the app signs
// with CC-HMAC-SM3, receipts are SM2), with a backend configured for each.
describe.each<CryptoSuite>(['standard', 'gm'])('over real HTTP, crypto %s', (suite) => {
  let server: RunningServer;
  const app = { ...APP, ...(suite === 'gm' ? { signature: HMAC_SM3 } : {}) };
  beforeAll(async () => {
    server = await startServer({ port: 0, subjects: 100, crypto: suite });
  });
  afterAll(() => server.close());

  it('a signed backend mints a token, the browser client checks, the backend verifies the receipt and records feedback', async () => {
    const backend = createClient({ baseUrl: server.apiBase, ...app });
    const { token, expiresAt } = await backend.mintToken({
      department: CONTEXT.department,
      operator: CONTEXT.operator,
      matters: ['*'],
      ttlSeconds: 300,
    });
    const browser = createClient({ baseUrl: server.apiBase, getToken: () => ({ token, expiresAt }) });
    const check = await browser.check(checkInput(PERSON, 'PROCUREMENT_SUPPLIER'));
    expect(check.verdict).toBe('restrict');
    expect(check.subject.id).not.toBe(PERSON.id);
    const keys = await backend.getKeys();
    expect(keys.keys[0]).toMatchObject(suite === 'gm' ? { kty: 'EC', crv: 'SM2', alg: 'SM2SM3' } : { kty: 'OKP', alg: 'EdDSA' });
    const claims = await verifyReceipt(check.receipt, keys, { checkId: check.checkId, subject: PERSON });
    expect(claims.verdict).toBe('restrict');
    const feedback = await browser.sendFeedback(check.checkId, {
      action: 'restricted',
      operator: CONTEXT.operator,
      measuresApplied: ['M-PROC-BAN'],
    });
    expect((await backend.getCheck(check.checkId)).feedback?.feedbackId).toBe(feedback.feedbackId);
  });

  it('a signed call whose first attempts meet a dropped connection is sent again with the body it signed (the 补查 after an outage)', async () => {
    // The drill of issue 15/27: the platform drops connections, comes back, and the retried signed
    // POST was refused as "signature invalid" — the retry sent its Request without the body. Over
    // real sockets, in a process where msw is loaded (it replaces globalThis.Request, so a retried
    // Request is not `instanceof` the Request a module saw first).
    const backend = createClient({ baseUrl: server.apiBase, ...app, timeout: 2000, retry: { limit: 3, backoffLimit: 50 } });
    for (let i = 0; i < 3; i++) {
      server.faults.set({ kind: 'outage', times: i + 1 });
      const settled = await settleDeferred(backend.connection, {
        deferralId: `dfr_http_${suite}_${i}`,
        subject: { idType: 'uscc', id: FOOD_BAN.id, name: '杭州鑫源食品有限公司' },
        matter: 'PROCUREMENT_SUPPLIER',
        context: {
          ...CONTEXT,
          applicationId: `SZ-RETRY-${i}`,
          deferred: { at: new Date().toISOString(), reason: { code: 'other', text: '信用平台无响应，已电话报备' } },
        },
      });
      expect(settled.check.context.deferred?.reason.text).toBe('信用平台无响应，已电话报备');
    }
    server.faults.clear();
  });

  it('the app is held to its scheme: the other one is refused (no downgrade, no surprise upgrade)', async () => {
    const other = createClient({ baseUrl: server.apiBase, ...APP, ...(suite === 'gm' ? {} : { signature: HMAC_SM3 }), retry: 0 });
    const error = await other.check(checkInput()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AUTH', problemCode: 'SIGNATURE_INVALID' });
    expect((error as Error).message).toContain(suite === 'gm' ? 'CC-HMAC-SM3' : 'CC-HMAC-SHA256');
  });

  it('many signed calls in parallel each carry a fresh nonce (none is refused as a replay)', async () => {
    const backend = createClient({ baseUrl: server.apiBase, ...app, cache: false });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => backend.check({ ...checkInput(FOOD_BAN), context: { ...CONTEXT, applicationId: `PAR-${i}` } })),
    );
    expect(results.every((c) => c.verdict === 'restrict')).toBe(true);
    if (suite === 'gm') {
      // Every one of those SM2 receipts verifies with sm-crypto, the library 政务 systems already run.
      const jwk = (await backend.getKeys()).keys[0] as { x: string; y: string };
      const publicKey = sm2PublicKeyFromJwk(jwk) as string;
      for (const { receipt } of results) {
        const [head, body, sig] = receipt.split('.') as [string, string, string];
        const rs = Buffer.from(sig, 'base64url').toString('hex');
        expect(smCrypto.sm2.doVerifySignature(`${head}.${body}`, rs, publicKey, { hash: true })).toBe(true);
      }
    }
  });

  it('a dropped connection is NETWORK, a platform that never answers is TIMEOUT', async () => {
    const client = createClient({ baseUrl: server.apiBase, ...app, retry: 0, timeout: 300, headers: { prefer: 'fault=reset' } });
    await expect(client.check(checkInput())).rejects.toMatchObject({ code: 'NETWORK' });
    const hanging = createClient({ baseUrl: server.apiBase, ...app, retry: 0, timeout: 300, headers: { prefer: 'fault=hang' } });
    const error = await hanging.check(checkInput()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CreditCheckError);
    expect((error as CreditCheckError).code).toBe('TIMEOUT');
  });

  it('nothing listening is NETWORK after the retries', async () => {
    const dead = createClient({ baseUrl: 'http://127.0.0.1:9/api/v1', ...app, retry: { limit: 1, backoffLimit: 5 } });
    await expect(dead.check(checkInput())).rejects.toMatchObject({ code: 'NETWORK', attempts: 2 });
  });

  describe('fault matrix: the documented error for every fault, never a result', () => {
    for (const { name, fault, code } of faultMatrix(300)) {
      it(`${name} → ${code}`, async () => {
        server.faults.set(fault);
        try {
          const client = createClient({
            baseUrl: server.apiBase,
            ...app,
            retry: { limit: 1, backoffLimit: 10 },
            // Only the latency fault races the timeout; the others answer at once (a loaded machine
            // must not turn a 500 into TIMEOUT).
            timeout: code === 'TIMEOUT' ? 300 : 8000,
            cache: false,
          });
          const error = await client.check(checkInput()).then(
            (result) => result,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(CreditCheckError);
          expect((error as CreditCheckError).code).toBe(code);
        } finally {
          server.faults.clear();
        }
      });
    }
  });
});
