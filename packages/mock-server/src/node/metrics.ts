import type { Verdict } from '@credit-check/sdk/contract';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { RequestLog } from '../http/app.ts';
import type { DeliveryOutcome } from '../webhooks/deliverer.ts';

/**
 * The server's metrics in Prometheus' text format (prom-client), one registry per server (tests
 * run many servers in one process). Labels are routes, verdicts, codes and outcomes — never an app,
 * a subject or anything a caller typed, so no scrape carries personal data and cardinality stays
 * fixed.
 */
export interface ServerMetrics {
  readonly registry: Registry;
  /** Each request, after its answer (the access-log line: route pattern, status, time, problem code). */
  request(line: RequestLog): void;
  checked(verdict: Verdict, deferred: boolean): void;
  delivery(outcome: DeliveryOutcome): void;
  /** A request answered 503 because the store was out of reach or a write was not committed. */
  storeUnavailable(): void;
  render(): Promise<{ contentType: string; body: string }>;
}

export interface MetricsSources {
  /** The crypto suite of the checks (`standard`, `gm`). */
  suite: string;
  /** Deliveries waiting in the outbox now (read at each scrape). */
  outboxDepth?: () => Promise<number>;
}

export function createMetrics(sources: MetricsSources): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'credit_check_' });
  const requests = new Counter({
    name: 'credit_check_http_requests_total',
    help: 'Requests answered, by route pattern, method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'credit_check_http_request_duration_seconds',
    help: 'Time to answer, by route pattern and method (durable writes included).',
    labelNames: ['route', 'method'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const problems = new Counter({
    name: 'credit_check_problems_total',
    help: 'Refusals and failures by problem code (RATE_LIMITED, AUTH, UNAVAILABLE …).',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const checks = new Counter({
    name: 'credit_check_checks_total',
    help: 'Checks decided, by verdict, crypto suite and whether it was a 补查 of a deferral.',
    labelNames: ['verdict', 'suite', 'deferred'] as const,
    registers: [registry],
  });
  const deliveries = new Counter({
    name: 'credit_check_webhook_attempts_total',
    help: 'Webhook delivery attempts by outcome (delivered, retry, dead).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const storeErrors = new Counter({
    name: 'credit_check_store_unavailable_total',
    help: 'Requests answered 503 because the store could not be reached or a write not committed.',
    registers: [registry],
  });
  if (sources.outboxDepth) {
    const read = sources.outboxDepth;
    new Gauge({
      name: 'credit_check_outbox_pending',
      help: 'Webhook deliveries waiting in the outbox (pending, not yet delivered or dead).',
      registers: [registry],
      async collect() {
        this.set(await read().catch(() => Number.NaN));
      },
    });
  }
  return {
    registry,
    request(line) {
      const route = line.route ?? 'unmatched';
      requests.inc({ route, method: line.method, status: String(line.status) });
      latency.observe({ route, method: line.method }, line.ms / 1000);
      if (line.code) problems.inc({ code: line.code });
    },
    storeUnavailable: () => storeErrors.inc(),
    checked: (verdict, deferred) => checks.inc({ verdict, suite: sources.suite, deferred: String(deferred) }),
    delivery: (outcome) => deliveries.inc({ outcome }),
    render: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}
