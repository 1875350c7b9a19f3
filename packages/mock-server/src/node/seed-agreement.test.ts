import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../store/memory.ts';
import { agreeOnSeed, SEED_META, SeedMismatch } from './seed-agreement.ts';

const province = { seed: 'province-2026', subjects: 1_000_000, crypto: 'standard' };

describe('agreeOnSeed', () => {
  it('writes down the first instance’s seed and lets instances with the same one start', async () => {
    const store = new MemoryStore();
    await agreeOnSeed(store, province);
    await expect(agreeOnSeed(store, { ...province })).resolves.toBeUndefined();
    expect(JSON.parse((await store.getMeta(SEED_META)) as string)).toEqual(province);
  });

  it('refuses an instance whose seed, subject count or suite differs, naming both in Chinese and English', async () => {
    const store = new MemoryStore();
    await agreeOnSeed(store, province);
    for (const other of [
      { ...province, seed: 'demo' },
      { ...province, subjects: 1000 },
      { ...province, crypto: 'gm' },
    ]) {
      const refused = agreeOnSeed(store, other);
      await expect(refused).rejects.toBeInstanceOf(SeedMismatch);
      await expect(refused).rejects.toThrow(
        /所有实例须以相同的 --seed、--subjects、--crypto 启动.*this instance: --seed .*the platform in this database: --seed province-2026 --subjects 1000000 --crypto standard/,
      );
    }
  });

  it('replaces the platform’s seed when told to (--reseed), after which the old one is refused', async () => {
    const store = new MemoryStore();
    await agreeOnSeed(store, province);
    await agreeOnSeed(store, { ...province, seed: 'province-2027' }, true);
    await expect(agreeOnSeed(store, { ...province, seed: 'province-2027' })).resolves.toBeUndefined();
    await expect(agreeOnSeed(store, province)).rejects.toBeInstanceOf(SeedMismatch);
  });

  it('is kept by a reset of the platform’s records (as the keys are)', async () => {
    const store = new MemoryStore();
    await agreeOnSeed(store, province);
    await store.clear();
    await expect(agreeOnSeed(store, { ...province, seed: 'demo' })).rejects.toBeInstanceOf(SeedMismatch);
  });
});
