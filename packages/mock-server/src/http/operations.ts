import { Hono } from 'hono';
import type { Platform } from '../platform/platform.ts';
import type { PlatformEnv } from './env.ts';
import { adminKey } from './middleware/admin-key.ts';
import { cors } from './middleware/cors.ts';

export interface OperationsOptions {
  corsOrigins?: '*' | string[] | undefined;
  adminKey?: string | undefined;
  metrics?: { render(): Promise<{ contentType: string; body: string }> } | undefined;
  draining?: (() => boolean) | undefined;
  outage?: (() => boolean) | undefined;
  worker?: number | undefined;
  instance?: string | undefined;
}

/**
 * What an operator and a load balancer ask the server (mounted at `/`): liveness, readiness, the
 * health summary and the metrics. None of it is the platform API; none of it needs a caller's
 * credentials, but the metrics need the admin key when the server has one.
 */
export function operations(platform: Platform, options: OperationsOptions): Hono<PlatformEnv> {
  const ops = new Hono<PlatformEnv>();
  const storeStatus = () =>
    platform.store.ping().then(
      () => 'ok' as const,
      () => 'unavailable' as const,
    );
  ops.use('/healthz', cors(options.corsOrigins));

  // Liveness: the process answers (a restart would not help otherwise). Readiness: send it traffic —
  // the store answers (and so its migrations ran: it is opened only after them), not shutting down.
  ops.get('/livez', (c) => c.json({ status: 'ok' }));
  ops.get('/readyz', async (c) => {
    const store = await storeStatus();
    const status = options.draining?.() ? 'draining' : store === 'ok' ? 'ready' : 'store-unavailable';
    return c.json({ status, store }, status === 'ready' ? 200 : 503);
  });

  // A load balancer's probe: 503 while this instance cannot reach its store (or an outage is staged).
  ops.get('/healthz', async (c) => {
    const store = await storeStatus();
    const status = options.outage?.() ? 'outage' : store === 'ok' ? 'ok' : 'store-unavailable';
    return c.json(
      {
        status,
        store: { kind: platform.store.kind, status: store },
        subjects: platform.subjects.subjects.size,
        time: new Date().toISOString(),
        ...(options.worker ? { worker: options.worker } : {}),
        ...(options.instance ? { instance: options.instance } : {}),
      },
      status === 'ok' ? 200 : 503,
    );
  });

  const { metrics } = options;
  if (metrics) {
    ops.use('/metrics', adminKey(options.adminKey, { zh: '运行指标接口', en: 'The metrics' }));
    ops.get('/metrics', async (c) => {
      const { contentType, body } = await metrics.render();
      return c.body(body, 200, { 'content-type': contentType, 'cache-control': 'no-store' });
    });
  }
  return ops;
}
