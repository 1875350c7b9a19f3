import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, backoff, deferralId, identityOf } from '../src/credit-check/outage/records.ts';

describe('补查 retries back off with jitter', () => {
  it('doubles from 2 s, caps at 5 minutes, and spreads between half and all of the step', () => {
    expect(backoff(1, () => 1)).toBe(BACKOFF_BASE_MS);
    expect(backoff(1, () => 0)).toBe(BACKOFF_BASE_MS / 2);
    expect(backoff(3, () => 1)).toBe(BACKOFF_BASE_MS * 4);
    expect(backoff(30, () => 1)).toBe(BACKOFF_MAX_MS);
    expect(backoff(30, () => 0)).toBe(BACKOFF_MAX_MS / 2);
    const spread = new Set(Array.from({ length: 50 }, () => backoff(4)));
    expect(spread.size).toBeGreaterThan(10);
  });

  it('names deferrals and sender identities predictably', () => {
    expect(deferralId()).toMatch(/^dfr_[a-z0-9]{16}$/);
    expect(deferralId()).not.toBe(deferralId());
    expect(identityOf('/api/v1', '某局', 'w-1')).toBe('/api/v1|某局|w-1');
  });
});
