import { DEFAULT_MAX_BODY_BYTES } from '@credit-check/sdk/contract';
import { type AppOptions, createApp, type PlatformApp } from '../http/app.ts';
import type { ControlGuardOptions } from './control-guard.ts';
import { mockControls } from './controls.ts';
import { Faults } from './faults.ts';
import { injectFaults } from './inject-faults.ts';
import type { SharedChange } from './shared.ts';

export interface MockAppOptions extends Omit<AppOptions, 'apiMiddleware' | 'outage'> {
  faults?: Faults;
  /**
   * Who may use `/__mock/*` from a web page, and which host names it answers (see
   * `control-guard.ts`); never CORS. With `adminKey`, the controls need it as a bearer token.
   */
  controls?: ControlGuardOptions;
  /** Announces what changed in this process's memory (faults, clock) for other workers (`--workers`). */
  share?: (change: SharedChange) => void;
}

/**
 * The reference platform's app with the mock around it: faults in front of the API (Prism-style
 * `Prefer` or staged through the controls; a staged outage also fails `/healthz`), and the mock's
 * own controls at `/__mock/*` — the scenario table, faults, a reset, the supervision happenings and
 * the clock. Everything else is the platform as `createApp` makes it.
 */
export function createMockApp(options: MockAppOptions): { app: PlatformApp; faults: Faults } {
  const faults = options.faults ?? new Faults();
  const app = createApp({ ...options, apiMiddleware: [injectFaults(faults)], outage: () => faults.outage });
  app.route('/__mock', mockControls(options.platform, faults, DEFAULT_MAX_BODY_BYTES, options.adminKey, options.share, options.controls));
  return { app, faults };
}
