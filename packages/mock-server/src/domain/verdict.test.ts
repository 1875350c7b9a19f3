import { describe, expect, it } from 'vitest';
import { commitment, entry, grade, linked, matter } from '../../test/domain-fixtures.ts';
import { MEASURES } from '../seed/catalog.ts';
import { applicableMeasures } from './measures.ts';
import { type EvaluationInput, evaluate, strongest } from './verdict.ts';

const input = (over: Partial<EvaluationInput>): EvaluationInput => ({
  matter: matter('FOOD_BUSINESS_LICENCE'),
  measures: MEASURES,
  entries: [],
  commitments: [],
  grade: grade('A', true),
  linked: [],
  isPerson: false,
  found: true,
  ...over,
});

describe('measures bound to this matter (002 (十))', () => {
  const procurement = entry({ listType: 'blacklist', listCode: 'PROCUREMENT_SERIOUS' });

  it('applies a measure only to the matters it binds', () => {
    expect(applicableMeasures('PROCUREMENT_SUPPLIER', [procurement], MEASURES).map((m) => m.measureId)).toEqual(['M-PROC-BAN']);
    expect(applicableMeasures('FOOD_BUSINESS_LICENCE', [procurement], MEASURES)).toEqual([]);
  });

  it('narrows by list code: a food ban needs a food-and-drug entry', () => {
    const food = entry({ listType: 'blacklist', listCode: 'FOOD_DRUG_SERIOUS' });
    expect(applicableMeasures('FOOD_BUSINESS_LICENCE', [food], MEASURES).map((m) => m.measureId)).toEqual(['M-FOOD-DRUG-BAN']);
    expect(applicableMeasures('FOOD_BUSINESS_LICENCE', [procurement], MEASURES)).toEqual([]);
  });

  it('lets no repaired, expired or revoked entry trigger a measure (000 三(六))', () => {
    for (const status of ['repaired', 'expired', 'revoked'] as const) {
      expect(applicableMeasures('PROCUREMENT_SUPPLIER', [{ ...procurement, status, effective: false }], MEASURES)).toEqual([]);
    }
  });

  it('records which entries trigger each measure', () => {
    const court = entry({ listType: 'blacklist', listCode: 'COURT_DISHONEST_DEBTOR', entryId: 'ent_court' });
    const applied = applicableMeasures('PROCUREMENT_SUPPLIER', [procurement, court], MEASURES);
    expect(applied).toHaveLength(1);
    expect(applied[0]?.triggeredBy).toEqual(['ent_procurement_serious', 'ent_court']);
  });
});

describe('evaluate: the verdict', () => {
  it('is clear with a no-adverse-record reason for a clean subject, and says so when there is no file', () => {
    expect(evaluate(input({})).verdict).toBe('clear');
    expect(evaluate(input({})).reasons.map((r) => r.code)).toEqual(['NO_ADVERSE_RECORD']);
    expect(evaluate(input({ found: false })).reasons.map((r) => r.code)).toEqual(['NO_FILE']);
  });

  it('restricts when a restricting measure binds the matter', () => {
    const e = entry({ listType: 'blacklist', listCode: 'PROCUREMENT_SERIOUS' });
    const result = evaluate(input({ matter: matter('PROCUREMENT_SUPPLIER'), entries: [e] }));
    expect(result.verdict).toBe('restrict');
    expect(result.reasons[0]).toMatchObject({ code: 'MEASURE_RESTRICT', measureId: 'M-PROC-BAN', entryId: e.entryId });
  });

  it('gives caution for a strict-review measure', () => {
    const e = entry({ listType: 'blacklist', listCode: 'COURT_DISHONEST_DEBTOR' });
    expect(evaluate(input({ entries: [e] })).verdict).toBe('caution');
  });

  it('informs about a black- or watchlist entry no measure of this matter covers (notice, not clear)', () => {
    const e = entry({ listType: 'blacklist', listCode: 'PROCUREMENT_SERIOUS' });
    const result = evaluate(input({ entries: [e] }));
    expect(result.verdict).toBe('notice');
    expect(result.reasons.map((r) => r.code)).toEqual(['LISTED_NO_MEASURE']);
  });

  it('takes the strongest reason', () => {
    expect(strongest(['notice', 'restrict', 'caution'])).toBe('restrict');
    expect(strongest([])).toBe('clear');
  });

  it('keeps applying a measure while an objection is pending, and says so', () => {
    const e = entry({ listType: 'blacklist', listCode: 'CONSTRUCTION_SERIOUS', status: 'under-objection' });
    const result = evaluate(input({ matter: matter('CONSTRUCTION_PERMIT'), entries: [e] }));
    expect(result.verdict).toBe('restrict');
    expect(result.reasons[0]?.message['zh-CN']).toContain('异议处理中');
  });

  it('is clear for repaired and expired entries, which stay visible', () => {
    const repaired = entry({ listType: 'blacklist', listCode: 'SERIOUS_DISHONEST', status: 'repaired', effective: false });
    expect(evaluate(input({ entries: [repaired] })).verdict).toBe('clear');
  });

  it('gives caution for a violated commitment (002 (一): 违背信用承诺 → 重点监管)', () => {
    const result = evaluate(input({ commitments: [commitment({ status: 'violated' })] }));
    expect(result.verdict).toBe('caution');
    expect(result.reasons[0]).toMatchObject({ code: 'VIOLATED_COMMITMENT', commitmentId: 'cmt_1' });
  });

  it('informs about an overdue 容缺受理 promise', () => {
    const result = evaluate(input({ commitments: [commitment({ type: 'tolerance', overdue: true, deadline: '2026-10-01' })] }));
    expect(result.verdict).toBe('notice');
  });

  it('gives a person who represents a blacklisted organisation caution (000 三(四); 003 §八)', () => {
    const orgEntry = entry({ listType: 'blacklist', listCode: 'PROCUREMENT_SERIOUS' });
    const result = evaluate(input({ isPerson: true, grade: null, linked: [linked('represented-organisation', [orgEntry])] }));
    expect(result.verdict).toBe('caution');
    expect(result.reasons[0]?.code).toBe('LEGAL_REP_OF_BLACKLISTED');
    // A watch-listed organisation passes nothing on.
    const watch = entry({ listType: 'watchlist', listCode: 'ABNORMAL_OPERATION' });
    expect(evaluate(input({ isPerson: true, linked: [linked('represented-organisation', [watch])] })).verdict).toBe('clear');
  });

  it('informs when an organisation’s legal representative is blacklisted', () => {
    const personal = entry({ listType: 'blacklist', listCode: 'COURT_DISHONEST_DEBTOR' });
    const result = evaluate(input({ linked: [linked('legal-representative', [personal])] }));
    expect(result.verdict).toBe('notice');
    expect(result.reasons[0]?.code).toBe('LEGAL_REP_LISTED');
  });

  it('fast-tracks a red-list subject with nothing negative (003 §一), and not otherwise', () => {
    const red = entry({ listType: 'redlist', listCode: 'TAX_A_GRADE' });
    const ok = evaluate(input({ entries: [red] }));
    expect(ok).toMatchObject({ verdict: 'clear', fastTrack: true });
    expect(ok.reasons.map((r) => r.code)).toEqual(['REDLIST_FAST_TRACK']);
    const black = entry({ listType: 'blacklist', listCode: 'COURT_DISHONEST_DEBTOR' });
    expect(evaluate(input({ entries: [red, black] }))).toMatchObject({ verdict: 'caution', fastTrack: false });
  });
});
