import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';

/** The run's PostgreSQL cluster (test/global-setup.ts), or undefined when the machine has none. */
export const POSTGRES: string | undefined = inject('postgres') || undefined;

/** A fresh database in the run's cluster, for one test (its URL). */
export async function freshDatabase(prefix = 't'): Promise<string> {
  if (!POSTGRES) throw new Error('no PostgreSQL for this run');
  const postgres = (await import('postgres')).default;
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = postgres(POSTGRES, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return POSTGRES.replace(/\/[^/]*$/, `/${name}`);
}
