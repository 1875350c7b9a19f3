import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { SignatureAlgorithm } from '@credit-check/sdk/auth';
import type { Fixtures } from '../conformance/check.ts';
import { readFixtures } from '../conformance/fixtures.ts';
import { toHtml } from '../conformance/html.ts';
import { toJUnit } from '../conformance/junit.ts';
import { type CheckResult, runConformance } from '../conformance/run.ts';
import { usageError } from './usage.ts';
import { printVersion } from './version.ts';

const BIN = 'credit-check-conformance';
const HELP = `${BIN} — prove a credit platform (信用信息共享平台) against the credit-check contract

Usage: ${BIN} --base-url URL --app-id ID --app-secret SECRET [options]

  --base-url URL       the platform's API base, e.g. https://credit.example.gov.cn/api/v1
  --app-id ID          an app registered on it (default $CREDIT_CHECK_APP_ID)
  --app-secret SECRET  its secret (default $CREDIT_CHECK_APP_SECRET; prefer the variable: argv shows in ps)
  --signature SCHEME   CC-HMAC-SHA256 (default) or CC-HMAC-SM3 (国密)
  --fixtures FILE      subjects and the verdict each must get per matter, JSON
                       { "scenarios": [{ "id", "checks": [{ "request", "verdict" }] }] }
                       (default: the mock's scenario table; GET /__mock/scenarios is such a file)
  --burst N            send N concurrent calls to provoke a 429 and judge its Retry-After (default 0)
  --timeout-ms N       per request (default 15000)
  --junit FILE         JUnit XML for CI
  --html FILE          a report for people
  --json FILE          the full report as JSON
  --quiet              no progress, only the summary
  -h, --help           this help
  -V, --version        the version

Exit code: 0 conforms (skips allowed), 1 a check failed, 2 bad options or the platform unreachable.
The run makes real checks, feedback and a (deleted) subscription: point it at a test environment.`;

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  if (printVersion(argv, BIN)) return;
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
  const baseUrl = values['base-url'];
  const appId = values['app-id'] ?? process.env.CREDIT_CHECK_APP_ID;
  const appSecret = values['app-secret'] ?? process.env.CREDIT_CHECK_APP_SECRET;
  if (!baseUrl) return usage('--base-url is required');
  if (!/^https?:\/\//.test(baseUrl)) return usage(`--base-url must be an http(s) URL, got "${baseUrl}"`);
  if (!appId || !appSecret) return usage('--app-id and --app-secret (or CREDIT_CHECK_APP_ID / CREDIT_CHECK_APP_SECRET) are required');
  const burst = Number(values.burst ?? 0);
  if (!Number.isInteger(burst) || burst < 0 || burst > 1000) return usage(`--burst must be 0–1000, got "${values.burst}"`);
  const timeoutMs = Number(values['timeout-ms'] ?? 15_000);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100) return usage(`--timeout-ms must be an integer ≥ 100, got "${values['timeout-ms']}"`);
  const scheme = values.signature ?? 'CC-HMAC-SHA256';
  let signature: SignatureAlgorithm | undefined;
  if (scheme === 'CC-HMAC-SM3') signature = (await import('@credit-check/sdk/gm')).HMAC_SM3;
  else if (scheme !== 'CC-HMAC-SHA256') return usage(`--signature must be CC-HMAC-SHA256 or CC-HMAC-SM3, got "${scheme}"`);
  let fixtures: Fixtures | undefined;
  try {
    fixtures = values.fixtures ? readFixtures(values.fixtures) : undefined;
  } catch (error) {
    return usage((error as Error).message);
  }
  const quiet = values.quiet === true;
  if (!quiet) console.log(`${BIN}: ${baseUrl} as ${appId} (${scheme})\n`);
  const mark = { passed: '✓', failed: '✗', skipped: '–' } as const;
  const onResult = (r: CheckResult, index: number, total: number) => {
    if (quiet) return;
    console.log(
      `[${String(index + 1).padStart(String(total).length)}/${total}] ${mark[r.status]} ${r.id} — ${r.title} (${Math.round(r.ms)} ms)`,
    );
    if (r.status === 'failed')
      console.log(
        indent(`rule: ${r.rule}\nwhy:  ${r.reason}${r.sent ? `\nsent: ${r.sent}` : ''}${r.received ? `\ngot:  ${r.received}` : ''}`),
      );
    if (r.status === 'skipped') console.log(indent(`skipped: ${r.reason}`));
  };
  let report: Awaited<ReturnType<typeof runConformance>>;
  try {
    report = await runConformance({
      baseUrl,
      appId,
      appSecret,
      ...(signature ? { signature } : {}),
      ...(fixtures ? { fixtures } : {}),
      burst,
      timeoutMs,
      onResult,
    });
  } catch (error) {
    console.error(`${BIN}: ${(error as Error).message}`);
    process.exitCode = 2;
    return;
  }
  const written: string[] = [];
  try {
    if (values.junit) writeFileSync(values.junit, toJUnit(report));
    if (values.junit) written.push(`JUnit ${values.junit}`);
    if (values.html) writeFileSync(values.html, toHtml(report));
    if (values.html) written.push(`HTML ${values.html}`);
    if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
    if (values.json) written.push(`JSON ${values.json}`);
  } catch (error) {
    console.error(`${BIN}: could not write the report: ${(error as Error).message}`);
    process.exitCode = 2;
  }
  const failedIds = report.results.filter((r) => r.status === 'failed').map((r) => r.id);
  console.log(
    `\n${report.failed === 0 ? 'CONFORMS' : 'DOES NOT CONFORM'}: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped in ${(report.ms / 1000).toFixed(1)} s${
      failedIds.length ? `\nfailed: ${failedIds.join(', ')}` : ''
    }${written.length ? `\nreports: ${written.join(', ')}` : ''}`,
  );
  if (report.failed > 0 && !process.exitCode) process.exitCode = 1;
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => `      ${l}`)
    .join('\n');

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      'base-url': { type: 'string' },
      'app-id': { type: 'string' },
      'app-secret': { type: 'string' },
      signature: { type: 'string' },
      fixtures: { type: 'string' },
      burst: { type: 'string' },
      'timeout-ms': { type: 'string' },
      junit: { type: 'string' },
      html: { type: 'string' },
      json: { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }).values;
}

const usage = (message: string) => usageError(message, HELP, BIN);
