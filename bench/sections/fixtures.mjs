// What every bench section shares: the sandbox app and window, the matters checked, a check context.
import { SANDBOX_APP, SANDBOX_DEPARTMENT, SANDBOX_OPERATOR } from '@credit-check/mock-server';

export const DEPARTMENT = SANDBOX_DEPARTMENT;
export const OPERATOR = SANDBOX_OPERATOR;
export const APP = SANDBOX_APP;
export const MATTERS = ['FOOD_BUSINESS_LICENCE', 'CONSTRUCTION_PERMIT', 'PROCUREMENT_SUPPLIER'];
export const context = (i) => ({ applicationId: `BENCH-${i}`, department: DEPARTMENT, operator: OPERATOR, channel: 'window' });

/**
 * @typedef {object} BenchContext
 * @property {{ ask: Function, stop: Function, first: any }} mock the mock platform in a child process
 * @property {any} info what the child reported: apiBase, token, sample subjects, seed time, RSS
 * @property {Record<string, string>} auth
 * @property {string[]} bodies request bodies of real subjects
 * @property {string} realCheckBody a real check response of median size
 * @property {number} duration seconds per load run
 * @property {any} report
 * @property {(section: string, metric: string, value: unknown, baseline?: unknown, ratio?: unknown, goal?: string, note?: string) => void} row
 */
