/**
 * The platform API contract: every request and response schema, defined once. The mock server
 * validates with these, the SDK parses with them, the OpenAPI document is generated from them.
 */
import './zod.ts';

export * as z from 'zod/mini';
export * from './cases.ts';
export * from './catalog.ts';
export * from './checks.ts';
export * from './commitments.ts';
export * from './common.ts';
export * from './docs.ts';
export * from './endpoints.ts';
export * from './events.ts';
export * from './feedback.ts';
export * from './issues.ts';
export * from './lists.ts';
export * from './measures.ts';
export * from './objections.ts';
export * from './outcomes.ts';
export * from './problem.ts';
export * from './profiles.ts';
export * from './replays.ts';
export * from './sheets.ts';
export * from './stats.ts';
export * from './subjects.ts';
export * from './subscriptions.ts';
export * from './supervision.ts';
export * from './tokens.ts';
export * from './verifications.ts';
