import type { Reason, Verdict } from '@credit-check/sdk/contract';

/** Compares names ignoring spaces and full/half-width brackets; undefined when either is empty. */
export function sameName(a: string, b: string): boolean | undefined {
  const norm = (s: string) =>
    s
      .replace(/[\s\u3000]/g, '')
      .replace(/（/g, '(')
      .replace(/）/g, ')');
  const x = norm(a);
  const y = norm(b);
  if (!x || !y) return undefined;
  return x === y;
}

export interface NameCheck {
  /** The name registered on the platform (absent when the subject has no file). */
  registered: string | undefined;
  /** The name the window entered (absent when none was given). */
  given: string | undefined;
  /** Persons' registered names are personal data: the reason must not show them. */
  isPerson: boolean;
}

/**
 * 重错码治理 (001 (四)2): a given name that differs from the registered one may mean a mistyped code.
 * The mismatch is a `notice` reason put first; a `clear` verdict becomes `notice` (its "nothing found"
 * reasons are dropped, as they would contradict it); stronger verdicts stand.
 */
export function applyNameCheck(verdict: Verdict, reasons: readonly Reason[], name: NameCheck): { verdict: Verdict; reasons: Reason[] } {
  if (name.registered === undefined || !name.given || sameName(name.registered, name.given) !== false) {
    return { verdict, reasons: [...reasons] };
  }
  const mismatch: Reason = {
    code: 'NAME_MISMATCH',
    verdict: 'notice',
    message: {
      'zh-CN': `申请人名称与信用平台登记名称“${name.isPerson ? '（个人信息已隐藏）' : name.registered}”不一致，请核对代码是否录入有误`,
      en: 'The name given differs from the registered name: check that the code is right',
    },
    entryId: null,
    measureId: null,
    commitmentId: null,
  };
  if (verdict !== 'clear') return { verdict, reasons: [mismatch, ...reasons] };
  return { verdict: 'notice', reasons: [mismatch, ...reasons.filter((r) => r.verdict !== 'clear')] };
}
