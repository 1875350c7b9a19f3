import { describe, expect, it } from 'vitest';
import { runConformance } from '../src/conformance/run.ts';
import { DEFECTS, type Defect, startBroken } from './broken-platform.ts';
import { APP } from './helpers.ts';

describe('the conformance kit against a deliberately broken platform: one seeded defect per rule, each caught', () => {
  it.each(Object.keys(DEFECTS) as Defect[])('%s', async (defect) => {
    const { caughtBy, because } = DEFECTS[defect];
    const broken = await startBroken(defect);
    try {
      const report = await runConformance({
        baseUrl: broken.apiBase,
        appId: APP.appId,
        appSecret: APP.appSecret,
        burst: defect === 'no-retry-after' ? 40 : 0,
      });
      const result = report.results.find((r) => r.id === caughtBy);
      expect(result?.status, `${caughtBy}: ${JSON.stringify(result)}`).toBe('failed');
      expect(`${result?.rule} ${result?.reason}`).toMatch(because);
      // The failure shows what was sent and what came back — with no ID number or secret in it.
      expect(result?.sent).toBeTruthy();
      expect(result?.received).toBeTruthy();
      const shown = JSON.stringify(report);
      expect(shown).not.toContain(APP.appSecret);
      // A 身份证 shape: region, a birth date, sequence, check character.
      expect(shown).not.toMatch(/\d{6}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dX]/);
    } finally {
      await broken.close();
    }
  });
});
