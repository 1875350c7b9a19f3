import { describe, expect, it } from 'vitest';
import { decideObjection, objectionRefusal } from './objections.ts';
import type { ObjectionRecord } from './records.ts';

const objection = (status: ObjectionRecord['status']): ObjectionRecord => ({
  objectionId: `obj_${status}`,
  entryId: 'ent_1',
  subjectKey: 'uscc:91320100748204660Q',
  status,
  reason: '已履行判决',
  contact: null,
  filedAt: '2026-11-01T00:00:00.000Z',
  decidedAt: status === 'pending' ? null : '2026-11-02T00:00:00.000Z',
  decisionNote: status === 'pending' ? null : '核实',
});

// 001 (十六); 002 (十九); 004 32: objections are verified; wrongly listed subjects are restored.
describe('objection transitions', () => {
  it('allows an objection to an entry with none pending, also after a rejected one', () => {
    expect(objectionRefusal([])).toBeUndefined();
    expect(objectionRefusal([objection('rejected')])).toBeUndefined();
  });

  it('refuses a second objection while one is pending, and any once the entry was revoked', () => {
    expect(objectionRefusal([objection('pending')])).toBe('OBJECTION_PENDING');
    expect(objectionRefusal([objection('rejected'), objection('upheld')])).toBe('ENTRY_REVOKED');
  });

  it('decides a pending objection once, with the time and note', () => {
    const decided = decideObjection(objection('pending'), 'upheld', '认定有误，撤销', '2026-11-21T08:00:00.000Z');
    expect(decided).toMatchObject({ status: 'upheld', decidedAt: '2026-11-21T08:00:00.000Z', decisionNote: '认定有误，撤销' });
    expect(decideObjection(decided as ObjectionRecord, 'rejected', '再议', '2026-11-22T00:00:00.000Z')).toBeUndefined();
    expect(decideObjection(objection('rejected'), 'upheld', 'x', '2026-11-22T00:00:00.000Z')).toBeUndefined();
  });
});
