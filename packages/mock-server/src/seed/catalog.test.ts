import { describe, expect, it } from 'vitest';
import { MATTERS, MEASURES } from './catalog.ts';

// 003 §六 / 002 (十一): a 市场和行业禁入 measure bars the subject from the activity itself — it must be
// applied before acceptance, so a matter it binds cannot be accepted first and checked afterwards.
describe('the sandbox catalogue’s 应急 policy', () => {
  it('forbids 先行受理 on every matter a market-ban measure binds, and allows it elsewhere', () => {
    const banned = new Set(MEASURES.filter((m) => m.category === 'ban').flatMap((m) => m.matters));
    expect(banned.size).toBeGreaterThan(0);
    for (const matter of MATTERS)
      expect([matter.code, matter.deferral]).toEqual([matter.code, banned.has(matter.code) ? 'forbidden' : 'allowed']);
    expect(MATTERS.some((m) => m.deferral === 'allowed')).toBe(true);
  });
});
