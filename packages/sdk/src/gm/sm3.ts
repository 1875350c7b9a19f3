import { sm3 as sm3Hex } from 'sm-crypto-v2';
import { utf8 } from '../auth/encoding.ts';

/**
 * SM3 (GB/T 32905) and HMAC-SM3 (RFC 2104 over SM3) from `sm-crypto-v2` (pure TypeScript on the
 * audited `@noble` primitives; runs in Node, browsers and mini-programs alike). Node's OpenSSL
 * computes the same bytes — the tests hold both to the standard's examples.
 */
export function sm3(data: Uint8Array | string): Uint8Array {
  return fromHex(sm3Hex(bytes(data)));
}

export function sm3HexOf(data: Uint8Array | string): string {
  return sm3Hex(bytes(data));
}

export function hmacSm3(key: Uint8Array | string, data: Uint8Array | string): Uint8Array {
  // sm-crypto-v2 reads a string key as hex: always hand it bytes.
  return fromHex(sm3Hex(bytes(data), { key: bytes(key), mode: 'hmac' }));
}

function bytes(data: Uint8Array | string): Uint8Array {
  return typeof data === 'string' ? utf8.encode(data) : data;
}

export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new TypeError('not hex');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
