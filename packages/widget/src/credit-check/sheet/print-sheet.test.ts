import { endpoints } from '@credit-check/sdk/contract';
import { expect } from '@open-wc/testing';
import { SHEET } from './print-sheet.ts';

describe('the sheet endpoint the print chunk calls', () => {
  it('is the contract’s, restated only to keep the contract’s record schemas out of the entry', () => {
    const { method, path, callers, scope, status } = endpoints.createSheet;
    expect({ method: SHEET.method, path: SHEET.path, callers: [...SHEET.callers], scope: SHEET.scope, status: SHEET.status }).to.deep.equal(
      {
        method,
        path,
        callers: [...callers],
        scope,
        status,
      },
    );
  });
});
