// The single-file drop-in (dist/credit-check.js): Lit + widget, self-registering; the SDK's
// connection comes in the chunk the element loads as it connects (issue 42).
// It exports only what a plain page needs beside the element; use the npm packages for more.
import './define.ts';

export { CreditCheckError, isCreditCheckError } from '@credit-check/sdk';
export { maskIdNumber, validateIdNumber, validateUscc } from '@credit-check/sdk/identifiers';
export * from './index.ts';
