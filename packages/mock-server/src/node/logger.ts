import { redact } from '@credit-check/sdk';
import pino, { type DestinationStream, type Logger } from 'pino';
import { formatLog, type RequestLog } from '../http/app.ts';

/** `json`: one object per line (pino) for a collector; `text`: the access-log line a person reads at a terminal. */
export type LogFormat = 'json' | 'text';

export interface LogOptions {
  /** Default: `text` on a terminal, `json` otherwise (a container, systemd's journal, a pipe). */
  format?: LogFormat | undefined;
  /** Lines go to stdout unless `false` (a file-only log). */
  stdout?: boolean;
  /** Request lines on stdout (default true; `--quiet` turns them off, the rest still goes). */
  requests?: boolean;
  /** Also append JSON lines to this file (`--access-log`). */
  file?: string | undefined;
  /** Named on every JSON line (several instances behind one collector). */
  instance?: string | undefined;
  /** Errors to stderr when stdout does not carry them (default true). */
  errors?: boolean;
}

/** What the server logs: each request (after its answer), and what went wrong outside one. */
export interface ServerLogger {
  /** What stdout carries: JSON lines or text for a person. */
  readonly format: LogFormat;
  request(line: RequestLog): void;
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  /** Writes what is buffered (before exit). */
  flush(): Promise<void>;
}

/**
 * Paths pino censors whatever the message: secrets and keys passed as fields by mistake. Strings are
 * also run through the SDK's `redact` (ID numbers masked; bearer tokens, cct_/cca_ tokens and
 * signatures removed), so a message cannot carry them either.
 */
const REDACT = [
  'authorization',
  'appSecret',
  'secret',
  'token',
  'storeKey',
  'adminKey',
  'password',
  '*.authorization',
  '*.appSecret',
  '*.token',
];

/**
 * JSON logs with pino (asynchronous writes, sonic-boom), the request id on every request line;
 * plain lines for a person at a terminal. Errors always reach someone: stdout's JSON, or stderr.
 */
export function createLogger(options: LogOptions = {}): ServerLogger {
  const format = options.format ?? (process.stdout.isTTY ? 'text' : 'json');
  const stdout = options.stdout !== false;
  const jsonOut = format === 'json' && stdout;
  const streams: { stream: DestinationStream }[] = [];
  if (jsonOut) streams.push({ stream: pino.destination({ dest: 1, sync: false }) });
  // Many processes append to one file (workers, test runs): O_APPEND keeps each line whole.
  if (options.file) streams.push({ stream: pino.destination({ dest: options.file, append: true, mkdir: true, sync: false }) });
  const log: Logger | undefined = streams.length
    ? pino(
        {
          base: options.instance ? { instance: options.instance } : null,
          timestamp: pino.stdTimeFunctions.isoTime,
          formatters: { level: (label) => ({ level: label }), log: (object) => scrub(object) as Record<string, unknown> },
          hooks: {
            logMethod(args, method) {
              method.apply(this, args.map((a) => (typeof a === 'string' ? redact(a) : a)) as Parameters<typeof method>);
            },
          },
          redact: { paths: REDACT, censor: '[redacted]' },
        },
        pino.multistream(streams),
      )
    : undefined;
  const stderr = !jsonOut && options.errors !== false;
  const plain = (message: string, fields: Record<string, unknown>) =>
    `[credit-check-mock] ${redact(message)}${Object.keys(fields).length ? ` ${JSON.stringify(scrub(fields))}` : ''}\n`;
  return {
    format,
    request(line) {
      if (options.requests === false) return;
      if (format === 'text' && stdout) process.stdout.write(`${formatLog(line)}\n`);
      // pino stamps its own time; the line's fields go as they are (path already masked).
      const { time: _time, ...fields } = line;
      log?.info(fields, 'request');
    },
    info(message, fields = {}) {
      if (format === 'text' && stdout) process.stdout.write(`${message}\n`);
      log?.info(fields, message);
    },
    warn(message, fields = {}) {
      if (stderr) process.stderr.write(plain(message, fields));
      log?.warn(fields, message);
    },
    error(message, fields = {}) {
      if (stderr) process.stderr.write(plain(message, fields));
      log?.error(fields, message);
    },
    flush: () => new Promise<void>((resolve) => (log ? log.flush(() => resolve()) : resolve())),
  };
}

/** Every string value of a log object redacted, however deep. */
function scrub(value: unknown): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]));
  return value;
}
