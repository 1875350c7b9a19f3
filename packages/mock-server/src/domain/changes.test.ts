import { describe, expect, it } from 'vitest';
import { commitment, entry, grade } from '../../test/domain-fixtures.ts';
import { changesSince, type RecordState } from './changes.ts';

const state = (over: Partial<RecordState> = {}): RecordState => ({ entries: [], commitments: [], grade: grade('A', true), ...over });
const debtor = entry({ listType: 'blacklist', listCode: 'COURT_DISHONEST_DEBTOR', listName: '失信被执行人名单', authority: '人民法院' });

describe('what changed since 受理 (replay, issue 41)', () => {
  it('names an entry listed since, with its list, authority and date', () => {
    const [c] = changesSince(state(), state({ entries: [debtor] }));
    expect(c).toMatchObject({ kind: 'listed', ref: debtor.entryId });
    expect(c?.words['zh-CN']).toBe('受理后新列入失信被执行人名单（人民法院认定），认定日期 2026-06-01');
  });

  it('says an entry was repaired (信用修复 ends its effect at once) or its publication ended', () => {
    const repaired = {
      ...debtor,
      status: 'repaired' as const,
      effective: false,
      repair: { method: 'rectification' as const, repairedAt: '2026-12-01' },
    };
    expect(changesSince(state({ entries: [debtor] }), state({ entries: [repaired] })).map((c) => [c.kind, c.words['zh-CN']])).toEqual([
      ['repaired', '失信被执行人名单（人民法院认定）已于 2026-12-01 完成信用修复'],
    ]);
    const expired = { ...debtor, status: 'expired' as const, effective: false };
    expect(changesSince(state({ entries: [debtor] }), state({ entries: [expired] }))[0]?.kind).toBe('expired');
  });

  it('follows an objection from filed to upheld (the entry revoked) or rejected (it stands)', () => {
    const filed = {
      ...debtor,
      status: 'under-objection' as const,
      objection: { objectionId: 'obj_1', status: 'pending' as const, filedAt: '2026-12-01T00:00:00Z' },
    };
    expect(changesSince(state({ entries: [debtor] }), state({ entries: [filed] })).map((c) => c.kind)).toEqual(['objection-filed']);
    const upheld = { ...filed, status: 'revoked' as const, effective: false, objection: { ...filed.objection, status: 'upheld' as const } };
    // Upheld says it all: not a second "revoked" line.
    expect(changesSince(state({ entries: [filed] }), state({ entries: [upheld] })).map((c) => c.kind)).toEqual(['objection-upheld']);
    const rejected = { ...filed, status: 'active' as const, objection: { ...filed.objection, status: 'rejected' as const } };
    expect(changesSince(state({ entries: [filed] }), state({ entries: [rejected] })).map((c) => c.kind)).toEqual(['objection-rejected']);
  });

  it('notes a commitment fulfilled or broken and a new grade; nothing when nothing changed', () => {
    const kept = commitment();
    const broken = { ...kept, status: 'violated' as const };
    expect(changesSince(state({ commitments: [kept] }), state({ commitments: [broken] }))[0]?.words['zh-CN']).toBe(
      '信用承诺（食品经营许可）现为未履行（违诺）',
    );
    expect(changesSince(state(), state({ grade: grade('C', false) }))[0]?.kind).toBe('grade');
    expect(changesSince(state({ entries: [debtor], commitments: [kept] }), state({ entries: [debtor], commitments: [kept] }))).toEqual([]);
  });
});
