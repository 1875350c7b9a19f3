export type { CheckContext, ConformanceCheck, Fixtures } from './check.ts';
export { defaultFixtures, readFixtures } from './fixtures.ts';
export { toHtml } from './html.ts';
export { judgeRequest, judgeResponse, matchEndpoint, type Violation } from './judge.ts';
export { toJUnit } from './junit.ts';
export { type CheckResult, type ConformanceOptions, type ConformanceReport, conformanceChecks, runConformance } from './run.ts';
export type { Target } from './session.ts';
