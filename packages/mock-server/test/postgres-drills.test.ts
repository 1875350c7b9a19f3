import { spawnSync } from 'node:child_process';
import { Check, Problem } from '@credit-check/sdk/contract';
import { afterAll, describe, expect, it } from 'vitest';
import { startPostgres } from '../../../scripts/postgres.mjs';
import { DEFAULT_CONCURRENCY } from '../src/webhooks/deliverer.ts';
import { checkBody, scenarioSubjects, signed } from './helpers.ts';
import { freshDatabase } from './postgres.ts';
import { BIN, exited, type Spawned, spawnMock } from './process.ts';
import { firstDeliveries, receiver, sequencesBySubject } from './receiver.ts';

// Failure drills of the platform past one host (issue 28): real `credit-check-mock` processes, two
// instances over one PostgreSQL — as two hosts behind a load balancer would run them. Registered
// where the machine has PostgreSQL (vitest.config.ts leaves the file out otherwise; the runner says so).
const at = (origin: string) => ({ origin }) as Parameters<typeof signed>[0];
const running: Spawned[] = [];
afterAll(async () => {
  for (const s of running) {
    if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    await exited(s.child);
  }
});
async function instance(url: string, name: string, extra: string[] = []): Promise<Spawned> {
  const spawned = await spawnMock(['--store', url, '--instance', name, '--subjects', '50', '--quiet', ...extra]);
  running.push(spawned);
  return spawned;
}
const checkOf = (origin: string) =>
  signed(at(origin), 'POST', '/api/v1/checks', checkBody({ idType: 'uscc', id: '91320505MA1PC0Q10W' }, 'PROCUREMENT_SUPPLIER'));

