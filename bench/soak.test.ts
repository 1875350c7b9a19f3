import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { child, load } from './lib.mjs';

// `pnpm test:soak`: the mock platform under 60 s of steady load with --data-dir: no error, and its
// memory flat (checks go to SQLite; the subject index is built once).
const CONNECTIONS = 16;
const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
/** The stated bound: RSS may grow by at most this much after the warm-up. */
const RSS_BOUND_MB = 96;

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('soak', () => {
  it(
    `${SECONDS} s at ${CONNECTIONS} connections: zero errors, RSS growth ≤ ${RSS_BOUND_MB} MB`,
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'cc-soak-'));
      dirs.push(dir);
      const mock = await child('./children/mock.mjs', ['100000', dir]);
      try {
        const { apiBase, token, sample } = mock.first as { apiBase: string; token: string; sample: { idType: string; id: string }[] };
        const matters = ['FOOD_BUSINESS_LICENCE', 'CONSTRUCTION_PERMIT', 'PROCUREMENT_SUPPLIER'];
        const bodies = sample.slice(0, 3000).map((subject, i) =>
          JSON.stringify({
            subject,
            matter: matters[i % 3],
            context: { applicationId: `SOAK-${i}`, department: '苏州市政务服务中心', operator: 'window-01', channel: 'window' },
          }),
        );
        const headers = { authorization: `Bearer ${token}` };
        await load({ url: `${apiBase}/checks`, connections: CONNECTIONS, duration: 10, headers, bodies }); // warm-up
        const rss = async () => ((await mock.ask('rss')) as { rss: number }).rss / 1e6;
        const baseline = await rss();
        const samples: number[] = [];
        let errors = 0;
        let total = 0;
        const slices = Math.max(1, Math.round(SECONDS / 10));
        for (let i = 0; i < slices; i++) {
          const r = await load({ url: `${apiBase}/checks`, connections: CONNECTIONS, duration: SECONDS / slices, headers, bodies });
          errors += r.errors + r.non2xx;
          total += r.total;
          samples.push(await rss());
        }
        const growth = Math.max(...samples) - baseline;
        writeFileSync(
          new URL('./results/soak.json', import.meta.url),
          `${JSON.stringify({ date: new Date().toISOString(), seconds: SECONDS, connections: CONNECTIONS, checks: total, perSecond: Math.round(total / SECONDS), errors, rssBaselineMB: Math.round(baseline), rssSamplesMB: samples.map(Math.round), rssGrowthMB: Math.round(growth), boundMB: RSS_BOUND_MB }, null, 2)}\n`,
        );
        console.log(
          `soak: ${total} checks in ${SECONDS} s (${Math.round(total / SECONDS)}/s), ${errors} errors; RSS ${baseline.toFixed(0)} MB → ${samples.map((s) => s.toFixed(0)).join(', ')} MB (growth ${growth.toFixed(0)} MB, bound ${RSS_BOUND_MB} MB)`,
        );
        expect(errors).toBe(0);
        expect(total).toBeGreaterThan(SECONDS * 100);
        expect(growth).toBeLessThanOrEqual(RSS_BOUND_MB);
      } finally {
        await mock.stop();
      }
    },
    (SECONDS + 60) * 1000,
  );
});
