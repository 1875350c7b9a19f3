import { verifyReceipt } from '@credit-check/sdk/receipts';
import type { ConformanceCheck } from '../check.ts';

const RULE = "every check's receipt verifies with GET /keys and names that check, subject, matter, department and verdict";

/** Receipts: each one issued during the run verifies offline, as a host backend verifies it before approving. */
export const receiptChecks: ConformanceCheck[] = [
  {
    id: 'receipts.verify',
    title: 'Every receipt of the run verifies against /keys and matches its check',
    rule: RULE,
    async run(t) {
      const keys = t.state.keys;
      if (!keys) return t.skip('no keys (contract.keys failed)');
      if (t.state.checks.length === 0) return t.skip('no check was made to verify');
      for (const { check, subject } of t.state.checks) {
        try {
          const claims = await verifyReceipt(check.receipt, keys, {
            checkId: check.checkId,
            subject,
            matter: check.matter.code,
            department: check.context.department,
          });
          if (claims.verdict !== check.verdict) throw new Error(`the receipt says ${claims.verdict}, the check ${check.verdict}`);
        } catch (error) {
          const exchange = t.session.exchanges.find((e) => e.body.includes(check.checkId));
          t.fail(RULE, `check ${check.checkId}: ${(error as Error).message}`, exchange);
        }
      }
    },
  },
];
