import { describe, expect, it } from 'vitest';
import { costsFrom, databaseBindsAt, project, projectHere } from './capacity.mjs';

// The arithmetic the bench's capacity table rests on; the bench checks its projection for the
// machine it runs on against what it measured there.
describe('capacity on paper', () => {
  // 2 000 checks/s kept 1.6 instance cores and 0.4 database cores busy: 800 and 200 µs per check.
  const costs = costsFrom({ rps: 2000, instanceCores: 1.6, databaseCores: 0.4, loadGeneratorCores: 0.5 });

  it('turns cores busy into CPU seconds per check', () => {
    expect(costs.instance).toBeCloseTo(0.0008, 9);
    expect(costs.database).toBeCloseTo(0.0002, 9);
    expect(costs.loadGenerator).toBeCloseTo(0.00025, 9);
  });

  it('on one shared machine, the first limit binds: an instance is one thread, the cores are shared', () => {
    // One instance: at most one core of instance work — 1 / 800 µs.
    expect(projectHere(costs, { cores: 8, instances: 1 })).toEqual({ rps: 1250, limit: 'instances' });
    // Four instances on 2 cores: the shared cores (2 / 1 250 µs).
    expect(projectHere(costs, { cores: 2, instances: 4 }).limit).toBe('cores');
    expect(projectHere(costs, { cores: 2, instances: 4 }).rps).toBeCloseTo(1600, 6);
  });

  it('grows with instance cores until one PostgreSQL binds, and says where', () => {
    const small = project(costs, { hosts: 2, coresPerHost: 4, databaseCores: 8 });
    expect(small).toMatchObject({ limit: 'instances' });
    expect(small.rps).toBeCloseTo(10_000, 6);
    const large = project(costs, { hosts: 16, coresPerHost: 8, databaseCores: 8 });
    expect(large.limit).toBe('database');
    expect(large.rps).toBeCloseTo(40_000, 6);
    // 8 database cores carry 32 instance cores' worth of checks (800 / 200 µs × 8).
    expect(databaseBindsAt(costs, 8)).toBeCloseTo(32, 6);
    expect(project(costs, { hosts: 1, coresPerHost: 4, databaseCores: 8, utilisation: 0.6 }).rps).toBeCloseTo(3000, 6);
  });
});
