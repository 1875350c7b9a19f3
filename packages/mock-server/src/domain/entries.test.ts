import { describe, expect, it } from 'vitest';
import { entryStatus, isEffective } from './entries.ts';
import type { EntryRecord, ObjectionRecord } from './records.ts';

const TODAY = '2026-11-21';
const base: EntryRecord = {
  entryId: 'ent_1',
  listCode: 'SERIOUS_DISHONEST',
  severity: 'serious',
  listedAt: '2026-01-01',
  publicationEndsAt: '2029-01-01',
  basis: { kind: 'penalty', document: 'x', summary: 'x' },
};
const objection = (status: ObjectionRecord['status']): ObjectionRecord => ({
  objectionId: 'obj_1',
  entryId: 'ent_1',
  subjectKey: 'uscc:x',
  status,
  reason: 'x',
  contact: null,
  filedAt: '2026-11-01T00:00:00.000Z',
  decidedAt: null,
  decisionNote: null,
});

describe('entry status', () => {
  it('is active within its publication period', () => {
    expect(entryStatus(base, TODAY)).toBe('active');
  });

  it('is repaired once credit repair is done (000 三(六): publication and measures stop)', () => {
    expect(entryStatus({ ...base, repair: { method: 'training', repairedAt: '2026-11-01' } }, TODAY)).toBe('repaired');
    // A repair dated in the future has not happened yet.
    expect(entryStatus({ ...base, repair: { method: 'training', repairedAt: '2026-12-01' } }, TODAY)).toBe('active');
  });

  it('has expired after its publication period', () => {
    expect(entryStatus({ ...base, publicationEndsAt: '2026-11-20' }, TODAY)).toBe('expired');
  });

  it('is under objection while an objection is pending (002 (十九)), revoked once upheld (001 (十六))', () => {
    expect(entryStatus(base, TODAY, [objection('pending')])).toBe('under-objection');
    expect(entryStatus(base, TODAY, [objection('upheld')])).toBe('revoked');
    expect(entryStatus(base, TODAY, [objection('rejected')])).toBe('active');
    // Another entry's objection does not touch this one.
    expect(entryStatus(base, TODAY, [{ ...objection('upheld'), entryId: 'ent_2' }])).toBe('active');
  });

  it('lets only active and under-objection entries trigger measures', () => {
    expect(isEffective('active')).toBe(true);
    expect(isEffective('under-objection')).toBe(true);
    for (const s of ['repaired', 'expired', 'revoked'] as const) expect(isEffective(s)).toBe(false);
  });
});
