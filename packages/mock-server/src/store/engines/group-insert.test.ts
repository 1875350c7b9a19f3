import { describe, expect, it } from 'vitest';
import { GroupInsert } from './group-insert.ts';

describe('GroupInsert', () => {
  it('writes the rows of one moment in one statement, and each caller waits for its own statement', async () => {
    const statements: number[][] = [];
    let release: () => void = () => {};
    const group = new GroupInsert<number>((rows) => {
      statements.push(rows);
      return new Promise<void>((r) => {
        release = r;
      });
    }, 1);
    const settled: number[] = [];
    const first = [1, 2, 3].map((n) => group.add(n).then(() => settled.push(n)));
    await new Promise((r) => setImmediate(r));
    expect(statements).toEqual([[1, 2, 3]]);
    // Rows arriving while the only statement runs wait for the next one, all together.
    const second = [4, 5].map((n) => group.add(n).then(() => settled.push(n)));
    await new Promise((r) => setImmediate(r));
    expect(statements).toEqual([[1, 2, 3]]);
    expect(settled).toEqual([]); // nothing acknowledged before its statement is done
    release();
    await Promise.all(first);
    await new Promise((r) => setImmediate(r));
    expect(statements).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    expect(settled).toEqual([1, 2, 3]);
    release();
    await Promise.all(second);
    expect(settled).toEqual([1, 2, 3, 4, 5]);
  });

  it('fails every caller of a failed statement with its error, and goes on with the next rows', async () => {
    let fail = true;
    const group = new GroupInsert<string>(async () => {
      if (fail) throw new Error('database down');
    });
    const failed = await Promise.allSettled([group.add('a'), group.add('b')]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((failed[0] as PromiseRejectedResult).reason.message).toBe('database down');
    fail = false;
    await expect(group.add('c')).resolves.toBeUndefined();
  });

  it('splits a moment larger than maxRows into statements of at most maxRows', async () => {
    const sizes: number[] = [];
    const group = new GroupInsert<number>(
      async (rows) => {
        sizes.push(rows.length);
      },
      2,
      3,
    );
    await Promise.all(Array.from({ length: 7 }, (_, i) => group.add(i)));
    expect(sizes).toEqual([3, 3, 1]);
  });
});
