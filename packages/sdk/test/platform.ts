/**
 * The mock platform the SDK's tests run against — the sibling package's own sources, not a
 * dependency: a devDependency on @credit-check/mock-server made the workspace graph a cycle
 * (mock-server → sdk → mock-server), which release tools and `pnpm` warn about (issue 39).
 */
export * from '../../mock-server/src/index.ts';
export { type RunningServer, startServer } from '../../mock-server/src/node/index.ts';