describe('two instances over one PostgreSQL', () => {
  it('keeps every check acknowledged by either when one is killed mid-writes: the other reads them all', async () => {
    const url = await freshDatabase('drill');
    const [a, b] = await Promise.all([instance(url, 'a'), instance(url, 'b')]);
    const acknowledged: { checkId: string; via: string }[] = [];
    let stop = false;
    const writer = (origin: string) => async () => {
      while (!stop) {
        try {
          const res = await checkOf(origin);
          if (res.status === 201) acknowledged.push({ checkId: Check.parse(await res.json()).checkId, via: origin });
        } catch {
          return; // the connection died with the process
        }
      }
    };
    const writers = [a.origin, a.origin, b.origin, b.origin].map((o) => writer(o)());
    while (acknowledged.filter((x) => x.via === a.origin).length < 40) await new Promise((r) => setTimeout(r, 10));
    a.child.kill('SIGKILL');
    await exited(a.child);
    // B goes on taking writes while A is dead.
    const before = acknowledged.length;
    while (acknowledged.length < before + 20) await new Promise((r) => setTimeout(r, 10));
    stop = true;
    await Promise.all(writers);
    // Every acknowledged check — through the dead instance too — is readable through the other.
    for (const { checkId } of acknowledged)
      expect((await signed(at(b.origin), 'GET', `/api/v1/checks/${checkId}`)).status, checkId).toBe(200);
    // The receipt key is one for the platform: B verifies what A signed (same kid in its JWKS).
    const keys = (await (await fetch(`${b.origin}/api/v1/keys`)).json()) as { keys: { kid: string }[] };
    const fromA = acknowledged.find((x) => x.via === a.origin) as { checkId: string };
    const check = Check.parse(await (await signed(at(b.origin), 'GET', `/api/v1/checks/${fromA.checkId}`)).json());
    const header = JSON.parse(Buffer.from(check.receipt.split('.')[0] as string, 'base64url').toString()) as { kid: string };
    expect(keys.keys.map((k) => k.kid)).toContain(header.kid);
  }, 60_000);

  it('hears a control sent to either: a scenario set through one instance holds on the others (one started later too), and its end', async () => {
    const url = await freshDatabase('controls');
    const [a, b] = await Promise.all([instance(url, 'a'), instance(url, 'b')]);
    // An outage drops connections without an answer; each instance's /healthz names it.
    const health = async (origin: string) => ((await (await fetch(`${origin}/healthz`)).json()) as { status: string }).status;
    const until = async (origin: string, status: string) => {
      let last = '';
      for (let i = 0; i < 100 && last !== status; i++) {
        last = await health(origin);
        if (last !== status) await new Promise((r) => setTimeout(r, 50));
      }
      return last;
    };
    expect(await health(b.origin)).toBe('ok');
    const set = await fetch(`${a.origin}/__mock/scenario`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'outage' }),
    });
    expect(set.status).toBe(200);
    expect(await until(b.origin, 'outage')).toBe('outage');
    await expect(checkOf(b.origin)).rejects.toThrow(); // B drops the check too, as the staged outage says
    // An instance started after the outage was staged holds it too (it was not listening then).
    const c = await instance(url, 'c');
    expect(await health(c.origin)).toBe('outage');
    expect((await fetch(`${b.origin}/__mock/scenario`, { method: 'DELETE' })).status).toBe(200);
    expect(await until(a.origin, 'ok')).toBe('ok');
    expect(await until(c.origin, 'ok')).toBe('ok');
    expect((await checkOf(a.origin)).status).toBe(201);
    // Ended before it started, a fourth instance stages nothing.
    expect(await health((await instance(url, 'd')).origin)).toBe('ok');
  }, 60_000);

  it('files one objection of several sent at once through both: the others are refused as pending, also after a decision', async () => {
    const url = await freshDatabase('objections');
    const [a, b] = await Promise.all([instance(url, 'a'), instance(url, 'b')]);
    const subject = { idType: 'uscc', id: '91330106MA2FD1G85L' };
    const file = (origin: string, reason: string) =>
      signed(at(origin), 'POST', '/api/v1/objections', { entryId: 'ent_scn_food', subject, reason });
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all([
        file(a.origin, '处罚决定已被撤销'),
        file(b.origin, '处罚决定已依法撤销'),
        file(a.origin, '处罚已履行完毕'),
        file(b.origin, '已提交履行证明'),
      ]);
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses, `round ${round}`).toEqual([201, 409, 409, 409]);
      for (const r of answers.filter((x) => x.status === 409)) expect(Problem.parse(await r.json()).code).toBe('OBJECTION_PENDING');
      const filed = (await (answers.find((x) => x.status === 201) as Response).json()) as { objectionId: string };
      // Rejected: the entry stands and the subject may object again — once.
      const decided = await signed(at(b.origin), 'POST', `/api/v1/objections/${filed.objectionId}/decision`, {
        outcome: 'rejected',
        note: '经核实维持',
      });
      expect(decided.status).toBe(200);
    }
  }, 60_000);

  it('refuses to start an instance whose seed differs from the platform’s, unless told to reseed', async () => {
    const url = await freshDatabase('seed');
    await instance(url, 'a'); // --subjects 50, the default seed
    const other = spawnSync(process.execPath, [BIN, '--store', url, '--instance', 'b', '--subjects', '60', '--quiet', '--port', '0'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(other.status).toBe(1);
    expect(other.stderr).toContain('所有实例须以相同的 --seed、--subjects、--crypto 启动');
    expect(other.stderr).toContain('the platform in this database: --seed credit-check --subjects 50');
    // A redeployment that changes it for every instance says so; then the old seed is the one refused.
    const reseeded = await instance(url, 'c', ['--seed', 'province-2027', '--reseed']);
    expect((await fetch(`${reseeded.origin}/healthz`)).status).toBe(200);
    const old = spawnSync(process.execPath, [BIN, '--store', url, '--subjects', '50', '--quiet', '--port', '0'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(old.status).toBe(1);
  }, 60_000);

  it('delivers every event once while both deliver; killed mid-fan-out, the other delivers the rest, in order per subject', async () => {
    const url = await freshDatabase('fanout');
    const hooks = await receiver();
    const extra = ['--webhook-retry-ms', '40', '--allow-webhook-hosts', '127.0.0.1'];
    const [a, b] = await Promise.all([instance(url, 'a', extra), instance(url, 'b', extra)]);
    try {
      const res = await signed(at(a.origin), 'POST', '/api/v1/subscriptions', { department: '民政局', url: hooks.url });
      const { secret } = (await res.json()) as { secret: string };
      const subjects = await scenarioSubjects(a.origin, 6);
      const emitted: string[] = [];
      const list = async (origin: string, i: number) => {
        const subject = subjects[i % subjects.length];
        const r = await fetch(`${origin}/__mock/entries`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ subject: { idType: subject?.idType, id: subject?.id }, listCode: 'SERIOUS_DISHONEST' }),
        });
        expect(r.status).toBe(201);
        emitted.push(...((await r.json()) as { events: { eventId: string }[] }).events.map((e) => e.eventId));
      };
      const ids = () => hooks.accepted.map((r) => r.headers['webhook-id'] as string);
      // Phase 1, both alive, events appended through both: every event once — never by both instances.
      for (let i = 0; i < 60; i++) await list(i % 2 ? a.origin : b.origin, i);
      await hooks.until(() => new Set(ids()).size === emitted.length, 30_000);
      expect(ids()).toHaveLength(emitted.length);
      // Phase 2: a burst, and A killed while it delivers.
      const phase1 = hooks.accepted.length;
      for (let i = 60; i < 200; i++) await list(i % 2 ? a.origin : b.origin, i);
      await hooks.until(() => hooks.accepted.length >= phase1 + 20, 30_000);
      a.child.kill('SIGKILL');
      await exited(a.child);
      // B takes over what A held once A's leases run out.
      await hooks.until(() => new Set(ids()).size === emitted.length, 60_000);
      const firstSeen = firstDeliveries(hooks.accepted, secret);
      expect(new Set(firstSeen.keys())).toEqual(new Set(emitted));
      for (const sequences of sequencesBySubject(firstSeen.values())) expect(sequences).toEqual(sequences.map((_, i) => i + 1));
      // At least once across the kill: only an attempt A had in flight when it died may come again
      // (same webhook-id, which receivers deduplicate on) — at most A's concurrency.
      expect(hooks.accepted.length - emitted.length).toBeLessThanOrEqual(DEFAULT_CONCURRENCY);
    } finally {
      await hooks.close();
    }
  }, 120_000);

  it('answers 503 with Retry-After while the database restarts (never a 500 or a hang), and recovers by itself', async () => {
    // A cluster of this test's own: the run's shared one must stay up for the others.
    const cluster = await startPostgres();
    try {
      const a = await instance(await cluster.database('restart'), 'a');
      expect((await checkOf(a.origin)).status).toBe(201);
      await cluster.stop('immediate');
      const during: { status: number; ms: number; problem?: Problem; retryAfter: string | null }[] = [];
      for (let i = 0; i < 5; i++) {
        const started = Date.now();
        const res = await checkOf(a.origin);
        const body = await res.json();
        during.push({
          status: res.status,
          ms: Date.now() - started,
          retryAfter: res.headers.get('retry-after'),
          ...(res.status >= 400 ? { problem: Problem.parse(body) } : {}),
        });
      }
      for (const d of during) {
        expect(d.status).toBe(503);
        expect(d.problem?.code).toBe('UNAVAILABLE');
        expect(d.retryAfter).toBe('2');
        expect(d.ms).toBeLessThan(10_000);
      }
      // Plain words for whoever reads it, in both languages.
      expect(during[0]?.problem?.message['zh-CN']).toMatch(/数据存储暂时无法访问/);
      expect(during[0]?.problem?.message.en).toMatch(/data store/);
      const health = await fetch(`${a.origin}/healthz`);
      expect(health.status).toBe(503);
      expect(((await health.json()) as { store: { status: string } }).store.status).toBe('unavailable');
      await cluster.start();
      let status = 0;
      for (let i = 0; i < 50 && status !== 201; i++) {
        status = (await checkOf(a.origin)).status;
        if (status !== 201) await new Promise((r) => setTimeout(r, 200));
      }
      expect(status).toBe(201);
      expect((await fetch(`${a.origin}/healthz`)).status).toBe(200);
    } finally {
      await cluster.destroy();
    }
  }, 90_000);
});
