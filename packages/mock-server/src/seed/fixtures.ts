import type { CheckContext } from '@credit-check/sdk/contract';

/**
 * The sandbox's window: the department and operator the demo, the tests of every package and the
 * bench act as. One place, so a test of the SDK, the widget and the server mean the same counter.
 */
export const SANDBOX_DEPARTMENT = '苏州市政务服务中心';
export const SANDBOX_OPERATOR = 'window-01';

/** A check context at the sandbox window (channel `window`). */
export function sandboxContext(applicationId: string): CheckContext {
  return { applicationId, department: SANDBOX_DEPARTMENT, operator: SANDBOX_OPERATOR, channel: 'window' };
}
