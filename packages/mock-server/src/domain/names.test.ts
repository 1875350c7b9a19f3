import type { Reason } from '@credit-check/sdk/contract';
import { describe, expect, it } from 'vitest';
import { applyNameCheck, sameName } from './names.ts';

const reason = (verdict: Reason['verdict'], code = verdict.toUpperCase()): Reason => ({
  code,
  verdict,
  message: { 'zh-CN': code, en: code },
  entryId: null,
  measureId: null,
  commitmentId: null,
});

// 001 (四)2 重错码治理: a name that does not match the code may mean a mistyped code.
describe('the name-mismatch rule', () => {
  it('compares names ignoring spaces and full/half-width brackets', () => {
    expect(sameName('南京清源（食品）有限公司', '南京清源 (食品) 有限公司')).toBe(true);
    expect(sameName('南京清源食品有限公司', '南京清远食品有限公司')).toBe(false);
    expect(sameName('', '南京')).toBeUndefined();
  });

  it('turns clear into notice, puts the mismatch first and drops the "nothing found" reasons', () => {
    const out = applyNameCheck('clear', [reason('clear', 'NO_RECORD')], { registered: '甲公司', given: '乙公司', isPerson: false });
    expect(out.verdict).toBe('notice');
    expect(out.reasons.map((r) => r.code)).toEqual(['NAME_MISMATCH']);
    expect(out.reasons[0]?.message['zh-CN']).toContain('“甲公司”');
  });

  it('keeps a stronger verdict and its reasons, with the mismatch added first', () => {
    const out = applyNameCheck('restrict', [reason('restrict', 'BAN')], { registered: '甲公司', given: '乙公司', isPerson: false });
    expect(out.verdict).toBe('restrict');
    expect(out.reasons.map((r) => r.code)).toEqual(['NAME_MISMATCH', 'BAN']);
  });

  it("never shows a person's registered name (003 §四)", () => {
    const out = applyNameCheck('clear', [], { registered: '张三', given: '李四', isPerson: true });
    expect(out.reasons[0]?.message['zh-CN']).not.toContain('张三');
    expect(out.reasons[0]?.message['zh-CN']).toContain('个人信息已隐藏');
  });

  it('changes nothing when the names match, no name was given or the subject has no file', () => {
    const reasons = [reason('clear')];
    for (const name of [
      { registered: '甲公司', given: '甲 公司', isPerson: false },
      { registered: '甲公司', given: undefined, isPerson: false },
      { registered: undefined, given: '乙公司', isPerson: false },
    ]) {
      expect(applyNameCheck('clear', reasons, name)).toEqual({ verdict: 'clear', reasons });
    }
  });
});
