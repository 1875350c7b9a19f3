import { expect, waitUntil } from '@open-wc/testing';
import '../define.ts';
import { DEPARTMENT, OPERATOR, SUBJECTS, token } from '../test/harness.ts';
import type { CreditCheck } from './credit-check.ts';

describe('strict Content-Security-Policy (the single-file bundle)', () => {
  /** The page comes from the test server with its policy as a header (see web-test-runner.config.mjs). */
  const frame = async (variant: 'strict' | 'nonce') => {
    const query = new URLSearchParams({
      variant,
      token: await token(),
      code: SUBJECTS.watchlist,
      department: DEPARTMENT,
      operator: OPERATOR,
    });
    const iframe = document.createElement('iframe');
    iframe.src = `/csp-frame.html?${query}`;
    document.body.append(iframe);
    await waitUntil(
      () => iframe.contentDocument?.querySelector('credit-check')?.getAttribute('state') === 'done',
      'checked inside the CSP frame',
      { timeout: 10000 },
    );
    const doc = iframe.contentDocument as Document;
    const el = doc.querySelector('credit-check') as CreditCheck;
    const status = el.shadowRoot?.querySelector('[part="status"]') as HTMLElement;
    const result = {
      verdict: el.getAttribute('verdict'),
      violations: (iframe.contentWindow as unknown as { cspViolations: string[] }).cspViolations,
      // Styles applied: the banner has its tinted background (not the default transparent).
      background: iframe.contentWindow?.getComputedStyle(status).backgroundColor,
      styleElements: el.shadowRoot?.querySelectorAll('style').length ?? 0,
    };
    iframe.remove();
    return result;
  };

  it("runs under script-src 'self'; style-src 'self' without a single violation", async () => {
    const r = await frame('strict');
    expect(r.violations).to.deep.equal([]);
    expect(r.verdict).to.equal('notice');
    expect(r.background).to.not.equal('rgba(0, 0, 0, 0)');
    expect(r.styleElements, 'adopted stylesheets, no <style> elements').to.equal(0);
  });

  it('falls back to <style> elements carrying the page nonce where adoptedStyleSheets is missing', async () => {
    const r = await frame('nonce');
    expect(r.violations).to.deep.equal([]);
    expect(r.styleElements).to.be.greaterThan(0);
    expect(r.background).to.not.equal('rgba(0, 0, 0, 0)');
  });
});
