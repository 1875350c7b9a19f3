import { type AppOptions, createApp, type PlatformApp } from './http/app.ts';
import { Faults } from './http/faults.ts';
import { platformHandlers } from './msw.ts';
import type { PlatformOptions } from './platform/options.ts';
import { Platform } from './platform/platform.ts';

export { PROBLEMS } from '@credit-check/sdk/contract';
export * from './domain/index.ts';
export { type AppOptions, createApp, formatLog, type PlatformApp, type RequestLog } from './http/app.ts';
export { Faults, faultMatrix, parsePrefer } from './http/faults.ts';
export { openApiDocument } from './http/openapi.ts';
export { platformHandlers } from './msw.ts';
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
export async function createMockPlatform(options: PlatformOptions & Omit<AppOptions, 'platform' | 'faults'> = {}): Promise<MockPlatform> {
  const platform = await Platform.create(options);
  const faults = new Faults();
  const app = createApp({ ...options, platform, faults });
  return { platform, app, faults, handlers: platformHandlers(app) };
}
