import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@credit-check/sdk';
import { Check, Problem } from '@credit-check/sdk/contract';
import { validateIdNumber } from '@credit-check/sdk/identifiers';
import { verifyReceipt } from '@credit-check/sdk/receipts';
import { afterAll, describe, expect, it } from 'vitest';
import { type ConformanceReport, runConformance } from '../src/conformance/run.ts';
import { serveFetch } from '../src/node/serve-fetch.ts';
import { createProxy, VIOLATIONS_HEADER } from '../src/proxy/proxy.ts';
import { Recording } from '../src/proxy/recording.ts';
import { createReplay } from '../src/proxy/replay.ts';
import { startBroken } from './broken-platform.ts';
import { APP, CONTEXT, PERSON_DEBTOR, start } from './helpers.ts';
import { exited, spawnMock } from './process.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-record-'));
  dirs.push(dir);
  return dir;
};
const kit = (apiBase: string) => runConformance({ baseUrl: apiBase, appId: APP.appId, appSecret: APP.appSecret });
const outcome = (report: ConformanceReport) => report.results.map((r) => `${r.id} ${r.status}`);

/** Every valid 身份证 number anywhere in the recording's files. */
function idNumbersIn(dir: string): string[] {
  const text = readdirSync(dir)
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
  return [...text.matchAll(/\d{17}[\dXx]/g)].map((m) => m[0]).filter((id) => validateIdNumber(id).valid);
}

