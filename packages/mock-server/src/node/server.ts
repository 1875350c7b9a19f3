import { createHash, createHmac, createPrivateKey, sign } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { API_BASE } from '@credit-check/sdk/contract';
import { getRequestListener, type Http2Bindings, type HttpBindings } from '@hono/node-server';
import type { RequestLog } from '../http/app.ts';
import { RESET_HEADER } from '../http/reset.ts';
import { createMockPlatform, type MockPlatform } from '../index.ts';
import type { SharedChange, SharedChannel } from '../mock/shared.ts';
import {
  APP_ROLES,
  type App,
  type CryptoSuite,
  type PlatformCrypto,
  type PlatformOptions,
  SANDBOX_APP,
  SEED_DEFAULTS,
} from '../platform/options.ts';
import type { Store } from '../store/store.ts';
import { Deliverer, type DelivererOptions } from '../webhooks/deliverer.ts';
import { checkDestination } from '../webhooks/destinations.ts';
import { clientAddress, parseTrustedProxies } from './client-address.ts';
import { createLogger, type ServerLogger } from './logger.ts';
import { createMetrics, type ServerMetrics } from './metrics.ts';
import { agreeOnSeed } from './seed-agreement.ts';

export interface ServerOptions extends Omit<PlatformOptions, 'store'> {
  port?: number;
  host?: string;
  /** Persist checks, feedback, commitments and objections here (node:sqlite); in memory without it. */
  dataDir?: string;
  /**
   * A PostgreSQL URL (`postgres://user@host:5432/db`): the store of a platform that runs as many
   * instances on many hosts over one database (instead of `dataDir`). Every instance delivers
   * webhooks (leases), sweeps once (a lock) and hears the others' controls (LISTEN/NOTIFY).
   */
  storeUrl?: string;
  /** This instance's name over a shared PostgreSQL store (default host:pid): `/healthz` says it. */
  instance?: string;
  /**
   * Over PostgreSQL, replace the seed the platform's instances agree on (`--seed`, `--subjects`,
   * `--crypto`) with this instance's: for a redeployment that changes it for every instance.
   */
  reseed?: boolean;
  /**
   * Under `crypto: 'gm'` with a `dataDir`: the 32-byte key that seals personal records with SM4 +
   * HMAC-SM3 (from a key file or CREDIT_CHECK_STORE_KEY; never stored in the data dir). Required then.
   */
  storeKey?: Uint8Array;
  corsOrigins?: '*' | string[];
  /** One access-log line per request (path only, ID-shaped text masked); default none. */
  log?: (line: RequestLog) => void;
  /** The server's logger (the CLI's: JSON or text on stdout); requests, internal errors, sweeps. */
  logs?: ServerLogger;
  /** Also append the access log to this file as JSON lines (default: $CREDIT_CHECK_ACCESS_LOG). */
  accessLog?: string;
  /** `GET /metrics` (Prometheus text; behind the admin key when there is one). Default on; `false` off. */
  metrics?: boolean;
  /**
   * On close (SIGTERM): how long requests in flight may take to finish (default 10 000 ms) before
   * their connections are cut. New connections are refused at once; `/readyz` says `draining`.
   */
  drainMs?: number;
  /**
   * The operator's reverse proxies (addresses, CIDR ranges): behind them the client is the address
   * they forward (`X-Forwarded-For`), for what budgets by client — the public 核查码 lookups. None by
   * default: the header is never read, and behind an undeclared proxy every client is the proxy.
   */
  trustedProxies?: string[];
  /** `/__mock/*` controls need `Authorization: Bearer <adminKey>`; required to bind a non-loopback host. */
  adminKey?: string;
  /** Web pages of these origins may use `/__mock/*` besides the server's own (e.g. a demo hall on another port). */
  controlOrigins?: string[];
  /**
   * Host names `/__mock/*` answers besides localhost, 127.0.0.1, ::1 and the bound address (the
   * DNS-rebinding guard). With an admin key and none given, any name is answered (the key guards).
   */
  allowedHosts?: string[];
  /** Requests per second per app (429 with Retry-After beyond it); none by default. */
  rateLimit?: number;
  /** Webhook delivery of pushed events (retries, concurrency); `false`: pull feed only. */
  webhooks?: DelivererOptions | false;
  /**
   * One of several workers on one port and one `dataDir` (`--workers`): what each holds in memory
   * travels through `channel`; only the worker with `duties` delivers webhooks and sweeps the
   * clock's expiries, so none is done twice.
   */
  cluster?: { channel: SharedChannel; duties: boolean; worker: number };
}

