/**
 * What a result needs on screen — its details, alert, response form, their words and the response's
 * checks and call (`result/parts.ts`) — is a chunk (issue 42). The element starts loading it the
 * moment it connects, in parallel with its token and its first check, never on demand at the
 * result: a check is not finished until this is here too (`CheckController`), so a result is
 * never shown and the form never released without it. A load that failed is tried again by the
 * next check (the clerk's 重新核查).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type ResultParts = typeof import('./result/parts.ts');

let loading: Promise<ResultParts> | undefined;
let loaded: ResultParts | undefined;

/** Starts (or joins) loading the result parts. */
export function loadResultParts(): Promise<ResultParts> {
  loading ??= import('./result/parts.ts').then(
    (m) => {
      loaded = m;
      return m;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The result parts, if loaded. */
export const resultParts = (): ResultParts | undefined => loaded;

/**
 * Starts loading the result parts the moment its host connects — in parallel with the token and
 * the first check — and updates the host when they are here. A failure is left to the check that
 * needs them (it ends as an error that says so).
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
    loadResultParts().then(
      () => this.host.requestUpdate(),
      () => undefined,
    );
  }
}
