import type { PlatformApp } from './http/app.ts';
import { createMockApp, type MockAppOptions } from './mock/app.ts';
import type { Faults } from './mock/faults.ts';
import { platformHandlers } from './mock/msw.ts';
import type { PlatformOptions } from './platform/options.ts';
import { Platform } from './platform/platform.ts';

export { PROBLEMS } from '@credit-check/sdk/contract';
export * from './domain/index.ts';
export { type AppOptions, createApp, formatLog, type PlatformApp, type RequestLog } from './http/app.ts';
export { openApiDocument } from './http/openapi.ts';
export { createMockApp, type MockAppOptions } from './mock/app.ts';
export { Faults, faultMatrix, parsePrefer } from './mock/faults.ts';
export { platformHandlers } from './mock/msw.ts';
export * from './mock/schemas.ts';
export { type App, type CryptoSuite, type PlatformOptions, SANDBOX_APP } from './platform/options.ts';
export { Platform } from './platform/platform.ts';
export { ProblemError } from './problems.ts';
export { CATALOG, DEMO_MATTERS } from './seed/catalog.ts';
export { SANDBOX_DEPARTMENT, SANDBOX_OPERATOR, sandboxContext } from './seed/fixtures.ts';
export { DEMO_CONTEXT, scenarios } from './seed/scenarios.ts';
export { MemoryStore } from './store/memory.ts';
export type { Store } from './store/store.ts';

export interface MockPlatform {
  platform: Platform;
  app: PlatformApp;
  faults: Faults;
  /** msw handlers for `setupServer(...)` / `setupWorker(...)`. */
  handlers: ReturnType<typeof platformHandlers>;
}

/** A mock platform ready for msw (browser worker or Node tests) or any fetch-API server. */
export async function createMockPlatform(
  options: PlatformOptions & Omit<MockAppOptions, 'platform' | 'faults'> = {},
): Promise<MockPlatform> {
  const platform = await Platform.create(options);
  const { app, faults } = createMockApp({ ...options, platform });
  return { platform, app, faults, handlers: platformHandlers(app) };
}
