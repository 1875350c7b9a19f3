import type { ErrorCode } from '@credit-check/sdk';
import { RESET_HEADER } from '../http/reset.ts';
import { type Fault, Fault as FaultSchema } from './schemas.ts';

export { RESET_HEADER };

/**
 * Faults on demand (Prism/WireMock style): per request with `Prefer: code=503`, `delay=2000`,
 * `fault=reset|hang|malformed|off-contract|outage`, `retry-after=5`; or for the next `times`
 * requests with POST /__mock/scenario.
 */
export class Faults {
  private current: Fault | null = null;
  private remaining: number | null = null;

  set(fault: Fault): void {
    this.current = fault;
    this.remaining = fault.times ?? null;
  }

  clear(): void {
    this.current = null;
    this.remaining = null;
  }

  /** Takes on another worker's scenario as it stood (`--workers`); its countdown then runs here too. */
  restore(state: { fault: Fault | null; remaining: number | null }): void {
    this.current = state.fault;
    this.remaining = state.remaining;
  }

  state() {
    return { fault: this.current, remaining: this.remaining };
  }

  /** True while an outage scenario is on (health checks report it). */
  get outage(): boolean {
    return this.current?.kind === 'outage';
  }

  /** The fault for this request, if any (a scenario fault counts down). */
  take(path: string, prefer: string | null): Fault | null {
    const fromHeader = prefer ? parsePrefer(prefer) : null;
    if (fromHeader) return fromHeader;
    const fault = this.current;
    if (!fault || (fault.pathPrefix && !path.startsWith(fault.pathPrefix))) return null;
    if (this.remaining !== null) {
      this.remaining--;
      if (this.remaining <= 0) this.clear();
    }
    return fault;
  }
}

/** Parses a `Prefer` header into a fault, or null when it asks for none. */
export function parsePrefer(header: string): Fault | null {
  const prefs = new Map<string, string>();
  for (const part of header.split(/[,;]/)) {
    const [k, v] = part.split('=').map((s) => s.trim().toLowerCase());
    if (k) prefs.set(k, v ?? '');
  }
  const delay = prefs.has('delay') ? Number(prefs.get('delay')) : undefined;
  const retryAfter = prefs.has('retry-after') ? Number(prefs.get('retry-after')) : undefined;
  const code = prefs.has('code') ? Number(prefs.get('code')) : undefined;
  const kind = prefs.get('fault');
  let fault: unknown;
  if (kind) fault = { kind, delayMs: delay, retryAfter, status: code };
  else if (code === 429) fault = { kind: 'rate-limit', delayMs: delay, retryAfter };
  else if (code !== undefined) fault = { kind: 'status', status: code, delayMs: delay, retryAfter };
  else if (delay !== undefined) fault = { kind: 'latency', delayMs: delay };
  else return null;
  const parsed = FaultSchema.safeParse(JSON.parse(JSON.stringify(fault)));
  return parsed.success ? parsed.data : null;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * The fault matrix: every kind of fault the mock injects and the error code a client of the SDK
 * (and so the widget) must report for it — never a result. `timeoutMs` is the client's per-attempt
 * timeout; the latency fault goes well past it.
 */
export function faultMatrix(timeoutMs: number): { name: string; fault: Fault; code: ErrorCode }[] {
  return [
    { name: 'latency past the timeout', fault: { kind: 'latency', delayMs: timeoutMs * 3 }, code: 'TIMEOUT' },
    { name: 'HTTP 500', fault: { kind: 'status', status: 500 }, code: 'UNAVAILABLE' },
    { name: 'HTTP 502', fault: { kind: 'status', status: 502 }, code: 'UNAVAILABLE' },
    { name: 'HTTP 503 + Retry-After', fault: { kind: 'status', status: 503, retryAfter: 0 }, code: 'UNAVAILABLE' },
    { name: '429 + Retry-After', fault: { kind: 'rate-limit', retryAfter: 0 }, code: 'RATE_LIMITED' },
    { name: 'malformed JSON', fault: { kind: 'malformed' }, code: 'RESPONSE_SHAPE' },
    { name: 'off-contract JSON', fault: { kind: 'off-contract' }, code: 'RESPONSE_SHAPE' },
    { name: 'connection reset', fault: { kind: 'reset' }, code: 'NETWORK' },
    { name: 'platform outage', fault: { kind: 'outage' }, code: 'NETWORK' },
  ];
}
