import { describe, expect, it } from 'vitest';
import { commitment, entry, grade, matter } from '../../test/domain-fixtures.ts';
import { eligibility } from './eligibility.ts';

// 001 (一)2 / 004 1: 告知承诺 and 容缺受理 are for subjects in good standing only.
describe('eligibility for 告知承诺 and 容缺受理', () => {
  const food = matter('FOOD_BUSINESS_LICENCE'); // offers both

  it('is open to a subject in good standing', () => {
    const result = eligibility(food, [], [], grade('A', true));
    expect(result.informedCommitment).toEqual({ offered: true, eligible: true, reasons: [] });
    expect(result.toleranceAcceptance.eligible).toBe(true);
  });

  it('is closed by an effective black- or watchlist entry, with the reason', () => {
    for (const e of [
      entry({ listType: 'blacklist', listCode: 'SERIOUS_DISHONEST' }),
      entry({ listType: 'watchlist', listCode: 'KEY_ATTENTION' }),
    ]) {
      const result = eligibility(food, [e], [], grade('A', true));
      expect(result.informedCommitment.eligible).toBe(false);
      expect(result.toleranceAcceptance.eligible).toBe(false);
      expect(result.informedCommitment.reasons[0]?.code).toBe(e.listType === 'blacklist' ? 'BLACKLISTED' : 'WATCHLISTED');
    }
  });

  it('stays open when the entry is repaired or expired, and with a red-list entry', () => {
    const repaired = entry({ listType: 'blacklist', listCode: 'SERIOUS_DISHONEST', status: 'repaired', effective: false });
    const red = entry({ listType: 'redlist', listCode: 'TAX_A_GRADE' });
    expect(eligibility(food, [repaired, red], [], grade('A', true)).informedCommitment.eligible).toBe(true);
  });

  it('is closed by a violated commitment (违诺)', () => {
    const result = eligibility(food, [], [commitment({ status: 'violated' })], grade('A', true));
    expect(result.informedCommitment.reasons.map((r) => r.code)).toEqual(['VIOLATED_COMMITMENT']);
    expect(result.toleranceAcceptance.eligible).toBe(false);
  });

  it('needs a good-standing grade and no overdue promise for 容缺受理 only', () => {
    const poor = eligibility(food, [], [], grade('D', false));
    expect(poor.informedCommitment.eligible).toBe(true);
    expect(poor.toleranceAcceptance.reasons.map((r) => r.code)).toEqual(['GRADE']);
    const overdue = eligibility(food, [], [commitment({ type: 'tolerance', overdue: true })], grade('A', true));
    expect(overdue.toleranceAcceptance.reasons.map((r) => r.code)).toEqual(['OVERDUE_TOLERANCE']);
  });

  it('says when the matter does not offer the route at all', () => {
    const construction = eligibility(matter('CONSTRUCTION_PERMIT'), [], [], grade('A', true));
    expect(construction.informedCommitment).toMatchObject({ offered: false, eligible: false });
    expect(construction.informedCommitment.reasons[0]?.code).toBe('NOT_OFFERED');
  });
});
