import { createHash, createHmac } from 'node:crypto';
import { sm2 as sm2Lib } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from '../auth/encoding.ts';
import { SM2_DEFAULT_USER_ID, sm2PublicKeyOf, sm2Sign, sm2Verify } from './sm2.ts';
import { fromHex, hmacSm3, sm3, sm3HexOf } from './sm3.ts';

// GB/T 32905-2016 附录 A: the two example messages and their digests.
const SM3_EXAMPLES = [
  { message: 'abc', digest: '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0' },
  { message: 'abcd'.repeat(16), digest: 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732' },
];

describe('SM3 (GB/T 32905)', () => {
  for (const { message, digest } of SM3_EXAMPLES) {
    it(`digests the standard's example "${message.slice(0, 8)}…" (${message.length} bytes)`, () => {
      expect(sm3HexOf(message)).toBe(digest);
      expect(toHex(sm3(utf8.encode(message)))).toBe(digest);
      // Node's OpenSSL agrees, so the platform may use either.
      expect(createHash('sm3').update(message).digest('hex')).toBe(digest);
    });
  }

  it('HMAC-SM3 equals OpenSSL HMAC over SM3 for short, block-sized and long keys', () => {
    for (const key of ['k', 'x'.repeat(64), 'long-secret-'.repeat(10), '密钥']) {
      for (const message of ['', 'CC-HMAC-SM3\nPOST\n/api/v1/checks', '中文正文'.repeat(40)]) {
        expect(toHex(hmacSm3(key, message))).toBe(createHmac('sm3', key).update(message).digest('hex'));
      }
    }
  });
});

// GM/T 0003.5-2012 (≙ GB/T 32918.5-2017) 附录: the signature example on the recommended curve
// (GB/T 32918.2's own annex uses a test curve no library implements), default user ID.
const SM2_EXAMPLE = {
  d: '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
  x: '09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020',
  y: 'ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
  message: 'message digest',
  z: 'b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3',
  e: 'f0b43e94ba45accaace692ed534382eb17e6ab5a19ce7b31f4486fdfc0d28640',
  k: '59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21',
  r: 'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3',
  s: 'b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
};

describe('SM2 signature (GB/T 32918.2 with SM3, default user ID)', () => {
  const publicKey = `04${SM2_EXAMPLE.x}${SM2_EXAMPLE.y}`;

  it("derives the example's public key, Z and e", () => {
    expect(sm2PublicKeyOf(SM2_EXAMPLE.d)).toBe(publicKey);
    expect(SM2_DEFAULT_USER_ID).toBe('1234567812345678');
    expect(toHex(sm2Lib.getZ(publicKey, SM2_DEFAULT_USER_ID))).toBe(SM2_EXAMPLE.z);
    // e = SM3(Z ‖ M), computed here from the definition with Node's SM3.
    const e = createHash('sm3').update(fromHex(SM2_EXAMPLE.z)).update(SM2_EXAMPLE.message).digest('hex');
    expect(e).toBe(SM2_EXAMPLE.e);
  });

  it("makes the example's r ‖ s with the example's k, and verifies it", () => {
    const k = BigInt(`0x${SM2_EXAMPLE.k}`);
    const G = (
      sm2Lib.precomputePublicKey(publicKey) as unknown as { constructor: { BASE: { multiply(n: bigint): { toAffine(): { x: bigint } } } } }
    ).constructor.BASE;
    const x1 = G.multiply(k).toAffine().x;
    const signature = sm2Lib.doSignature(SM2_EXAMPLE.message, SM2_EXAMPLE.d, { hash: true, pointPool: [{ k, x1 }] });
    expect(signature).toBe(SM2_EXAMPLE.r + SM2_EXAMPLE.s);
    expect(sm2Verify(publicKey, utf8.encode(SM2_EXAMPLE.message), fromHex(SM2_EXAMPLE.r + SM2_EXAMPLE.s))).toBe(true);
  });

  it('refuses a changed message, a changed signature and a wrong length', () => {
    const signature = sm2Sign(SM2_EXAMPLE.d, utf8.encode(SM2_EXAMPLE.message));
    expect(signature).toHaveLength(64);
    expect(sm2Verify(publicKey, utf8.encode(SM2_EXAMPLE.message), signature)).toBe(true);
    expect(sm2Verify(publicKey, utf8.encode('message digesT'), signature)).toBe(false);
    const flipped = signature.slice();
    flipped[40] = (flipped[40] as number) ^ 1;
    expect(sm2Verify(publicKey, utf8.encode(SM2_EXAMPLE.message), flipped)).toBe(false);
    expect(sm2Verify(publicKey, utf8.encode(SM2_EXAMPLE.message), signature.slice(0, 63))).toBe(false);
  });
});
