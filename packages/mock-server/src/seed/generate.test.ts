import { validateIdNumber, validateUscc } from '@credit-check/sdk/identifiers';
import { describe, expect, it } from 'vitest';
import { LISTS } from './catalog.ts';
import { buildSubjects } from './generate.ts';
import { scenarios } from './scenarios.ts';

const TODAY = '2026-11-21';
const build = (seed: string, count = 20_000) => buildSubjects({ count, seed, today: TODAY });

describe('deterministic seed (--subjects N --seed S)', () => {
  const a = build('credit-check');

  it('gives the same subjects for the same seed and others for another seed', () => {
    const b = build('credit-check');
    const c = build('another-seed');
    expect(JSON.stringify([...b.subjects.values()])).toBe(JSON.stringify([...a.subjects.values()]));
    const generatedIds = (i: typeof a) => [...i.subjects.keys()].slice(-100).join();
    expect(generatedIds(c)).not.toBe(generatedIds(a));
  });

  it('holds the scenario subjects plus exactly N generated ones, all with valid identifiers', () => {
    const fixed = scenarios(TODAY).length + 2; // + the two supporting legal representatives
    expect(a.subjects.size).toBe(fixed + 20_000);
    for (const s of a.subjects.values()) {
      const valid = s.idType === 'uscc' ? validateUscc(s.id).valid : validateIdNumber(s.id, { now: new Date(TODAY) }).valid;
      if (!valid) throw new Error(`invalid generated identifier ${s.idType}:${s.id}`);
      expect(s.name.length).toBeGreaterThan(1);
    }
  });

  it('puts ~5 % of subjects on lists, across every list type, with commitments, grades and legal representatives', () => {
    const all = [...a.subjects.values()];
    const listed = all.filter((s) => s.entries?.length);
    expect(listed.length / all.length).toBeGreaterThan(0.04);
    expect(listed.length / all.length).toBeLessThan(0.06);
    const types = new Set(listed.flatMap((s) => s.entries ?? []).map((e) => LISTS.find((l) => l.code === e.listCode)?.listType));
    expect([...types].sort()).toEqual(['blacklist', 'redlist', 'watchlist']);
    const outcomes = new Set(all.flatMap((s) => s.commitments ?? []).map((c) => c.fulfilment?.outcome ?? 'in-force'));
    expect([...outcomes].sort()).toEqual(['fulfilled', 'in-force', 'partly', 'violated']);
    const orgs = all.filter((s) => s.idType === 'uscc');
    expect(orgs.filter((o) => o.grade).length / orgs.length).toBeGreaterThan(0.8);
    const withRep = orgs.filter((o) => o.legalRepresentative && a.subjects.has(`idcard:${o.legalRepresentative}`));
    expect(withRep.length / orgs.length).toBeGreaterThan(0.95);
    // The reverse link: the representative knows the organisation.
    const org = withRep[0];
    expect(a.subjects.get(`idcard:${org?.legalRepresentative}`)?.represents).toContain(org?.id);
  });

  it('indexes every entry to its subject (for objections)', () => {
    for (const [entryId, key] of a.entryOwners) {
      expect(a.subjects.get(key)?.entries?.some((e) => e.entryId === entryId)).toBe(true);
    }
  });
});
