// The single-file drop-in (dist/credit-check.js): Lit + SDK + widget, self-registering.
// It exports only what a plain page needs beside the element; use the npm packages for more.
import './define.ts';

export { Connection, CreditCheckError, maskIdNumber, validateIdNumber, validateUscc } from '@credit-check/sdk';
export * from './index.ts';
