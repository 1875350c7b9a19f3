import { readFileSync } from 'node:fs';
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

// Chromium-based domestic browsers lag behind: the drop-in file must be ES2020 syntax.
describe('dist/credit-check.js, the single-file drop-in', () => {
  const bundle = read('../dist/credit-check.js');

  it('parses as ES2020 (no class fields, private members, static blocks, top-level await …)', () => {
    expect(() => parse(bundle, { ecmaVersion: 2020, sourceType: 'module' })).not.toThrow();
  });

  it('really is checked: ES2022 syntax is refused by the same parser', () => {
    expect(() => parse('class A { #x = 1 }', { ecmaVersion: 2020, sourceType: 'module' })).toThrow();
  });

  it('is self-contained: no imports left to resolve', () => {
    const program = parse(bundle, { ecmaVersion: 2020, sourceType: 'module' });
    expect(program.body.filter((n) => n.type === 'ImportDeclaration')).toEqual([]);
    expect(bundle).not.toMatch(/\bimport\(/);
  });

  it('leaves receipt verification (jose) to backends: none of it is in the browser file', () => {
    expect(bundle).not.toContain('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    expect(bundle).not.toContain('compactVerify');
  });

  it('registers the element and ships Lit in production mode', () => {
    // Any quote: the minifier writes string literals as template literals.
    expect(bundle).toMatch(/customElements\.define\(["'`]credit-check["'`]/);
    expect(bundle).not.toContain('Lit is in dev mode');
  });
});
