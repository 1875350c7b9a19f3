import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idNumberCheckChar, maskIdNumber, maskPersonName, validateIdNumber } from './id-number.ts';

// domain.md: "Example: 11010519491231002X is valid."
const VALID = '11010519491231002X';
const NOW = { now: new Date('2026-11-21T00:00:00Z') };

describe('validateIdNumber (GB 11643-1999)', () => {
  it('accepts the example, including a lower-case x and full-width digits', () => {
    expect(validateIdNumber(VALID, NOW)).toEqual({ valid: true, normalized: VALID });
    expect(validateIdNumber('11010519491231002x', NOW).normalized).toBe(VALID);
    expect(validateIdNumber('１１０１０５１９４９１２３１００２Ｘ', NOW).valid).toBe(true);
  });

  it('says a wrong check character makes the number invalid — never the expected character (that names another person)', () => {
    const result = validateIdNumber('110105194912310021', NOW);
    expect(result).toMatchObject({ valid: false, reason: 'CHECK_CHAR' });
    expect(result.message?.['zh-CN']).toContain('号码无效');
    expect(result.message?.['zh-CN']).toContain('校验位');
    expect(result.message?.['zh-CN']).not.toContain('X');
    expect(result.message?.en).not.toMatch(/should be/);
  });

  it('refuses impossible and future birth dates', () => {
    const feb30 = '1101051990023' + '0123';
    expect(validateIdNumber(feb30 + idNumberCheckChar(feb30), NOW).reason).toBe('BIRTH_DATE');
    const future = '11010520300101012';
    expect(validateIdNumber(future + idNumberCheckChar(future), NOW).reason).toBe('BIRTH_DATE');
  });

  it('refuses a wrong length, bad characters and unknown provinces', () => {
    expect(validateIdNumber('110105194912310', NOW).reason).toBe('LENGTH');
    expect(validateIdNumber('11010519491231002Y', NOW).reason).toBe('CHARSET');
    const region = '99010519491231002';
    expect(validateIdNumber(region + idNumberCheckChar(region), NOW).reason).toBe('REGION');
  });

  it('properties: generated numbers pass; any single-character change fails', () => {
    const valid = fc
      .tuple(
        fc.constantFrom('110105', '320505', '440305', '210602'),
        fc.date({ min: new Date('1930-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }),
        fc.nat(999),
      )
      .map(([region, date, seq]) => {
        const first17 = region + date.toISOString().slice(0, 10).replace(/-/g, '') + String(seq).padStart(3, '0');
        return first17 + idNumberCheckChar(first17);
      });
    fc.assert(fc.property(valid, (id) => validateIdNumber(id, NOW).valid));
    fc.assert(
      fc.property(valid, fc.nat(17), fc.constantFrom(...'0123456789X'), (id, position, replacement) => {
        fc.pre(id.charAt(position) !== replacement);
        return validateIdNumber(id.slice(0, position) + replacement + id.slice(position + 1), NOW).valid === false;
      }),
    );
  });
});

describe('masking', () => {
  it('masks an ID number keeping the first 3 and last 4 characters', () => {
    expect(maskIdNumber(VALID)).toBe('110***********002X');
    expect(maskIdNumber('110 105 1949 1231 002x')).toBe('110***********002X');
  });

  it("masks a person's given name", () => {
    expect(maskPersonName('王建国')).toBe('王**');
    expect(maskPersonName('李娜')).toBe('李*');
    expect(maskPersonName('欧阳文华')).toBe('欧阳**');
  });
});
