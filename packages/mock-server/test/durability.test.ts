import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Check, Feedback } from '@credit-check/sdk/contract';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBody, signed } from './helpers.ts';
import { exited, spawnMock } from './process.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

// `signed` only needs an origin.
const at = (origin: string) => ({ origin }) as Parameters<typeof signed>[0];

describe('--data-dir durability', () => {
  it('keeps every acknowledged check and feedback across kill -9 in the middle of a write stream', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cc-durable-'));
    dirs.push(dir);
    const first = await spawnMock(['--data-dir', dir, '--subjects', '50', '--quiet']);
    const server = at(first.origin);
    const acknowledged: { checkId: string; feedbackId?: string }[] = [];
    let stop = false;
    // Four writers stream checks + feedback until the process is killed under them.
    const writer = async () => {
      while (!stop) {
        try {
          const res = await signed(
            server,
            'POST',
            '/api/v1/checks',
            checkBody({ idType: 'uscc', id: '91320505MA1PC0Q10W' }, 'PROCUREMENT_SUPPLIER'),
          );
          if (res.status !== 201) continue;
          const check = Check.parse(await res.json());
          const entry: { checkId: string; feedbackId?: string } = { checkId: check.checkId };
          acknowledged.push(entry);
          const fb = await signed(server, 'POST', `/api/v1/checks/${check.checkId}/feedback`, {
            action: 'restricted',
            operator: 'window-01',
          });
          if (fb.status === 201) entry.feedbackId = Feedback.parse(await fb.json()).feedbackId;
        } catch {
          return; // the connection died with the process
        }
      }
    };
    const writers = Array.from({ length: 4 }, writer);
    while (acknowledged.length < 60) await new Promise((r) => setTimeout(r, 10));
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    await exited(first.child);

    const second = await spawnMock(['--data-dir', dir, '--subjects', '50', '--quiet']);
    try {
      const again = at(second.origin);
      for (const { checkId, feedbackId } of acknowledged) {
        const res = await signed(again, 'GET', `/api/v1/checks/${checkId}`);
        expect(res.status, checkId).toBe(200);
        const stored = Check.parse(await res.json());
        if (feedbackId) expect(stored.feedback?.feedbackId).toBe(feedbackId);
      }
      expect(acknowledged.length).toBeGreaterThanOrEqual(60);
      // Receipts issued before the crash still verify: the signing key survived too.
      const keys = (await (await fetch(`${second.origin}/api/v1/keys`)).json()) as { keys: { kid: string }[] };
      const first = Check.parse(await (await signed(again, 'GET', `/api/v1/checks/${acknowledged[0]?.checkId}`)).json());
      const header = JSON.parse(Buffer.from(first.receipt.split('.')[0] as string, 'base64url').toString()) as { kid: string };
      expect(keys.keys.map((k) => k.kid)).toContain(header.kid);
    } finally {
      second.child.kill('SIGTERM');
      await exited(second.child);
    }
  }, 60_000);
});
