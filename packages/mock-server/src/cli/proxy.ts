import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { redact } from '@credit-check/sdk';
import { serveFetch } from '../node/serve-fetch.ts';
import { createProxy } from '../proxy/proxy.ts';
import { Recording } from '../proxy/recording.ts';
import { createReplay } from '../proxy/replay.ts';
import { usageError } from './usage.ts';

const PROXY_HELP = `Usage: credit-check-mock proxy --upstream URL [--record DIR] [--port N] [--host H] [--quiet]

A validating proxy between an SDK or widget and a real platform: forwards every request unchanged,
judges requests and answers against the contract, logs each violation (redacted) and adds a
credit-check-violations header; with --record DIR saves every exchange (people's 身份证 numbers
and names pseudonymised) for \`credit-check-mock --replay DIR\`.

  --upstream URL   the platform's origin, e.g. https://credit.example.gov.cn (paths pass through)
  --record DIR     save the exchanges here
  --port N         default 8788 (0 picks a free one)
  --host H         default 127.0.0.1
  --quiet          no line per request (violations are always printed)`;

const REPLAY_HELP = `Usage: credit-check-mock --replay DIR [--port N] [--host H] [--quiet]

Serves a recording made by \`credit-check-mock proxy --record DIR\`: each request is matched on
method, path, how it was authenticated and its body; repeated requests get the recorded answers
in order. Signatures are not verified.`;

/** The options both serving modes share (port, host, quiet, help) and `extra`. */
function parseServing(argv: string[], extra: ParseArgsOptionsConfig) {
  return parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      ...extra,
    },
    strict: true,
  }).values as Record<string, string | boolean | undefined>;
}

function portOf(values: Record<string, unknown>, fallback: number, help: string): number | undefined {
  const port = Number(values.port ?? fallback);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    usageError(`--port must be 0–65535, got "${values.port}"`, help);
    return undefined;
  }
  return port;
}

const stopOnSignal = (close: () => Promise<void>) => {
  const stop = () => {
    void close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};

/** `credit-check-mock proxy --upstream URL [--record DIR]` */
export async function proxy(argv: string[]): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseServing(argv, { upstream: { type: 'string' }, record: { type: 'string' } });
  } catch (error) {
    return usageError((error as Error).message, PROXY_HELP);
  }
  if (values.help) return void console.log(PROXY_HELP);
  const upstream = values.upstream as string | undefined;
  if (!upstream || !/^https?:\/\/[^/]+\/?$/.test(upstream)) {
    return usageError(`--upstream must be the platform's http(s) origin, got "${upstream ?? ''}"`, PROXY_HELP);
  }
  const port = portOf(values, 8788, PROXY_HELP);
  if (port === undefined) return;
  const record = values.record as string | undefined;
  const recording = record ? Recording.create(record, upstream) : undefined;
  const quiet = values.quiet === true;
  const handler = createProxy({
    upstream,
    ...(recording ? { recording } : {}),
    onViolation: (line) => console.log(`VIOLATION ${line}`),
    onRecordingError: (message) => console.error(`RECORDING FAILED ${message}`),
  });
  const served = await serveFetch(
    async (request) => {
      const started = performance.now();
      const response = await handler(request);
      if (!quiet)
        console.log(
          `${request.method} ${redact(new URL(request.url).pathname)} ${response.status} ${Math.round(performance.now() - started)}ms`,
        );
      return response;
    },
    port,
    (values.host as string | undefined) ?? '127.0.0.1',
  );
  stopOnSignal(served.close);
  console.log(`credit-check validating proxy ready
  API          ${served.origin}/api/v1 → ${upstream.replace(/\/$/, '')}/api/v1 (validated against the contract)
  Recording    ${record ? `${record} (people's 身份证 numbers and names pseudonymised; replay with credit-check-mock --replay ${record})` : 'off (--record DIR)'}`);
}

/** `credit-check-mock --replay DIR` */
export async function replay(argv: string[]): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseServing(argv, { replay: { type: 'string' } });
  } catch (error) {
    return usageError((error as Error).message, REPLAY_HELP);
  }
  if (values.help) return void console.log(REPLAY_HELP);
  const dir = values.replay as string | undefined;
  if (!dir) return usageError('--replay needs a recording directory', REPLAY_HELP);
  const port = portOf(values, 8787, REPLAY_HELP);
  if (port === undefined) return;
  let replayer: ReturnType<typeof createReplay>;
  try {
    replayer = createReplay(dir);
  } catch (error) {
    return usageError((error as Error).message, REPLAY_HELP);
  }
  const quiet = values.quiet === true;
  const served = await serveFetch(
    async (request) => {
      const response = await replayer.handler(request);
      if (!quiet) console.log(`${request.method} ${redact(new URL(request.url).pathname)} ${response.status} (replayed)`);
      return response;
    },
    port,
    (values.host as string | undefined) ?? '127.0.0.1',
  );
  stopOnSignal(served.close);
  console.log(`credit-check replay ready — ${replayer.size} recorded exchanges from ${dir}
  API          ${served.origin}/api/v1`);
}
