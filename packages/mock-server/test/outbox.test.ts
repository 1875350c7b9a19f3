import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scenarioSubjects, signed } from './helpers.ts';
import { exited, spawnMock } from './process.ts';
import { firstDeliveries, receiver, sequencesBySubject } from './receiver.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
const at = (origin: string) => ({ origin }) as Parameters<typeof signed>[0];

describe('the webhook outbox across kill -9', () => {
  it('delivers every event after the platform is killed during fan-out, in order per subject', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cc-outbox-'));
    dirs.push(dir);
    let open = false;
    const hooks = await receiver(() => (open ? 204 : 503));
    const args = ['--data-dir', dir, '--subjects', '20', '--quiet', '--webhook-retry-ms', '40', '--allow-webhook-hosts', '127.0.0.1'];
    const first = await spawnMock(args);
    try {
      const res = await signed(at(first.origin), 'POST', '/api/v1/subscriptions', { department: '民政局', url: hooks.url });
      const { secret } = (await res.json()) as { secret: string };
      const subjects = await scenarioSubjects(first.origin, 6);
      const emitted: string[] = [];
      for (let i = 0; i < 150; i++) {
        const subject = subjects[i % subjects.length];
        const r = await fetch(`${first.origin}/__mock/entries`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ subject: { idType: subject?.idType, id: subject?.id }, listCode: 'SERIOUS_DISHONEST' }),
        });
        expect(r.status).toBe(201);
        emitted.push(...((await r.json()) as { events: { eventId: string }[] }).events.map((e) => e.eventId));
      }
      open = true;
      await hooks.until(() => hooks.accepted.length >= 40);
      first.child.kill('SIGKILL');
      await exited(first.child);
      const before = new Set(hooks.accepted.map((r) => r.headers['webhook-id']));
      expect(before.size).toBeLessThan(emitted.length);

      const second = await spawnMock(args);
      try {
        await hooks.until(() => new Set(hooks.accepted.map((r) => r.headers['webhook-id'])).size === emitted.length, 30_000);
        const firstSeen = firstDeliveries(hooks.accepted, secret);
        expect(new Set(firstSeen.keys())).toEqual(new Set(emitted));
        // In order per subject: each subject's sequence numbers arrive ascending, none missing.
        for (const sequences of sequencesBySubject(firstSeen.values())) expect(sequences).toEqual(sequences.map((_, i) => i + 1));
        // At least once: only what was in flight at the kill may come twice.
        expect(hooks.accepted.length - emitted.length).toBeLessThanOrEqual(32);
      } finally {
        second.child.kill('SIGTERM');
        await exited(second.child);
      }
    } finally {
      if (first.child.exitCode === null && first.child.signalCode === null) first.child.kill('SIGKILL');
      await hooks.close();
    }
  }, 60_000);
});
