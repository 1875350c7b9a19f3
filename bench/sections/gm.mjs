// gm — 国密 beside the standard suite: the primitives (SM2 against Ed25519, HMAC-SM3 against
// HMAC-SHA256) and POST /checks on a `--crypto gm` platform against a standard one, same load.
import { createHmac, generateKeyPairSync, sign, verify } from 'node:crypto';
import { HMAC_SHA256, randomId } from '@credit-check/sdk/auth';
import { generateSm2KeyPair, HMAC_SM3, sm2Jwk, sm2Signer } from '@credit-check/sdk/gm';
import { signJws, verifyReceipt } from '@credit-check/sdk/receipts';
import { child, fmt, load, mark } from '../lib.mjs';
import { context, MATTERS } from './fixtures.mjs';

/** Microseconds per call, over enough calls to take ~0.5 s (after a warm-up). */
async function perCall(fn, minMs = 500) {
  for (let i = 0; i < 50; i++) await fn();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    for (let i = 0; i < 50; i++) await fn();
    n += 50;
  }
  return ((performance.now() - start) * 1000) / n;
}

/** @param {{ report: any, row: Function, duration: number, subjects: number }} ctx */
export async function gmSection({ report, row, duration, subjects }) {
  console.log('\ngm — 国密 (SM2, SM3) beside Ed25519 and SHA-256');
  const claims = {
    iss: 'bench',
    checkId: 'chk_bench',
    applicationId: 'BENCH-1',
    department: 'D',
    matter: 'FOOD_BUSINESS_LICENCE',
    verdict: 'clear',
    fastTrack: false,
    checkedAt: new Date().toISOString(),
    subjectDigest: 'x'.repeat(43),
    iat: 1,
  };
  const input = Buffer.from('eyJhbGciOiJFZERTQSJ9.'.padEnd(420, 'x'));
  const ed = generateKeyPairSync('ed25519');
  const edSig = sign(null, input, ed.privateKey);
  const sm2 = generateSm2KeyPair();
  const sm2Sign = sm2Signer(sm2.privateKey);
  const sm2Jwks = { keys: [sm2Jwk(sm2.publicKey)] };
  const sm2Receipt = await signJws(claims, sm2Sign, sm2Jwks.keys[0].kid, 'SM2SM3');
  const edJwk = { ...ed.publicKey.export({ format: 'jwk' }), kid: 'ed', alg: 'EdDSA', use: 'sig' };
  const edReceipt = await signJws(claims, (d) => sign(null, d, ed.privateKey), 'ed');

  const r = {};
  r.ed25519Sign = await perCall(() => sign(null, input, ed.privateKey));
  r.sm2Sign = await perCall(() => sm2Sign(input));
  r.ed25519Verify = await perCall(() => verify(null, input, ed.publicKey, edSig));
  r.verifyReceiptEdDsa = await perCall(() => verifyReceipt(edReceipt, { keys: [edJwk] }));
  r.verifyReceiptSm2 = await perCall(() => verifyReceipt(sm2Receipt, sm2Jwks), 1000);
  const canonical = Buffer.from(`CC-HMAC\nPOST\n/api/v1/checks\n${Date.now()}\n${randomId('', 18)}\n${'0'.repeat(64)}`);
  r.hmacSha256Node = await perCall(() => createHmac('sha256', 'sandbox-secret-change-me').update(canonical).digest());
  r.hmacSm3Node = await perCall(() => createHmac('sm3', 'sandbox-secret-change-me').update(canonical).digest());
  const parts = {
    method: 'POST',
    pathAndQuery: '/api/v1/checks',
    timestamp: Date.now(),
    nonce: randomId('', 18),
    body: '{"a":1}'.repeat(40),
  };
  const { computeSignature } = await import('@credit-check/sdk/auth');
  r.signSha256Sdk = await perCall(() => computeSignature('sandbox-secret-change-me', parts, HMAC_SHA256));
  r.signSm3Sdk = await perCall(() => computeSignature('sandbox-secret-change-me', parts, HMAC_SM3));
  report.results.gmPrimitives = r;
  const us = (x) => `${fmt(x, x < 10 ? 2 : 0)} µs`;
  row(
    'gm',
    'receipt signature: SM2 (sm-crypto-v2)',
    us(r.sm2Sign),
    us(r.ed25519Sign),
    `${fmt(r.sm2Sign / r.ed25519Sign, 0)}×`,
    '',
    'vs Ed25519 (node:crypto)',
  );
  row(
    'gm',
    'verifyReceipt: SM2SM3',
    us(r.verifyReceiptSm2),
    us(r.verifyReceiptEdDsa),
    `${fmt(r.verifyReceiptSm2 / r.verifyReceiptEdDsa, 0)}×`,
    '',
    'vs EdDSA (jose)',
  );
  row(
    'gm',
    'HMAC-SM3 (node:crypto, platform)',
    us(r.hmacSm3Node),
    us(r.hmacSha256Node),
    `${fmt(r.hmacSm3Node / r.hmacSha256Node, 1)}×`,
    '',
    'vs HMAC-SHA256',
  );
  row(
    'gm',
    'request signature CC-HMAC-SM3 (SDK)',
    us(r.signSm3Sdk),
    us(r.signSha256Sdk),
    `${fmt(r.signSm3Sdk / r.signSha256Sdk, 1)}×`,
    '',
    'vs CC-HMAC-SHA256 (WebCrypto)',
  );

  console.log(
    `\ngm — POST /api/v1/checks on --crypto gm vs standard, ${subjects.toLocaleString('en')} subjects, 64 connections, alternating`,
  );
  const standard = await child('./children/mock.mjs', [String(subjects), '-', 'standard']);
  const gm = await child('./children/mock.mjs', [String(subjects), '-', 'gm']);
  const bodiesOf = (info) =>
    info.sample.slice(0, 5000).map((subject, i) => JSON.stringify({ subject, matter: MATTERS[i % 3], context: context(i) }));
  const run = (info) =>
    load({
      url: `${info.apiBase}/checks`,
      connections: 64,
      duration,
      headers: { authorization: `Bearer ${info.token}` },
      bodies: bodiesOf(info),
    });
  await run(standard.first);
  await run(gm.first);
  const s = [];
  const g = [];
  for (let round = 0; round < 2; round++) {
    s.push(await run(standard.first));
    g.push(await run(gm.first));
  }
  await standard.stop();
  await gm.stop();
  const avg = (xs, k) => xs.reduce((sum, x) => sum + x[k], 0) / xs.length;
  const result = {
    gm: { rps: avg(g, 'rps'), p50: avg(g, 'p50'), p99: avg(g, 'p99'), errors: g.reduce((sum, x) => sum + x.errors + x.non2xx, 0) },
    standard: { rps: avg(s, 'rps'), p50: avg(s, 'p50'), p99: avg(s, 'p99') },
    rounds: { gm: g.map((x) => x.rps), standard: s.map((x) => x.rps) },
  };
  report.results.gmChecks = result;
  row(
    'gm',
    'check req/s, --crypto gm',
    fmt(result.gm.rps, 0),
    fmt(result.standard.rps, 0),
    `${fmt((100 * result.gm.rps) / result.standard.rps, 0)} %`,
    '',
    'vs standard, same run',
  );
  row(
    'gm',
    'check latency p50 / p99, gm',
    `${fmt(result.gm.p50)} / ${fmt(result.gm.p99)} ms`,
    `${fmt(result.standard.p50)} / ${fmt(result.standard.p99)} ms`,
    '',
    '',
  );
  row('gm', 'errors + non-2xx during load, gm', result.gm.errors, '', '', `0 ${mark(result.gm.errors === 0)}`);
}
