import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type {} from '../src/react.ts';
import type {} from '../src/vue.ts';

// The framework entries type the elements from their own declarations (issue 39): a wrong
// attribute value or an unknown event handler does not compile (the @ts-expect-error lines would
// fail the typecheck if the types let them through), and the right ones do.
const ok = [
  <credit-check
    key="check"
    endpoint="/api/v1"
    matter="FOOD_BUSINESS_LICENCE"
    application-id="SZ-1"
    outage="defer"
    optional
    timeout={8000}
    oncredit-check-result={(e) => e.detail.verdict}
  />,
  <credit-alerts key="alerts" endpoint="/api/v1" interval={3000} oncredit-alerts-ack={(e) => e.detail.action} />,
];
// @ts-expect-error: outage is 'hold' | 'defer'
const badOutage = <credit-check outage="sometimes" />;
// @ts-expect-error: timeout is a number
const badTimeout = <credit-check timeout="fast" />;
// (An unknown hyphenated attribute cannot be caught: TypeScript leaves every JSX attribute with a
// dash in its name unchecked, as it does data-*.)
// @ts-expect-error: the result's detail has no `colour`
const badEvent = <credit-check oncredit-check-result={(e) => e.detail.colour} />;

describe('the React and Vue type entries', () => {
  it('are types only: the JSX above compiled, and the elements render as plain elements', () => {
    expect(createElement('credit-check', { matter: 'X' }).type).toBe('credit-check');
    expect([ok, badOutage, badTimeout, badEvent].flat()).toHaveLength(5);
  });
});
