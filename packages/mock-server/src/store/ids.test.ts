import { describe, expect, it } from 'vitest';
import { sortableId } from './ids.ts';

describe('sortableId', () => {
  it('sorts by creation time, keeps its prefix and stays a ResourceId', () => {
    const times = [0, 1, 63, 64, 1_700_000_000_000, 1_800_000_000_000, 281_474_976_710_655];
    const ids = times.map((t) => sortableId('dlv_', t));
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(/^dlv_[A-Za-z0-9_-]{24}$/);
    // Within one millisecond the random part keeps them apart.
    expect(new Set(Array.from({ length: 1000 }, () => sortableId('evt_', 5))).size).toBe(1000);
  });
});
