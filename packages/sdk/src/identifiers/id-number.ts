import { type Message, normalizeIdentifier, type ValidationResult } from './normalize.ts';

/** 居民身份证号码 (GB 11643-1999), ISO 7064 MOD 11-2 check character (domain.md). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
/** Province-level codes of GB/T 2260 (first two digits of the region code). */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
  83,
]);

export type IdNumberReason = 'EMPTY' | 'LENGTH' | 'CHARSET' | 'REGION' | 'BIRTH_DATE' | 'CHECK_CHAR';

export function idNumberCheckChar(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] as number);
  return CHECK_CHARS.charAt(sum % 11);
}

export interface IdNumberOptions {
  /** "Today" for the birth-date plausibility check; defaults to now. */
  now?: Date;
}

/** Validates a 居民身份证号码 after normalising full-width characters, case, spaces and dashes. */
export function validateIdNumber(input: string, options: IdNumberOptions = {}): ValidationResult<IdNumberReason> {
  const normalized = normalizeIdentifier(input);
  const fail = (reason: IdNumberReason, message: Message): ValidationResult<IdNumberReason> => ({
    valid: false,
    normalized,
    reason,
    message,
  });
  if (normalized.length === 0) {
    return fail('EMPTY', { 'zh-CN': '请输入身份证号码', en: 'Enter an ID card number' });
  }
  if (normalized.length !== 18) {
    return fail('LENGTH', {
      'zh-CN': `身份证号码应为18位，当前为${normalized.length}位`,
      en: `A resident ID number has 18 characters, this one has ${normalized.length}`,
    });
  }
  if (!/^\d{17}[\dX]$/.test(normalized)) {
    return fail('CHARSET', {
      'zh-CN': '身份证号码前17位应为数字，第18位为数字或X',
      en: 'The first 17 characters must be digits and the last a digit or X',
    });
  }
  if (!PROVINCES.has(Number(normalized.slice(0, 2)))) {
    return fail('REGION', {
      'zh-CN': '前6位行政区划码无效',
      en: 'The first 6 digits are not a valid administrative division code',
    });
  }
  const year = Number(normalized.slice(6, 10));
  const month = Number(normalized.slice(10, 12));
  const day = Number(normalized.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  const now = options.now ?? new Date();
  if (
    year < 1900 ||
    birth.getUTCFullYear() !== year ||
    birth.getUTCMonth() !== month - 1 ||
    birth.getUTCDate() !== day ||
    birth.getTime() > now.getTime()
  ) {
    return fail('BIRTH_DATE', {
      'zh-CN': '号码无效：第7至14位不是有效的出生日期，请对照证件核对',
      en: 'Invalid number: positions 7–14 are not a valid date of birth; compare it with the card',
    });
  }
  const expected = idNumberCheckChar(normalized.slice(0, 17));
  if (expected !== normalized.charAt(17)) {
    return fail('CHECK_CHAR', {
      // Never the expected character: "correcting" it would make another person's number.
      'zh-CN': '号码无效：未通过校验位检验（第18位与前17位不符），任何一位录错都会如此，请对照证件逐位核对',
      en: 'Invalid number: it fails its check character (position 18 does not match the first 17) — any wrong digit does this; compare it with the card digit by digit',
    });
  }
  return { valid: true, normalized };
}

/**
 * Masks a personal ID number for display (003 §四: private data gets "必要的技术处理"; 002 (十八)).
 * Keeps the first 3 and last 4 characters by default: enough for staff to compare with the card.
 */
export function maskIdNumber(id: string, keepStart = 3, keepEnd = 4): string {
  const n = normalizeIdentifier(id);
  if (n.length <= keepStart + keepEnd) return '*'.repeat(n.length);
  return n.slice(0, keepStart) + '*'.repeat(n.length - keepStart - keepEnd) + n.slice(n.length - keepEnd);
}

/** Masks a person's name: the surname stays, the given name becomes `*` (张** / 欧阳*). */
export function maskPersonName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  const keep = chars.length >= 4 ? 2 : 1; // two-character surnames such as 欧阳 on four-character names
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
}