describe('the validating, recording proxy and --replay', () => {
  it('round trip: the conformance run through the proxy records; replayed offline it gives the same results, and no ID number is on disk', async () => {
    const platform = await start();
    const dir = tempDir();
    const violations: string[] = [];
    const proxy = await serveFetch(
      createProxy({ upstream: platform.origin, recording: Recording.create(dir, platform.origin), onViolation: (v) => violations.push(v) }),
      0,
    );
    let live: ConformanceReport;
    try {
      live = await kit(`${proxy.origin}/api/v1`);
    } finally {
      await proxy.close();
      await platform.close();
    }
    expect(live.failed).toBe(0);
    // The mock's answers are all on contract: what the proxy flagged are the kit's own deliberately bad requests.
    expect(violations.length).toBeGreaterThan(0);
    expect(violations.every((v) => v.includes('request body'))).toBe(true);
    expect(idNumbersIn(dir)).toEqual([]);

    // The upstream is gone: the recording answers alone.
    const replay = createReplay(dir);
    const served = await serveFetch(replay.handler, 0);
    try {
      const replayed = await kit(`${served.origin}/api/v1`);
      expect(outcome(replayed)).toEqual(outcome(live));
    } finally {
      await served.close();
    }
  });

  it("replays a person's check with the number the request carried, and its receipt verifies against the recorded keys", async () => {
    const platform = await start();
    const dir = tempDir();
    const proxy = await serveFetch(createProxy({ upstream: platform.origin, recording: Recording.create(dir, platform.origin) }), 0);
    const through = createClient({ baseUrl: `${proxy.origin}/api/v1`, ...APP });
    const request = { subject: PERSON_DEBTOR, matter: 'PROCUREMENT_SUPPLIER', context: CONTEXT };
    const live = await through.check(request);
    const keys = await (await fetch(`${proxy.origin}/api/v1/keys`)).json();
    await proxy.close();
    await platform.close();
    expect(JSON.stringify(readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')))).not.toContain(PERSON_DEBTOR.id);

    const served = await serveFetch(createReplay(dir).handler, 0);
    try {
      const offline = createClient({ baseUrl: `${served.origin}/api/v1`, ...APP });
      const again = await offline.check(request);
      expect(again.checkId).toBe(live.checkId);
      expect(again.verdict).toBe(live.verdict);
      expect(again.subject.id).toBe(PERSON_DEBTOR.id);
      const replayedKeys = await (await fetch(`${served.origin}/api/v1/keys`)).json();
      await expect(verifyReceipt(again.receipt, replayedKeys, { checkId: again.checkId, subject: PERSON_DEBTOR })).resolves.toMatchObject({
        verdict: live.verdict,
      });
      expect(replayedKeys).toEqual(keys);
      // Something never recorded: a 404 problem that says how to record it.
      const miss = await fetch(`${served.origin}/api/v1/checks/chk_never`, { headers: { authorization: 'Bearer x' } });
      expect(miss.status).toBe(404);
      expect(Problem.parse(await miss.json()).detail).toContain('--record');
    } finally {
      await served.close();
    }
  });

  it("keeps no natural person's name in clear either: pseudonymised alike, so a replay still matches (issue 37, 7)", async () => {
    const platform = await start();
    const dir = tempDir();
    const proxy = await serveFetch(createProxy({ upstream: platform.origin, recording: Recording.create(dir, platform.origin) }), 0);
    const through = createClient({ baseUrl: `${proxy.origin}/api/v1`, ...APP });
    // A person checked by name, and an organisation whose answer names its legal representative (王建国).
    const person = { subject: { ...PERSON_DEBTOR, name: '李娜' }, matter: 'PROCUREMENT_SUPPLIER', context: CONTEXT };
    const org = { subject: { idType: 'uscc' as const, id: '91320505MA1PC0Q10W' }, matter: 'PROCUREMENT_SUPPLIER', context: CONTEXT };
    const live = [await through.check(person), await through.check(org)];
    await proxy.close();
    await platform.close();
    const onDisk = readdirSync(dir)
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    expect(JSON.stringify(live)).toContain('王建国');
    for (const name of ['李娜', '王建国']) expect(onDisk).not.toContain(name);
    // Organisations' names are public register data: kept as they are.
    expect(onDisk).toContain('苏州华信建材有限公司');

    const served = await serveFetch(createReplay(dir).handler, 0);
    try {
      const offline = createClient({ baseUrl: `${served.origin}/api/v1`, ...APP });
      const [again, orgAgain] = [await offline.check(person), await offline.check(org)];
      expect(again.checkId).toBe(live[0]?.checkId);
      // The name the request carried is put back; one it did not carry stays a pseudonym.
      expect(again.subject.name).toBe('李娜');
      expect(orgAgain.checkId).toBe(live[1]?.checkId);
      expect(JSON.stringify(orgAgain)).not.toContain('王建国');
    } finally {
      await served.close();
    }
  });

  it('flags an upstream that breaks the contract (header and log), and answers 502 when the upstream is down', async () => {
    const broken = await startBroken('wrong-status');
    const violations: string[] = [];
    const upstream = new URL(broken.apiBase).origin;
    const proxy = await serveFetch(createProxy({ upstream, onViolation: (v) => violations.push(v) }), 0);
    try {
      const client = createClient({ baseUrl: `${proxy.origin}/api/v1`, ...APP });
      const body = JSON.stringify({ subject: PERSON_DEBTOR, matter: 'PROCUREMENT_SUPPLIER', context: CONTEXT });
      const { authorizationHeader, randomId } = await import('@credit-check/sdk/auth');
      const res = await fetch(`${proxy.origin}/api/v1/checks`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: await authorizationHeader(APP.appId, APP.appSecret, {
            method: 'POST',
            pathAndQuery: '/api/v1/checks',
            timestamp: Date.now(),
            nonce: randomId(),
            body,
          }),
        },
        body,
      });
      expect(res.status).toBe(200); // forwarded as the upstream said it, not corrected
      expect(JSON.parse(res.headers.get(VIOLATIONS_HEADER) ?? '[]')).toEqual(['POST /checks answers 201']);
      expect(Check.parse(await res.json()).subject.id).toBe(PERSON_DEBTOR.id);
      expect(violations).toEqual(['POST /api/v1/checks → 200: POST /checks answers 201 (answered 200)']);
      expect(violations.join()).not.toContain(PERSON_DEBTOR.id);
      expect((await client.listMatters()).matters.length).toBeGreaterThan(0);
    } finally {
      await proxy.close();
      await broken.close();
    }
    // A recording that cannot be written is reported; the client still gets its answer.
    const platform = await start();
    const dir = tempDir();
    const errors: string[] = [];
    const recording = Recording.create(dir, platform.origin);
    rmSync(dir, { recursive: true, force: true });
    const lost = await serveFetch(createProxy({ upstream: platform.origin, recording, onRecordingError: (e) => errors.push(e) }), 0);
    try {
      expect((await createClient({ baseUrl: `${lost.origin}/api/v1`, ...APP }).listMatters()).matters.length).toBeGreaterThan(0);
      expect(errors).toEqual([expect.stringMatching(/^GET \/api\/v1\/catalog\/matters not recorded: ENOENT/)]);
    } finally {
      await lost.close();
      await platform.close();
    }
    const down = await serveFetch(createProxy({ upstream: 'http://127.0.0.1:9' }), 0);
    try {
      const res = await fetch(`${down.origin}/api/v1/catalog/matters`);
      expect(res.status).toBe(502);
      expect(Problem.parse(await res.json()).code).toBe('UPSTREAM_ERROR');
    } finally {
      await down.close();
    }
  });

  it('the CLI: credit-check-mock proxy --record, then credit-check-mock --replay serves what was recorded', async () => {
    // The upstream runs in this process: the CLIs under test are the proxy and the replay. (Three
    // process start-ups in a row, the upstream's loading the whole platform, took over vitest's 5 s
    // on a loaded machine — issue 38; the proxy and the replay no longer load the platform either.)
    const platform = await start({ subjects: 0 });
    const dir = tempDir();
    const proxy = await spawnMock(['proxy', '--upstream', platform.origin, '--record', dir]);
    let live: Check;
    try {
      expect(proxy.output()).toContain('pseudonymised');
      live = await createClient({ baseUrl: `${proxy.origin}/api/v1`, ...APP }).check({
        subject: PERSON_DEBTOR,
        matter: 'PROCUREMENT_SUPPLIER',
        context: CONTEXT,
      });
    } finally {
      proxy.child.kill('SIGTERM');
      await Promise.all([exited(proxy.child), platform.close()]);
    }
    expect(proxy.output()).toMatch(/POST \/api\/v1\/checks 201 \d+ms/);
    const replay = await spawnMock(['--replay', dir, '--quiet']);
    try {
      expect(replay.output()).toContain('1 recorded exchanges');
      const again = await createClient({ baseUrl: `${replay.origin}/api/v1`, ...APP }).check({
        subject: PERSON_DEBTOR,
        matter: 'PROCUREMENT_SUPPLIER',
        context: CONTEXT,
      });
      expect(again.checkId).toBe(live.checkId);
    } finally {
      replay.child.kill('SIGTERM');
      await exited(replay.child);
    }
  });
});
