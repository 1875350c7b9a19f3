import { describe, expect, it } from 'vitest';
import { GroupRead } from './group-read.ts';

type Row = { key: string; value: number };

describe('GroupRead', () => {
  it('answers the keys asked in one moment with one read, each caller its own key’s rows in order', async () => {
    const reads: string[][] = [];
    const table: Row[] = [
      { key: 'a', value: 1 },
      { key: 'b', value: 2 },
      { key: 'a', value: 3 },
    ];
    const group = new GroupRead<Row>(async (keys) => {
      reads.push(keys);
      return table.filter((r) => keys.includes(r.key));
    });
    const [a, b, none, a2] = await Promise.all([group.load('a'), group.load('b'), group.load('c'), group.load('a')]);
    expect(reads).toEqual([['a', 'b', 'c']]); // asked twice, read once
    expect(a.map((r) => r.value)).toEqual([1, 3]);
    expect(a2.map((r) => r.value)).toEqual([1, 3]);
    expect(b.map((r) => r.value)).toEqual([2]);
    expect(none).toEqual([]);
  });

  it('reads after it was asked: a row written before a later load is seen by it', async () => {
    const table: Row[] = [];
    const group = new GroupRead<Row>(async (keys) => table.filter((r) => keys.includes(r.key)));
    expect(await group.load('a')).toEqual([]);
    table.push({ key: 'a', value: 7 });
    expect(await group.load('a')).toEqual([{ key: 'a', value: 7 }]);
  });

  it('fails every caller of a failed read, and reads again for the next', async () => {
    let fail = true;
    const group = new GroupRead<Row>(async () => {
      if (fail) throw new Error('database down');
      return [];
    });
    const failed = await Promise.allSettled([group.load('a'), group.load('b')]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(group.load('a')).resolves.toEqual([]);
  });

  it('splits a moment of more than maxKeys keys into reads of at most maxKeys', async () => {
    const sizes: number[] = [];
    const group = new GroupRead<Row>(async (keys) => {
      sizes.push(keys.length);
      return keys.map((key) => ({ key, value: 0 }));
    }, 2);
    const rows = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((k) => group.load(k)));
    expect(sizes).toEqual([2, 2, 1]);
    expect(rows.map((r) => r[0]?.key)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
