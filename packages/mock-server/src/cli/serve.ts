import cluster from 'node:cluster';
import { parseArgs } from 'node:util';
import { readApps } from '../node/apps.ts';
import { clusterWorker, runCluster } from '../node/cluster.ts';
import { createLogger, type LogFormat } from '../node/logger.ts';
import { sandboxApp, startServer } from '../node/server.ts';
import { readTokenKey } from '../node/token-key.ts';
import { type App, SEED_DEFAULTS } from '../platform/options.ts';
import { DEMO_MATTERS } from '../seed/catalog.ts';
import { readStoreKey } from '../store/sealing.ts';
import { parseAllowList } from '../webhooks/destinations.ts';
import { usageError } from './usage.ts';

const HELP = `credit-check-mock — a faithful mock of the shared credit platform (信用信息共享平台) API

Usage: credit-check-mock [options]
       credit-check-mock proxy --upstream URL [--record DIR]   a validating, recording proxy
       credit-check-mock --replay DIR                          serve a recording back
       credit-check-mock migrate-store --data-dir DIR [--store-key-file FILE]
                     seal a plain --data-dir for --crypto gm (server stopped; one transaction)

  --port N           port to listen on (default 8787; 0 picks a free one)
  --host H           interface (default 127.0.0.1)
  --subjects N       generated subjects on top of the scenario subjects (default 1000)
  --seed S           seed for generated subjects (default credit-check)
  --serial-prefix P  the 核查编号's prefix, 1–8 capital letters (default HC: HC-20261207-000123)
  --verification-days N  how long a 核查码 verifies (default 90)
  --public-url URL   the platform's public origin, for the verification links a 结果单 prints
                     (default: the origin each request came to)
  --data-dir DIR     persist checks, feedback, commitments, objections (node:sqlite); memory without it
  --store URL        PostgreSQL instead (default $CREDIT_CHECK_STORE): postgres://user:password@host:5432/db —
                     any number of instances on any hosts over one database, behind one address
                     (see the mock-server README, "A shared provincial sandbox")
  --instance NAME    this instance's name over --store (default host:pid), shown by /healthz
  --reseed           over --store: instances must share --seed, --subjects and --crypto (one that
                     differs refuses to start); this replaces the platform's with this instance's
  --cors-origins L   comma-separated allowed browser origins of the API (default *)
  --control-origins L  web pages that may use /__mock/* besides the server's own (comma-separated
                     origins, e.g. http://127.0.0.1:5173); default none
  --allowed-hosts L  host names /__mock/* answers besides localhost, 127.0.0.1, ::1 and --host
                     (DNS-rebinding guard, with or without an admin key); bound to 0.0.0.0 or ::,
                     this machine's addresses and host name answer too
  --trusted-proxies L  your reverse proxies (comma-separated addresses or CIDR ranges): behind them the
                     client is the address they forward (X-Forwarded-For) — the public 核查码 lookup
                     budgets by client; default none (the header is not read)
  --access-log FILE  also append the access log to FILE (default: $CREDIT_CHECK_ACCESS_LOG)
  --webhook-retry-ms N     first webhook retry after about N ms, doubling (default 5000)
  --webhook-attempts N     attempts before a delivery is a dead letter (default 12)
  --allow-webhook-hosts L  webhooks may also go to these (comma-separated addresses, CIDR ranges or
                     names, e.g. 127.0.0.1,::1,localhost); default $CREDIT_CHECK_ALLOW_WEBHOOK_HOSTS
                     or none: only public addresses, checked again after DNS at every delivery
  --crypto SUITE     standard (Ed25519, HMAC-SHA256) or gm (国密: SM2 receipts, CC-HMAC-SM3,
                     SM4-sealed --data-dir or --store); default $CREDIT_CHECK_CRYPTO or standard
  --store-key-file F the SM4 store key for gm with --data-dir or --store: 64 hex characters
                     (default $CREDIT_CHECK_STORE_KEY; make one with \`openssl rand -hex 32\`)
  --token-key-file F the platform's browser-token key: 64 hex characters (default $CREDIT_CHECK_TOKEN_KEY;
                     without either, a random key is made once and kept in the store). Give every
                     instance of one platform the same key
  --admin-key K      /__mock/* controls need "Authorization: Bearer K" (default $CREDIT_CHECK_ADMIN_KEY;
                     required with a --host other than loopback). Prefer the variable: argv is visible in ps
  --rate-limit N     at most N requests per second per app (429 + Retry-After beyond); default none
  --workers N        N processes on one port (node:cluster) for a sandbox many vendors share; needs
                     --data-dir or --store (one store for all). Default 1
  --apps FILE        several teams' apps, JSON [{ "appId", "appSecret", "roles", "authorities" }, …]
                     instead of the one sandbox app: each sees only its own checks, cases and
                     statistics; roles "window" (default) and/or "authority" (decides objections
                     and fulfilments of the 认定部门 in "authorities", "*" = the credit office)
  --quiet            no access log on stdout
  --log-format F     json (one object per line, pino) or text; default: text on a terminal, json otherwise
  --metrics on|off   GET /metrics in Prometheus' text format (default on; needs the admin key when one is set)
  --drain-ms N       on SIGTERM, requests in flight may take N ms to finish (default 10000); new ones are refused
  -h, --help         this help (each subcommand has its own: credit-check-mock proxy --help)
  -V, --version      the version

Every option can come from the environment instead: CREDIT_CHECK_ and its name in capitals
(CREDIT_CHECK_DATA_DIR, CREDIT_CHECK_RATE_LIMIT, CREDIT_CHECK_LOG_FORMAT …; a flag: "true"); also
PORT and HOST, as platforms that run containers set them. The command line wins.

Credentials: CREDIT_CHECK_APP_ID and CREDIT_CHECK_APP_SECRET (defaults are the documented sandbox ones).`;