export interface RunningServer extends MockPlatform {
  server: Server;
  /** Delivers the webhook outbox (absent with `webhooks: false`). */
  deliverer: Deliverer | undefined;
  /** e.g. `http://127.0.0.1:8787` */
  origin: string;
  /** e.g. `http://127.0.0.1:8787/api/v1` — the SDK's `baseUrl`. */
  apiBase: string;
  /** This instance's name (host:pid unless given). */
  instance: string;
  /** The server's metrics (absent with `metrics: false`). */
  metrics: ServerMetrics | undefined;
  /** Stops accepting, lets requests in flight finish (within `drainMs`), then closes the store. */
  close(): Promise<void>;
}

/**
 * The --data-dir store. Loaded only when asked for: node:sqlite is unflagged from Node 22.13, and
 * the in-memory sandbox must run on any Node ≥ 22.12.
 */
export async function openSqliteStore(
  dataDir: string,
  options: { storeKey?: Uint8Array | undefined; unownedTo?: string } = {},
): Promise<Store> {
  let SqliteStore: typeof import('../store/sqlite.ts').SqliteStore;
  try {
    ({ SqliteStore } = await import('../store/sqlite.ts'));
  } catch (error) {
    throw new Error(`--data-dir needs the built-in node:sqlite (Node ≥ 22.13; this is ${process.version}): ${(error as Error).message}`);
  }
  const unownedTo = options.unownedTo ?? sandboxApp().appId;
  if (!options.storeKey) return new SqliteStore(dataDir, { unownedTo });
  const { sm4Sealer } = await import('../store/sealing.ts');
  return new SqliteStore(dataDir, { sealer: sm4Sealer(options.storeKey), unownedTo });
}

/** The PostgreSQL store (the driver is loaded only when one is asked for). */
export async function openPostgresStore(
  url: string,
  options: { storeKey?: Uint8Array | undefined; instance?: string; max?: number } = {},
): Promise<import('../store/postgres.ts').PostgresStore> {
  const { PostgresStore } = await import('../store/postgres.ts');
  const sealer = options.storeKey ? (await import('../store/sealing.ts')).sm4Sealer(options.storeKey) : undefined;
  return PostgresStore.open(url, {
    ...(sealer ? { sealer } : {}),
    ...(options.max ? { max: options.max } : {}),
    applicationName: `credit-check-mock ${options.instance ?? ''}`.trim().slice(0, 63),
  });
}

/**
 * Sandbox credentials: CREDIT_CHECK_APP_ID / CREDIT_CHECK_APP_SECRET override the documented
 * defaults. Under 国密 the app signs with CC-HMAC-SM3.
 */
export function sandboxApp(env: NodeJS.ProcessEnv = process.env, suite: CryptoSuite = 'standard'): App {
  return {
    appId: env.CREDIT_CHECK_APP_ID || SANDBOX_APP.appId,
    appSecret: env.CREDIT_CHECK_APP_SECRET || SANDBOX_APP.appSecret,
    roles: APP_ROLES,
    authorities: ['*'],
    ...(suite === 'gm' ? { scheme: 'CC-HMAC-SM3' as const } : {}),
  };
}

/** node:crypto, synchronous: no thread-pool hop per check as with WebCrypto. OpenSSL's SM3 is GB/T 32905's. */
const nodeCrypto: PlatformCrypto = {
  sha256: (data) => createHash('sha256').update(data).digest(),
  ed25519: (pkcs8) => {
    const key = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
    return (data) => sign(null, data, key);
  },
  sm3: {
    sm3: (data) => createHash('sm3').update(data).digest(),
    hmacSm3: (key, data) => createHmac('sm3', key).update(data).digest(),
  },
  hmacSha256: (key) => (data) => createHmac('sha256', key).update(data).digest(),
};

/** Every address of a name (A and AAAA), as the socket would try them. */
const resolveAll = async (hostname: string): Promise<string[]> => (await lookup(hostname, { all: true })).map((a) => a.address);

/**
 * The host names `/__mock/*` answers, with or without an admin key (a page's own name re-pointed at
 * this server — DNS rebinding — is not one of them): the loopback names, the address it is bound
 * to, `--allowed-hosts`, and — bound to every interface (0.0.0.0, ::) — this machine's own
 * addresses and host name, so an operator's curl to the machine works without a flag.
 */
function controlHosts(bind: string, options: ServerOptions): (hostname: string) => boolean {
  const normal = (name: string) =>
    name
      .trim()
      .replace(/^\[(.*)\]$/, '$1')
      .replace(/\.$/, '')
      .toLowerCase();
  const names = new Set(['localhost', '127.0.0.1', '::1', normal(bind), ...(options.allowedHosts ?? []).map(normal)]);
  if (bind === '0.0.0.0' || bind === '::') {
    names.add(normal(hostname()));
    for (const address of Object.values(networkInterfaces()).flat()) if (address) names.add(normal(address.address));
  }
  return (hostname) => names.has(hostname);
}

