import type { Store } from '../store/store.ts';

/** Where the platform's seeded world is written down (kept by a reset, as the keys and the sealing marker are). */
export const SEED_META = 'store:seed';

/** What decides a subject's record and a receipt's algorithm: instances over one database must agree on it. */
export interface SeedIdentity {
  seed: string;
  subjects: number;
  crypto: string;
}

/**
 * Instances over one PostgreSQL must generate the same subjects with the same suite, or one
 * subject gets two verdicts depending on which instance answers. The first instance writes down
 * its seed; the others compare and refuse to start on a difference (before seeding a million
 * subjects), unless told to replace it (`--reseed`, for a redeployment that changes it for all).
 */
export async function agreeOnSeed(store: Store, mine: SeedIdentity, reseed = false): Promise<void> {
  const wanted = JSON.stringify(mine);
  if (reseed) {
    await store.putMeta(SEED_META, wanted);
    return;
  }
  const kept = await store.claimMeta(SEED_META, wanted);
  if (kept === wanted) return;
  const theirs = JSON.parse(kept) as SeedIdentity;
  const describe = (s: SeedIdentity) => `--seed ${s.seed} --subjects ${s.subjects} --crypto ${s.crypto}`;
  throw new SeedMismatch(
    `本实例的主体数据与该数据库中的平台不一致：所有实例须以相同的 --seed、--subjects、--crypto 启动；如确要更换，请对所有实例加 --reseed ` +
      `(this instance: ${describe(mine)}; the platform in this database: ${describe(theirs)}. Start every instance with the same, or pass --reseed to change it for all)`,
  );
}

export class SeedMismatch extends Error {
  override name = 'SeedMismatch';
}
