/**
 * What checks and shows a result — the SDK's connection and check (ky, zod, the contract's
 * schemas), the details, alert, response form, their words and the response's checks and call
 * (`result/parts.ts`) — is a chunk (issue 42). The element starts loading it the moment it
 * connects, well before anything can be typed, never on demand at the result: the token's claims
 * and every check wait for it (`ClaimsController`, `CheckController`), so no request goes out, no
 * result is shown and the form is never released without it. A load that failed is tried again by
 * the next check (the clerk's 重新核查).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type ResultParts = typeof import('./result/parts.ts');

let loading: Promise<ResultParts> | undefined;
let loaded: ResultParts | undefined;
/** The last load failed and none has been started since. */
let failed = false;
/** The elements on the page: each updates when a load ends, whichever element started it. */
const hosts = new Set<ReactiveControllerHost>();

const settled = () => {
  for (const host of hosts) host.requestUpdate();
};

/** Starts (or joins) loading the result parts. */
export function loadResultParts(): Promise<ResultParts> {
  if (!loading) {
    failed = false;
    loading = import('./result/parts.ts').then(
      (m) => {
        loaded = m;
        settled();
        return m;
      },
      (error: unknown) => {
        loading = undefined;
        failed = true;
        settled();
        throw error;
      },
    );
  }
  return loading;
}

/** The last load of the result parts failed, and no other has been started since. */
export const resultPartsFailed = (): boolean => failed;

/** The result parts, if loaded. */
export const resultParts = (): ResultParts | undefined => loaded;

/**
 * Starts loading the result parts the moment its host connects, and updates the host whenever a
 * load ends — here or started by another element (a 重新核查 that loaded them after a failure). A
 * failure is left to the check that needs them (it ends as an error that says so).
 */
export class ResultPartsLoader implements ReactiveController {
  private readonly host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  /** The parts, once loaded. */
  get parts(): ResultParts | undefined {
    return loaded;
  }

  hostConnected(): void {
    hosts.add(this.host);
    loadResultParts().catch(() => undefined);
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
  }
}
