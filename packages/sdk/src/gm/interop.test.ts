import smCrypto from 'sm-crypto';
import { describe, expect, it } from 'vitest';
import { toBase64Url, toHex, utf8 } from '../auth/encoding.ts';
import { canonicalRequest, computeSignature } from '../auth/signature.ts';
import { signJws } from '../receipts/jws.ts';
import { verifyReceipt } from '../receipts/verify.ts';
import { verifySm2Jws } from './receipts.ts';
import { HMAC_SM3 } from './signing.ts';
import { generateSm2KeyPair, SM2_ALG, sm2Jwk, sm2PublicKeyFromJwk, sm2Signer } from './sm2.ts';
import { fromHex } from './sm3.ts';

// npm `sm-crypto` (JuneAndGreen) is the SM library most 政务 systems already run: what we sign
// must verify there, and what it signs must verify here.
const { sm2: legacy, sm3: legacySm3 } = smCrypto;

const claims = {
  iss: 'credit-check-mock',
  checkId: 'chk_sm2',
  applicationId: 'APP-1',
  department: 'D1',
  matter: 'M1',
  verdict: 'clear',
  fastTrack: false,
  checkedAt: new Date().toISOString(),
  subjectDigest: 'x',
  iat: Math.floor(Date.now() / 1000),
};

describe('SM2 receipts and sm-crypto, both ways', () => {
  it('a receipt signed here verifies with sm-crypto (doVerifySignature, hash: true)', async () => {
    const keys = generateSm2KeyPair();
    const jwk = sm2Jwk(keys.publicKey);
    const receipt = await signJws(claims, sm2Signer(keys.privateKey), jwk.kid, SM2_ALG);
    const [head, body, sig] = receipt.split('.') as [string, string, string];
    expect(JSON.parse(Buffer.from(head, 'base64url').toString())).toMatchObject({ alg: 'SM2SM3', kid: jwk.kid });
    const rsHex = Buffer.from(sig, 'base64url').toString('hex');
    expect(rsHex).toHaveLength(128);
    // The JWK's coordinates are the public key sm-crypto takes (04 ‖ x ‖ y, hex).
    const publicKeyHex = sm2PublicKeyFromJwk(jwk) as string;
    expect(publicKeyHex).toBe(keys.publicKey);
    expect(legacy.doVerifySignature(`${head}.${body}`, rsHex, publicKeyHex, { hash: true })).toBe(true);
    expect(legacy.doVerifySignature(`${head}.${body}x`, rsHex, publicKeyHex, { hash: true })).toBe(false);
  });

  it("a JWS signed by sm-crypto verifies here, and the SDK's verifyReceipt accepts it", async () => {
    const keys = legacy.generateKeyPairHex();
    const jwk = sm2Jwk(keys.publicKey);
    const head = toBase64Url(utf8.encode(JSON.stringify({ alg: 'SM2SM3', kid: jwk.kid, typ: 'cc-receipt+jwt' })));
    const body = toBase64Url(utf8.encode(JSON.stringify(claims)));
    const rsHex = legacy.doSignature(`${head}.${body}`, keys.privateKey, { hash: true });
    const jws = `${head}.${body}.${toBase64Url(fromHex(rsHex))}`;
    expect(verifySm2Jws(jws, jwk, jwk.kid)).toHaveProperty('payload');
    await expect(verifyReceipt(jws, { keys: [jwk] }, { checkId: 'chk_sm2' })).resolves.toMatchObject({ checkId: 'chk_sm2' });
  });

  it('HMAC-SM3 request signatures equal sm-crypto HMAC over the same canonical string', async () => {
    const parts = {
      method: 'post',
      pathAndQuery: '/api/v1/checks',
      timestamp: 1_700_000_000_000,
      nonce: 'nonce-123456',
      body: '{"a":"中"}',
    };
    const canonical = await canonicalRequest(parts, HMAC_SM3);
    expect(canonical.split('\n')[0]).toBe('CC-HMAC-SM3');
    expect(canonical.split('\n')[5]).toBe(legacySm3('{"a":"中"}'));
    const sig = await computeSignature('app-secret', parts, HMAC_SM3);
    const expected = legacySm3(canonical, { key: toHex(utf8.encode('app-secret')) });
    expect(Buffer.from(sig, 'base64url').toString('hex')).toBe(expected);
    // A different scheme signs a different string: a SHA-256 signature never passes for SM3.
    expect(await computeSignature('app-secret', parts)).not.toBe(sig);
  });
});

describe('verifyReceipt refuses SM2 receipts it must not accept', () => {
  const keys = generateSm2KeyPair();
  const jwk = sm2Jwk(keys.publicKey);
  const sign = (c: object, kid = jwk.kid) => signJws(c, sm2Signer(keys.privateKey), kid, SM2_ALG);
  const reason = (p: Promise<unknown>) =>
    p.then(
      () => 'accepted',
      (e: { reason?: string }) => e.reason,
    );

  it('tampered claims, a forged signature, an unknown kid, an EdDSA key under the kid', async () => {
    const receipt = await sign(claims);
    const [head, , sig] = receipt.split('.');
    const forgedBody = toBase64Url(utf8.encode(JSON.stringify({ ...claims, verdict: 'caution' })));
    expect(await reason(verifyReceipt(`${head}.${forgedBody}.${sig}`, jwk))).toBe('SIGNATURE');
    const other = generateSm2KeyPair();
    const byOther = await signJws(claims, sm2Signer(other.privateKey), jwk.kid, SM2_ALG);
    expect(await reason(verifyReceipt(byOther, { keys: [jwk] }))).toBe('SIGNATURE');
    expect(await reason(verifyReceipt(await sign(claims, 'rk_nope'), { keys: [jwk] }))).toBe('UNKNOWN_KEY');
    const ed = { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(new Uint8Array(32)), kid: jwk.kid, alg: 'EdDSA', use: 'sig' } as const;
    expect(await reason(verifyReceipt(receipt, { keys: [ed] }))).toBe('UNKNOWN_KEY');
    expect(await reason(verifyReceipt(`${head}.${forgedBody}.${toBase64Url(new Uint8Array(10))}`, jwk))).toBe('MALFORMED');
  });

  it('an old receipt is TOO_OLD and a different subject a MISMATCH (SM3 subject digest)', async () => {
    const { sm3SubjectDigest } = await import('./receipts.ts');
    const checkedAt = new Date(Date.now() - 3_600_000).toISOString();
    const subjectDigest = sm3SubjectDigest('uscc', '91350100M000100Y43', 'chk_sm2');
    const receipt = await sign({ ...claims, checkedAt, subjectDigest });
    const subject = { idType: 'uscc', id: '91350100M000100Y43' } as const;
    await expect(verifyReceipt(receipt, jwk, { subject })).resolves.toMatchObject({ subjectDigest });
    expect(await reason(verifyReceipt(receipt, jwk, { subject: { ...subject, id: '91110000100000000X' } }))).toBe('MISMATCH');
    expect(await reason(verifyReceipt(receipt, jwk, { maxAgeSeconds: 600 }))).toBe('TOO_OLD');
  });
});
