import { idNumberCheckChar, orgCodeCheckChar, USCC_ALPHABET, usccCheckChar } from '@credit-check/sdk/identifiers';
import type { Random } from './prng.ts';

/** Administrative divisions used for generated subjects (GB/T 2260), with the city for names. */
export const REGIONS: readonly (readonly [code: string, city: string])[] = [
  ['320505', '苏州'],
  ['320506', '苏州'],
  ['320508', '苏州'],
  ['320583', '昆山'],
  ['320102', '南京'],
  ['320106', '南京'],
  ['140105', '太原'],
  ['140106', '太原'],
  ['210602', '丹东'],
  ['210603', '丹东'],
  ['371003', '威海'],
  ['371002', '威海'],
  ['211382', '凌源'],
  ['110105', '北京'],
  ['110108', '北京'],
  ['310115', '上海'],
  ['330106', '杭州'],
  ['440305', '深圳'],
  ['510107', '成都'],
  ['420106', '武汉'],
];

// GB 11714 body characters: digits and letters that are also in the USCC alphabet.
const ORG_BODY = USCC_ALPHABET;

/** A valid 统一社会信用代码 with a valid embedded GB 11714 organisation code. */
export function makeUscc(authority: string, category: string, region: string, random: Random): string {
  for (;;) {
    let body = random.chance(0.7) ? 'MA' : '';
    while (body.length < 8) body += ORG_BODY.charAt(random.int(ORG_BODY.length));
    const orgCheck = orgCodeCheckChar(body);
    if (!orgCheck || !USCC_ALPHABET.includes(orgCheck)) continue;
    const first17 = authority + category + region + body + orgCheck;
    return first17 + usccCheckChar(first17);
  }
}

/** A valid 居民身份证号码. */
export function makeIdNumber(region: string, birth: string, sequence: number): string {
  const first17 = region + birth.replace(/-/g, '') + String(sequence).padStart(3, '0');
  return first17 + idNumberCheckChar(first17);
}