export async function serve(argv: string[]): Promise<void> {
  let values: ReturnType<typeof parse>;
  try {
    values = parse(argv);
  } catch (error) {
    return usage((error as Error).message);
  }
  if (values.help) {
    console.log(HELP);
    return;
  }
  const format = values['log-format'];
  if (format !== undefined && format !== 'json' && format !== 'text') return usage(`--log-format must be json or text, got "${format}"`);
  if (values.metrics !== undefined && values.metrics !== 'on' && values.metrics !== 'off')
    return usage(`--metrics must be on or off, got "${values.metrics}"`);
  const drainMs = Number(values['drain-ms'] ?? 10_000);
  if (!Number.isInteger(drainMs) || drainMs < 0 || drainMs > 600_000)
    return usage(`--drain-ms must be 0–600000, got "${values['drain-ms']}"`);
  const port = Number(values.port ?? 8787);
  const subjects = Number(values.subjects ?? SEED_DEFAULTS.subjects);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return usage(`--port must be 0–65535, got "${values.port}"`);
  if (!Number.isInteger(subjects) || subjects < 0 || subjects > 10_000_000)
    return usage(`--subjects must be 0–10000000, got "${values.subjects}"`);
  if (values['serial-prefix'] !== undefined && !/^[A-Z]{1,8}$/.test(values['serial-prefix']))
    return usage(`--serial-prefix must be 1–8 capital letters, got "${values['serial-prefix']}"`);
  const verificationDays = values['verification-days'] === undefined ? undefined : Number(values['verification-days']);
  if (verificationDays !== undefined && (!Number.isInteger(verificationDays) || verificationDays < 1 || verificationDays > 3650))
    return usage(`--verification-days must be 1–3650, got "${values['verification-days']}"`);
  if (values['public-url'] !== undefined && !/^https?:\/\/[^/?#\s]+\/?$/.test(values['public-url']))
    return usage(`--public-url must be an origin such as https://credit.example.gov.cn, got "${values['public-url']}"`);
  const retryMs = Number(values['webhook-retry-ms'] ?? 5000);
  const attempts = Number(values['webhook-attempts'] ?? 12);
  if (!Number.isInteger(retryMs) || retryMs < 1 || retryMs > 86_400_000)
    return usage(`--webhook-retry-ms must be 1–86400000, got "${values['webhook-retry-ms']}"`);
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > 100)
    return usage(`--webhook-attempts must be 1–100, got "${values['webhook-attempts']}"`);
  const suite = values.crypto ?? process.env.CREDIT_CHECK_CRYPTO ?? 'standard';
  if (suite !== 'standard' && suite !== 'gm') return usage(`--crypto must be standard or gm, got "${suite}"`);
  if (values['store-key-file'] && suite !== 'gm')
    return usage('--store-key-file seals the data dir or the database under --crypto gm only');
  let storeKey: Uint8Array | undefined;
  try {
    storeKey = suite === 'gm' ? readStoreKey({ file: values['store-key-file'] }) : undefined;
  } catch (error) {
    return usage((error as Error).message);
  }
  const rateLimit = values['rate-limit'] === undefined ? undefined : Number(values['rate-limit']);
  if (rateLimit !== undefined && !(Number.isInteger(rateLimit) && rateLimit >= 1 && rateLimit <= 1_000_000))
    return usage(`--rate-limit must be 1–1000000 requests per second, got "${values['rate-limit']}"`);
  const adminKey = values['admin-key'] || process.env.CREDIT_CHECK_ADMIN_KEY || undefined;
  if (adminKey !== undefined && adminKey.length < 16) return usage('the admin key must be at least 16 characters');
  let allowWebhookHosts: string[];
  try {
    const list = values['allow-webhook-hosts'] ?? process.env.CREDIT_CHECK_ALLOW_WEBHOOK_HOSTS ?? '';
    allowWebhookHosts = parseAllowList(list.split(','));
  } catch (error) {
    return usage(`--allow-webhook-hosts: ${(error as Error).message}`);
  }
  let tokenKey: Uint8Array | undefined;
  try {
    tokenKey = readTokenKey({ file: values['token-key-file'] });
  } catch (error) {
    return usage((error as Error).message);
  }
  let apps: App[];
  try {
    apps = values.apps ? readApps(values.apps, suite) : [sandboxApp(process.env, suite)];
  } catch (error) {
    return usage((error as Error).message);
  }
  const storeUrl = values.store ?? (process.env.CREDIT_CHECK_STORE || undefined);
  if (storeUrl !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(storeUrl))
      return usage(`--store must be a PostgreSQL URL (postgres://user:password@host:5432/db), got "${redactUrl(storeUrl)}"`);
    if (values['data-dir']) return usage('--store (PostgreSQL) and --data-dir (SQLite) are two stores: give one');
  }
  if (values.reseed && !storeUrl) return usage('--reseed changes what instances over one --store agree on: it needs --store');
  const workers = Number(values.workers ?? 1);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) return usage(`--workers must be 1–64, got "${values.workers}"`);
  if (workers > 1 && !values['data-dir'] && !storeUrl)
    return usage(
      '--workers shares one store between processes: give --data-dir DIR or --store URL (in memory, each worker would keep its own checks)',
    );
  const logs = createLogger({ format: format as LogFormat | undefined, requests: !values.quiet });
  if (workers > 1 && cluster.isPrimary) return runCluster(workers, logs);
  const worker = clusterWorker();
  const started = performance.now();
  const app = apps[0] as App;
  const server = await startServer({
    port,
    host: values.host ?? '127.0.0.1',
    subjects,
    ...(values.seed ? { seed: values.seed } : {}),
    ...(values['serial-prefix'] ? { serialPrefix: values['serial-prefix'] } : {}),
    ...(verificationDays ? { verificationDays } : {}),
    ...(values['public-url'] ? { publicUrl: values['public-url'] } : {}),
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    ...(storeUrl ? { storeUrl } : {}),
    ...(values.instance ? { instance: values.instance } : {}),
    ...(values.reseed ? { reseed: true } : {}),
    corsOrigins: values['cors-origins'] ? list(values['cors-origins']) : '*',
    ...(values['control-origins'] ? { controlOrigins: list(values['control-origins']) } : {}),
    ...(values['allowed-hosts'] ? { allowedHosts: list(values['allowed-hosts']) } : {}),
    ...(values['trusted-proxies'] ? { trustedProxies: list(values['trusted-proxies']) } : {}),
    apps,
    crypto: suite,
    ...(storeKey ? { storeKey } : {}),
    ...(tokenKey ? { tokenKey } : {}),
    ...(adminKey ? { adminKey } : {}),
    // One bucket per app in the store, drawn on by every worker and instance.
    ...(rateLimit ? { rateLimit } : {}),
    ...(worker ? { cluster: { channel: worker.channel, duties: worker.index === 1, worker: worker.index } } : {}),
    webhooks: { retry: { baseMs: retryMs, maxAttempts: attempts } },
    ...(allowWebhookHosts.length ? { webhookDestinations: { allow: allowWebhookHosts } } : {}),
    ...(values['access-log'] ? { accessLog: values['access-log'] } : {}),
    logs,
    metrics: values.metrics !== 'off',
    drainMs,
  });
  // Before the banner: whoever waits for it may stop the server at once, and must get a clean close.
  const stop = (signal: string) => {
    logs.info('draining', { signal, drainMs });
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  if (worker && worker.index > 1) return; // worker 1 prints the banner
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const secretShown = process.env.CREDIT_CHECK_APP_SECRET ? '(from CREDIT_CHECK_APP_SECRET)' : app.appSecret;
  const storeName = storeUrl
    ? `PostgreSQL ${redactUrl(storeUrl)}${storeKey ? ' (SM4-sealed)' : ''}, instance ${server.instance}`
    : values['data-dir']
      ? `${values['data-dir']}${storeKey ? ' (SM4-sealed)' : ''}`
      : 'memory';
  const ready = `credit-check mock platform ready in ${seconds}s — ${server.platform.subjects.subjects.size} subjects, store: ${storeName}${worker ? `, shared by ${worker.count} workers` : ''}`;
  const signs = values.apps
    ? `${apps.map((a) => (a.roles?.includes('authority') ? `${a.appId} (authority: ${a.authorities?.join('、')})` : a.appId)).join(', ')} (from ${values.apps}) sign`
    : `appId=${app.appId} appSecret=${secretShown} signs`;
  // A collector reads one JSON object per line: the banner is one too (the secret left out).
  if (logs.format === 'json') {
    logs.info(ready, {
      api: server.apiBase,
      openapi: `${server.apiBase}/openapi.json`,
      controls: adminKey ? 'admin key' : 'open (loopback)',
      health: { live: `${server.origin}/livez`, ready: `${server.origin}/readyz` },
      metrics: values.metrics === 'off' ? 'off' : `${server.origin}/metrics`,
      apps: apps.map((a) => a.appId),
      scheme: app.scheme ?? 'CC-HMAC-SHA256',
      receipts: server.platform.jwks().keys[0]?.alg,
    });
    return;
  }
  console.log(`${ready}
  API          ${server.apiBase}
  OpenAPI      ${server.apiBase}/openapi.json
  Scenarios    ${server.origin}/__mock/scenarios   (demo matters: ${DEMO_MATTERS.join(', ')})
  Controls     ${server.origin}/__mock/*   ${adminKey ? 'need the admin key (Authorization: Bearer …)' : 'open (no admin key: loopback only)'}
  Health       ${server.origin}/healthz · ${server.origin}/livez · ${server.origin}/readyz
  Metrics      ${values.metrics === 'off' ? 'off' : `${server.origin}/metrics${adminKey ? ' (admin key)' : ''}`}
  ${values.apps ? `Apps         ${signs}` : `Sandbox app  ${signs}`} with ${app.scheme ?? 'CC-HMAC-SHA256'}
  Receipts     ${server.platform.jwks().keys[0]?.alg} (keys at ${server.apiBase}/keys)`);
}

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  subjects: { type: 'string' },
  seed: { type: 'string' },
  'serial-prefix': { type: 'string' },
  'verification-days': { type: 'string' },
  'public-url': { type: 'string' },
  'data-dir': { type: 'string' },
  store: { type: 'string' },
  instance: { type: 'string' },
  reseed: { type: 'boolean' },
  'cors-origins': { type: 'string' },
  'control-origins': { type: 'string' },
  'allowed-hosts': { type: 'string' },
  'trusted-proxies': { type: 'string' },
  'access-log': { type: 'string' },
  quiet: { type: 'boolean' },
  'webhook-retry-ms': { type: 'string' },
  'webhook-attempts': { type: 'string' },
  'allow-webhook-hosts': { type: 'string' },
  crypto: { type: 'string' },
  'store-key-file': { type: 'string' },
  'token-key-file': { type: 'string' },
  'admin-key': { type: 'string' },
  'rate-limit': { type: 'string' },
  apps: { type: 'string' },
  workers: { type: 'string' },
  'log-format': { type: 'string' },
  metrics: { type: 'string' },
  'drain-ms': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(argv: string[]) {
  const values = parseArgs({ args: argv, options: OPTIONS, strict: true }).values;
  const names = Object.keys(OPTIONS) as (keyof typeof OPTIONS)[];
  return fromEnvironment(
    values,
    process.env,
    names.filter((n) => OPTIONS[n].type === 'boolean'),
    names,
  );
}

/**
 * Options not on the command line from the environment: `CREDIT_CHECK_<NAME>` (`--data-dir` →
 * CREDIT_CHECK_DATA_DIR), and PORT / HOST as container platforms set them. The command line wins.
 */
export function fromEnvironment<T extends Record<string, string | boolean | undefined>>(
  values: T,
  env: NodeJS.ProcessEnv,
  booleans: readonly string[],
  names: readonly string[],
): T {
  const out: Record<string, string | boolean | undefined> = { ...values };
  for (const name of names) {
    if (out[name] !== undefined || name === 'help') continue;
    const variable = `CREDIT_CHECK_${name.toUpperCase().replace(/-/g, '_')}`;
    const value = env[variable] ?? (name === 'port' ? env.PORT : name === 'host' ? env.HOST : undefined);
    if (value === undefined || value === '') continue;
    out[name] = booleans.includes(name) ? /^(1|true|yes|on)$/i.test(value) : value;
  }
  return out as T;
}

const usage = (message: string) => usageError(message, HELP);
/** A database URL as it may be shown: the password never (argv and logs are read by others). */
export const redactUrl = (url: string) => url.replace(/^(\w+:\/\/[^:/@]*):[^@/]*@/, '$1:***@');
const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
