import { describe, expect, it } from 'vitest';
import { Serials } from './serials.ts';

/** A store's counter, counting its reservations. */
function counter() {
  const last = new Map<string, number>();
  const calls: string[] = [];
  return {
    calls,
    async reserveSerials(scope: string, count: number) {
      calls.push(scope);
      await new Promise((resolve) => setTimeout(resolve, 1));
      const next = (last.get(scope) ?? 0) + count;
      last.set(scope, next);
      return next;
    },
  };
}

const AT = Date.parse('2026-12-07T03:00:00Z');

describe('核查编号 (issue 41)', () => {
  it('reads PREFIX-YYYYMMDD-NNNNNN, numbered from 1 each day', async () => {
    const serials = new Serials(counter(), 'HC', 1);
    expect(await serials.next(AT)).toBe('HC-20261207-000001');
    expect(await serials.next(AT)).toBe('HC-20261207-000002');
    expect(await serials.next(AT + 86_400_000)).toBe('HC-20261208-000001');
  });

  it('takes the day in China Standard Time: 23:30 UTC is the next morning in the hall', async () => {
    const serials = new Serials(counter(), 'SZ', 1);
    expect(await serials.next(Date.parse('2026-12-07T23:30:00Z'))).toBe('SZ-20261208-000001');
    expect(await serials.next(Date.parse('2026-12-07T15:59:59Z'))).toBe('SZ-20261207-000001');
  });

  it('hands out distinct numbers to checks of one moment, with one reservation per block', async () => {
    const store = counter();
    const serials = new Serials(store, 'HC', 5);
    const numbers = await Promise.all(Array.from({ length: 12 }, () => serials.next(AT)));
    expect(new Set(numbers).size).toBe(12);
    expect(numbers.map((n) => Number(n.slice(-6))).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(store.calls).toHaveLength(3);
  });

  it('never repeats a number across instances sharing the store (blocks may leave gaps)', async () => {
    const store = counter();
    const a = new Serials(store, 'HC', 3);
    const b = new Serials(store, 'HC', 3);
    const numbers = [await a.next(AT), await b.next(AT), await a.next(AT), await b.next(AT)];
    expect(numbers).toEqual(['HC-20261207-000001', 'HC-20261207-000004', 'HC-20261207-000002', 'HC-20261207-000005']);
  });
});
