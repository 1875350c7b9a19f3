import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orgCodeCheckChar, USCC_ALPHABET, usccCheckChar, validateUscc } from './uscc.ts';

// domain.md: "Worked example: 91320100748204660Q is valid (Σ=937, 937 mod 31 = 7, 31−7 = 24 = Q)."
const VALID = '91320100748204660Q';

describe('validateUscc (GB 32100-2015)', () => {
  it('accepts the worked example and computes its check character', () => {
    expect(validateUscc(VALID)).toEqual({ valid: true, normalized: VALID });
    expect(usccCheckChar(VALID.slice(0, 17))).toBe('Q');
  });

  it('says a wrong check character makes the code invalid, and which rule failed — never the expected character', () => {
    // A typo at position 5 (2 → 3): "fixing" position 18 to what the check wants would make the
    // valid code of another organisation, so the message must not offer it.
    const typo = '91330100748204660Q';
    const result = validateUscc(typo);
    expect(result).toMatchObject({ valid: false, reason: 'CHECK_CHAR' });
    const wanted = usccCheckChar(typo.slice(0, 17)) as string;
    expect(validateUscc(typo.slice(0, 17) + wanted).valid).toBe(true);
    expect(result.message?.['zh-CN']).toContain('代码无效');
    expect(result.message?.['zh-CN']).toContain('校验位');
    expect(result.message?.['zh-CN']).not.toContain(`“${wanted}”`);
    expect(result.message?.['zh-CN']).not.toMatch(/应为/);
    expect(result.message?.en).not.toMatch(/should be/);
  });

  it('refuses characters outside the alphabet (I, O, S, V, Z) and names the position', () => {
    const result = validateUscc('91320100748204660O');
    expect(result).toMatchObject({ valid: false, reason: 'CHARSET' });
    expect(result.message?.['zh-CN']).toContain('第18位');
    expect(validateUscc('9132010074820466#Q').reason).toBe('CHARSET');
  });

  it('refuses a wrong length, saying how long it is', () => {
    expect(validateUscc('9132010074820466Q')).toMatchObject({ valid: false, reason: 'LENGTH' });
    expect(validateUscc('9132010074820466Q').message?.['zh-CN']).toContain('17位');
    expect(validateUscc('91320100748204660QQ').reason).toBe('LENGTH');
    expect(validateUscc('').reason).toBe('EMPTY');
  });

  it('normalises full-width characters, lower case, spaces and dashes', () => {
    expect(validateUscc('９１３２０１００７４８２０４６６０ｑ')).toEqual({ valid: true, normalized: VALID });
    expect(validateUscc(' 9132 0100-7482 0466 0q ')).toEqual({ valid: true, normalized: VALID });
    expect(validateUscc('913201\u3000007482\u200b04660Q').valid).toBe(true);
  });

  it('checks the embedded GB 11714 organisation code with its own table', () => {
    // Position 17 is the organisation code's check character: 74820466 → 0.
    expect(orgCodeCheckChar('74820466')).toBe('0');
    const first16 = '9132010074820466';
    const wrongOrg = `${first16}1`;
    const code = wrongOrg + usccCheckChar(wrongOrg);
    const result = validateUscc(code);
    expect(result).toMatchObject({ valid: false, reason: 'ORG_CODE_CHECK' });
    expect(result.message?.['zh-CN']).toContain('组织机构代码');
    expect(result.message?.['zh-CN']).not.toMatch(/应为/);
  });

  it('can treat check-character mismatches as warnings for early pilot-area codes', () => {
    expect(validateUscc('91320100748204660R', { checkChar: 'warn' })).toEqual({
      valid: true,
      normalized: '91320100748204660R',
      warnings: ['CHECK_CHAR'],
    });
    expect(validateUscc('91320100748204660', { checkChar: 'warn' }).valid).toBe(false);
  });

  it('refuses an unknown registration authority and a non-numeric region', () => {
    expect(validateUscc('B1320100748204660Q').reason).toBe('AUTHORITY');
    expect(validateUscc('9132A100748204660Q').reason).toBe('REGION');
  });

  describe('properties', () => {
    const alphabet = fc.constantFrom(...USCC_ALPHABET);
    /** Valid codes built the way registries build them. */
    const validCode = fc
      .tuple(
        fc.constantFrom(...'123456789ANY'),
        alphabet,
        fc.stringMatching(/^[1-8]\d{5}$/),
        fc.array(alphabet, { minLength: 8, maxLength: 8 }).map((a) => a.join('')),
      )
      .map(([authority, category, region, body]) => {
        const org = orgCodeCheckChar(body) as string;
        const first17 = authority + category + region + body + org;
        return first17 + usccCheckChar(first17);
      })
      .filter((code) => USCC_ALPHABET.includes(code.charAt(16)));

    it('every generated valid code passes', () => {
      fc.assert(fc.property(validCode, (code) => validateUscc(code).valid === true));
    });

    it('any single-character change fails (or is reported)', () => {
      fc.assert(
        fc.property(validCode, fc.nat(17), alphabet, (code, position, replacement) => {
          fc.pre(code.charAt(position) !== replacement);
          const changed = code.slice(0, position) + replacement + code.slice(position + 1);
          const result = validateUscc(changed);
          return result.valid === false && typeof result.reason === 'string' && result.message !== undefined;
        }),
      );
    });
  });
});