/** 127.0.0.0/8, ::1 and localhost: a sandbox only this machine reaches. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Starts the mock platform as a real HTTP server (port 0 picks a free one). */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const bind = options.host ?? '127.0.0.1';
  if (!isLoopback(bind) && !options.adminKey) {
    // Reachable by others, its controls (reset, faults, the clock) must not be open to them.
    throw new Error(
      `绑定到非本机地址 ${bind} 时必须设置管理员密钥 (binding ${bind}, reachable from other machines, needs an admin key for /__mock/*: --admin-key or CREDIT_CHECK_ADMIN_KEY)`,
    );
  }
  if (options.dataDir && options.storeUrl) {
    throw new Error('数据目录与数据库只能选一个 (give either dataDir (SQLite) or storeUrl (PostgreSQL), not both)');
  }
  if (options.crypto === 'gm' && (options.dataDir || options.storeUrl) && !options.storeKey) {
    throw new Error(
      '国密模式下的数据目录或数据库须提供 SM4 存储密钥 (--crypto gm with --data-dir or --store needs a store key: --store-key-file FILE or CREDIT_CHECK_STORE_KEY, 64 hex characters, e.g. `openssl rand -hex 32`)',
    );
  }
  if (options.storeKey && options.crypto !== 'gm') {
    // A key given and silently unused would leave personal data in clear while the caller thinks it sealed.
    throw new Error('存储密钥仅用于国密模式 (storeKey seals the data dir or the database under crypto: "gm" only)');
  }
  // Webhook names are resolved when a subscription is made, as they are at every delivery.
  const policy = { lookup: resolveAll, ...options.webhookDestinations };
  const destinations = { ...policy, check: (url: string) => checkDestination(url, policy) };
  const instance = options.instance ?? `${hostname()}:${process.pid}`;
  const postgres = options.storeUrl ? await openPostgresStore(options.storeUrl, { storeKey: options.storeKey, instance }) : undefined;
  if (postgres) {
    const identity = {
      seed: options.seed ?? SEED_DEFAULTS.seed,
      subjects: options.subjects ?? SEED_DEFAULTS.subjects,
      crypto: options.crypto ?? SEED_DEFAULTS.crypto,
    };
    await agreeOnSeed(postgres, identity, options.reseed).catch(async (error: unknown) => {
      await postgres.close();
      throw error;
    });
  }
  const store =
    postgres ??
    (options.dataDir
      ? await openSqliteStore(options.dataDir, {
          storeKey: options.storeKey,
          // Rows from the single-app releases are the first app's (the one such a data dir served).
          unownedTo: (options.apps?.[0] ?? sandboxApp(process.env, options.crypto)).appId,
        })
      : undefined);
  // Over PostgreSQL every instance is a peer: it delivers (leases), sweeps (once, by lock) and hears
  // the others through the database; `--workers` processes on one host are instances too.
  const shared = postgres ? await (await import('./postgres-channel.ts')).postgresChannel(postgres.client, postgres, instance) : undefined;
  const cluster = shared ? { channel: shared, duties: true, worker: options.cluster?.worker } : options.cluster;
  const file = options.accessLog ?? process.env.CREDIT_CHECK_ACCESS_LOG;
  // The file log is JSON lines written asynchronously (pino); errors go to the server's logger.
  const fileLog = file ? createLogger({ format: 'json', stdout: false, errors: false, file, instance }) : undefined;
  const metrics =
    options.metrics === false
      ? undefined
      : createMetrics({ suite: options.crypto ?? 'standard', outboxDepth: () => outboxDepth(mock.platform.store) });
  const log =
    file || options.log || options.logs || metrics
      ? (line: RequestLog) => {
          options.log?.(line);
          options.logs?.request(line);
          fileLog?.request(line);
          metrics?.request(line);
        }
      : undefined;
  let draining = false;
  // The server's own options (its logger, the metrics switch) are not the app's of the same name.
  const { logs: _logs, metrics: _metrics, ...platformOptions } = options;
  const mock = await createMockPlatform({
    ...platformOptions,
    webhookDestinations: destinations,
    apps: options.apps ?? [sandboxApp(process.env, options.crypto)],
    natives: nodeCrypto,
    ...(store ? { store } : {}),
    ...(log ? { logger: log } : {}),
    controls: { ...(options.controlOrigins ? { origins: options.controlOrigins } : {}), host: controlHosts(bind, options) },
    ...(cluster ? { share: (change: SharedChange) => cluster.channel.publish(change), worker: cluster.worker } : {}),
    ...(postgres ? { instance } : {}),
    ...(metrics ? { metrics, onStoreUnavailable: () => metrics.storeUnavailable() } : {}),
    ...(options.logs ? { onError: (message: string, fields: Record<string, unknown>) => options.logs?.error(message, fields) } : {}),
    observer: { checked: (verdict, deferred) => metrics?.checked(verdict, deferred) },
    draining: () => draining,
  });
  const clientOfRequest = clientAddress(parseTrustedProxies(options.trustedProxies ?? []));
  const listener = getRequestListener(async (request: Request, env: HttpBindings | Http2Bindings) => {
    const forwarded = env.incoming.headers['x-forwarded-for'];
    const client = clientOfRequest(env.incoming.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(',') : forwarded);
    const response = await mock.app.fetch(request, { ...env, client });
    if (response.headers.has(RESET_HEADER)) {
      // A dropped connection, as a crashed upstream or a reset by a middlebox looks.
      env.incoming.socket.destroy();
      return new Response(null, { status: 500 });
    }
    return response;
  });
  // Requests in flight, so a shutdown can wait for them (and tell their clients not to come back on
  // the same connection).
  const inflight = new Set<ServerResponse>();
  const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
    inflight.add(res);
    res.once('close', () => inflight.delete(res));
    if (draining) res.setHeader('connection', 'close');
    listener(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, options.host ?? '127.0.0.1', () => resolve());
  });
  const duties = cluster?.duties ?? true;
  const deliverer =
    options.webhooks === false || !duties
      ? undefined
      : new Deliverer(mock.platform, { ...(options.webhooks || {}), ...(metrics ? { onAttempt: (o) => metrics.delivery(o) } : {}) });
  deliverer?.start();
  // Expiries and due commitments fire as days pass (and at once after POST /__mock/clock).
  const sweep = () => {
    if (!duties) return;
    mock.platform.sweep().catch((error: Error) => {
      if (options.logs) options.logs.error('sweep failed, next in an hour', { error: error.message });
      else console.error(`[credit-check-mock] sweep failed, next in an hour: ${error.message}`);
    });
  };
  sweep();
  const sweeper = setInterval(sweep, 3_600_000);
  sweeper.unref();
  if (cluster) {
    const { channel } = cluster;
    // Only worker 1 delivers (SQLite), or every instance (PostgreSQL); the one that appended wakes
    // the others, once per turn of the event loop (a sweep or a batch appends many events at once,
    // and one look at the outbox covers them all).
    let waking = false;
    if (!duties || postgres)
      mock.platform.onEvents(() => {
        if (waking) return;
        waking = true;
        setImmediate(() => {
          waking = false;
          channel.publish({ kind: 'events' });
        });
      });
    channel.subscribe((change) => follow(mock, deliverer, change));
  }
  const { port } = server.address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : '127.0.0.1';
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    ...mock,
    server,
    origin,
    apiBase: origin + API_BASE,
    instance,
    deliverer,
    metrics,
    close: async () => {
      if (draining) return;
      draining = true;
      clearInterval(sweeper);
      // Stop accepting; idle keep-alive connections go now, busy ones after their answer.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      for (const res of inflight) if (!res.headersSent) res.setHeader('connection', 'close');
      const bound = options.drainMs ?? 10_000;
      const cut = setTimeout(() => server.closeAllConnections(), bound);
      await closed;
      clearTimeout(cut);
      // The outbox: attempts in flight finish and are recorded (their leases with them).
      await deliverer?.stop();
      await shared?.close();
      await mock.platform.store.close();
      await fileLog?.flush();
      await options.logs?.flush();
    },
  };
}

/** Deliveries waiting in the outbox, over every active subscription (read at each metrics scrape). */
async function outboxDepth(store: Store): Promise<number> {
  const subscriptions = await store.activeSubscriptions();
  const counts = await Promise.all(subscriptions.map((s) => store.countDeliveries(s.subscriptionId, 'pending')));
  return counts.reduce((a, b) => a + b, 0);
}

/** Applies another worker's change to this one (the store they share already holds the rest). */
function follow(mock: MockPlatform, deliverer: Deliverer | undefined, change: SharedChange): void {
  if (change.kind === 'scenario') mock.faults.restore(change);
  else if (change.kind === 'clock') mock.platform.followClock(change.offsetMs);
  else if (change.kind === 'reset') {
    mock.faults.clear();
    mock.platform.followClock(0);
  } else deliverer?.wake();
}
