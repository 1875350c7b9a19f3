import { type Message, normalizeIdentifier, type ValidationResult } from './normalize.ts';

/**
 * 统一社会信用代码 (GB 32100-2015), see domain.md "Facts from outside the seeds".
 * 18 characters from this alphabet (no I, O, S, V, Z); a character's value is its index.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights for positions 1–17: 3^(i−1) mod 31. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
/** GB 11714 (组织机构代码) weights over positions 9–16; its own table maps A=10…Z=35. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
/** 登记管理部门码 in use (position 1). */
const AUTHORITY_CODES = '123456789ANY';

export type UsccReason = 'EMPTY' | 'LENGTH' | 'CHARSET' | 'AUTHORITY' | 'REGION' | 'ORG_CODE_CHECK' | 'CHECK_CHAR';

export interface UsccOptions {
  /**
   * Some early pilot-area codes in real registries fail the check character (domain.md).
   * `'warn'` accepts them and reports `CHECK_CHAR`/`ORG_CODE_CHECK` in `warnings`. Default `'strict'`.
   */
  checkChar?: 'strict' | 'warn';
}

/** The check character (position 18) for the first 17 characters, or undefined if any is outside the alphabet. */
export function usccCheckChar(first17: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) return undefined;
    sum += value * (USCC_WEIGHTS[i] as number);
  }
  const check = (31 - (sum % 31)) % 31;
  return USCC_ALPHABET.charAt(check);
}

/** The GB 11714 check character for the 8-character organisation code body (positions 9–16). */
export function orgCodeCheckChar(body8: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8.charCodeAt(i);
    // A different table from the USCC one: digits are themselves, A=10 … Z=35.
    const value = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 90 ? c - 55 : -1;
    if (value < 0) return undefined;
    sum += value * (ORG_WEIGHTS[i] as number);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** Validates a 统一社会信用代码 after normalising full-width characters, case, spaces and dashes. */
export function validateUscc(input: string, options: UsccOptions = {}): ValidationResult<UsccReason> {
  const normalized = normalizeIdentifier(input);
  const fail = (reason: UsccReason, message: Message): ValidationResult<UsccReason> => ({
    valid: false,
    normalized,
    reason,
    message,
  });
  if (normalized.length === 0) {
    return fail('EMPTY', { 'zh-CN': '请输入统一社会信用代码', en: 'Enter a unified social credit code' });
  }
  if (normalized.length !== 18) {
    return fail('LENGTH', {
      'zh-CN': `统一社会信用代码应为18位，当前为${normalized.length}位`,
      en: `A unified social credit code has 18 characters, this one has ${normalized.length}`,
    });
  }
  for (let i = 0; i < 18; i++) {
    const ch = normalized.charAt(i);
    if (!USCC_ALPHABET.includes(ch)) {
      return fail('CHARSET', {
        'zh-CN': `第${i + 1}位“${ch}”不是统一社会信用代码允许的字符（不含 I、O、S、V、Z）`,
        en: `Character ${i + 1} "${ch}" is not allowed in a unified social credit code (no I, O, S, V, Z)`,
      });
    }
  }
  if (!AUTHORITY_CODES.includes(normalized.charAt(0))) {
    return fail('AUTHORITY', {
      'zh-CN': `第1位登记管理部门码“${normalized.charAt(0)}”无效`,
      en: `Position 1 "${normalized.charAt(0)}" is not a registration authority code`,
    });
  }
  if (!/^\d{6}$/.test(normalized.slice(2, 8))) {
    return fail('REGION', {
      'zh-CN': '第3至8位应为6位数字的行政区划码',
      en: 'Positions 3–8 must be a 6-digit administrative division code',
    });
  }
  const warnings: UsccReason[] = [];
  const lenient = options.checkChar === 'warn';
  const orgExpected = orgCodeCheckChar(normalized.slice(8, 16));
  if (orgExpected !== normalized.charAt(16)) {
    // Never the expected character: a typo anywhere in 9–16 shows up here, and "correcting" the check
    // character would make the code of another organisation.
    const result = fail('ORG_CODE_CHECK', {
      'zh-CN': '代码无效：第9至17位（组织机构代码）未通过校验，其中任何一位录错都会如此，请对照证照逐位核对',
      en: 'Invalid code: positions 9–17 (the organisation code) fail their check — any wrong character there does this; compare it with the licence character by character',
    });
    if (!lenient) return result;
    warnings.push('ORG_CODE_CHECK');
  }
  const expected = usccCheckChar(normalized);
  if (expected !== normalized.charAt(17)) {
    // Never the expected character (see above): the typo is usually earlier than position 18.
    const result = fail('CHECK_CHAR', {
      'zh-CN': '代码无效：未通过校验位检验（第18位与前17位不符），任何一位录错都会如此，请对照证照逐位核对',
      en: 'Invalid code: it fails its check character (position 18 does not match the first 17) — any wrong character does this; compare it with the licence character by character',
    });
    if (!lenient) return result;
    warnings.push('CHECK_CHAR');
  }
  return warnings.length > 0 ? { valid: true, normalized, warnings } : { valid: true, normalized };
}
