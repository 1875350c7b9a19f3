import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

const chunks = readdirSync(new URL('../dist/', import.meta.url)).filter((f) => /^credit-check\..+\.js$/.test(f));
type Node = { type: string; source?: { value?: unknown; quasis?: { value: { cooked: string } }[] }; [key: string]: unknown };

/** A literal specifier: the minifier may write it as a template literal without expressions. */
const specifier = (source: Node['source']) => String(source?.value ?? source?.quasis?.map((q) => q.value.cooked).join(''));

/** Every import in a module: static declarations and `import('…')` with a literal. */
function imports(code: string): { static: string[]; dynamic: string[] } {
  const found = { static: [] as string[], dynamic: [] as string[] };
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    const n = node as Node;
    if ((n.type === 'ImportDeclaration' || n.type === 'ExportNamedDeclaration' || n.type === 'ExportAllDeclaration') && n.source)
      found.static.push(specifier(n.source));
    if (n.type === 'ImportExpression') found.dynamic.push(specifier(n.source));
    for (const value of Object.values(n)) visit(value);
  };
  visit(parse(code, { ecmaVersion: 2020, sourceType: 'module' }));
  return found;
}

// Chromium-based domestic browsers lag behind: the drop-in files must be ES2020 syntax.
describe('dist/credit-check.js, the drop-in', () => {
  const bundle = read('../dist/credit-check.js');

  it('parses as ES2020 (no class fields, private members, static blocks, top-level await …), its chunks too', () => {
    expect(() => parse(bundle, { ecmaVersion: 2020, sourceType: 'module' })).not.toThrow();
    for (const chunk of chunks) expect(() => parse(read(`../dist/${chunk}`), { ecmaVersion: 2020, sourceType: 'module' })).not.toThrow();
  });

  it('really is checked: ES2022 syntax is refused by the same parser', () => {
    expect(() => parse('class A { #x = 1 }', { ecmaVersion: 2020, sourceType: 'module' })).toThrow();
  });

  it('loads nothing before it runs; what checks and shows a result and the on-demand parts (应急, applicant mode, English, the printed 结果单, the comparison with 受理) are chunks beside it', () => {
    const entry = imports(bundle);
    expect(entry.static).toEqual([]);
    expect(entry.dynamic.sort()).toEqual([
      expect.stringMatching(/^\.\/credit-check\.applicant-[\w-]+\.js$/),
      expect.stringMatching(/^\.\/credit-check\.defer-[\w-]+\.js$/),
      expect.stringMatching(/^\.\/credit-check\.i18n-en-[\w-]+\.js$/),
      expect.stringMatching(/^\.\/credit-check\.print-sheet-[\w-]+\.js$/),
      // What checks and shows a result (the SDK's connection, details, alert, response form, their
      // words): fetched as the element connects.
      expect.stringMatching(/^\.\/credit-check\.result-[\w-]+\.js$/),
      expect.stringMatching(/^\.\/credit-check\.since-[\w-]+\.js$/),
    ]);
    const records = chunks.find((c) => c.includes('.records-')) as string;
    const result = chunks.find((c) => c.includes('.result-')) as string;
    const signature = chunks.find((c) => c.includes('.signature-')) as string;
    // Two chunks more, never loaded by the entry: the records' SDK calls and schemas (结果单, replay),
    // shared by the print and the comparison with 受理; and signing with an app secret (HMAC-SHA256
    // or SM3), which the connection loads on a signed call — a browser holds a token and never does.
    expect(chunks.filter((c) => c !== records && c !== signature).sort()).toEqual(entry.dynamic.map((d) => d.slice(2)));
    for (const name of chunks) {
      // A chunk takes Lit and the shared widget code from the entry and the SDK's connection from the
      // result's chunk (no second copy); the English words need nothing; the print and the comparison
      // with 受理 also take the records' calls, which stand on the connection.
      const chunk = imports(read(`../dist/${name}`));
      const expected = name.includes('.i18n-en-')
        ? []
        : name.includes('.since-') || name.includes('.print-sheet-')
          ? ['./credit-check.js', `./${records}`]
          : name === records || name === signature
            ? [`./${result}`]
            : name === result
              ? ['./credit-check.js']
              : ['./credit-check.js', `./${result}`];
      expect(chunk.static.sort(), name).toEqual(expected);
      expect(chunk.dynamic, name).toEqual(name === result ? [`./${signature}`] : []);
      expect(existsSync(new URL(`../dist/${name}.map`, import.meta.url))).toBe(true);
    }
  });

  it('exports what its README names for a plain page, and not the connection (that is @credit-check/sdk)', () => {
    const names: string[] = [];
    const program = parse(bundle, { ecmaVersion: 2020, sourceType: 'module' }) as unknown as { body: Node[] };
    for (const node of program.body)
      if (node.type === 'ExportNamedDeclaration')
        for (const s of node.specifiers as { exported: { name: string } }[]) names.push(s.exported.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'CreditCheck',
        'CreditCheckError',
        'VERDICT_LABEL',
        'isCreditCheckError',
        'maskIdNumber',
        'validateIdNumber',
        'validateUscc',
      ]),
    );
    expect(names).not.toContain('Connection');
    expect(names).not.toContain('check');
  });

  it('keeps the connection out of the entry: ky, zod and the contract’s schemas come with the result', () => {
    const result = read(`../dist/${chunks.find((c) => c.includes('.result-'))}`);
    // ky's own error names and zod's issue codes; the check's endpoint path.
    for (const mark of ['TimeoutError', 'invalid_type', '/checks']) {
      expect(result, mark).toContain(mark);
      expect(bundle, mark).not.toContain(mark);
    }
  });

  it('keeps what shows a result out of the entry: the details, the alert, the response form and their words', () => {
    const result = read(`../dist/${chunks.find((c) => c.includes('.result-'))}`);
    for (const words of ['本事项适用的措施', '信用核查提示，请确认', '提交处理结果']) {
      expect(result, words).toContain(words);
      expect(bundle, words).not.toContain(words);
    }
    // The one sentence for a result that cannot be shown stays in the entry.
    expect(bundle).toContain('核查结果的显示部分未能加载');
  });

  it('leaves receipt verification (jose) and 国密 (sm-crypto-v2) to backends: none of it is in the browser files', () => {
    for (const code of [bundle, ...chunks.map((c) => read(`../dist/${c}`))]) {
      expect(code).not.toContain('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
      expect(code).not.toContain('compactVerify');
      // sm-crypto-v2's SM2 (its default signer ID) and the SM2 receipt algorithm.
      expect(code).not.toContain('1234567812345678');
      expect(code).not.toContain('SM2SM3');
    }
    // The entry does not even sign: the scheme names live in the signing chunk.
    expect(bundle).not.toContain('CC-HMAC-SHA256');
  });

  it('keeps the on-demand parts out of the entry: IndexedDB, the sender, commitment signing, English words', () => {
    const defer = read(`../dist/${chunks.find((c) => c.includes('.defer-'))}`);
    const applicant = read(`../dist/${chunks.find((c) => c.includes('.applicant-'))}`);
    expect(bundle).not.toContain('先行受理，事后补查');
    expect(bundle).not.toMatch(/\bopenDB\b|indexedDB\.open\(/);
    expect(defer).toContain('先行受理，事后补查');
    expect(bundle).not.toContain('签署信用承诺');
    expect(applicant).toContain('签署信用承诺');
    expect(bundle).not.toContain('Checking credit status');
    expect(read(`../dist/${chunks.find((c) => c.includes('.i18n-en-'))}`)).toContain('Checking credit status');
    // The 结果单: its layout, its QR check and the sheet endpoint only in its chunk.
    const sheet = read(`../dist/${chunks.find((c) => c.includes('.print-sheet-'))}`);
    expect(sheet).toContain('信用核查结果单');
    expect(bundle).not.toContain('信用核查结果单');
    expect(bundle).not.toContain('/sheet');
    expect(bundle).not.toContain('/replay');
    expect(read(`../dist/${chunks.find((c) => c.includes('.records-'))}`)).toContain('/checks/:checkId/replay');
  });

  it('registers the element and ships Lit in production mode', () => {
    // Any quote: the minifier writes string literals as template literals.
    expect(bundle).toMatch(/customElements\.define\(["'`]credit-check["'`]/);
    expect(bundle).not.toContain('Lit is in dev mode');
  });
});
