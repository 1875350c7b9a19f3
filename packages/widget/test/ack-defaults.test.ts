import type { CreditEvent } from '@credit-check/sdk/contract';
import { describe, expect, it } from 'vitest';
import { ackDefault } from '../src/credit-alerts/defaults.ts';

const subject = { idType: 'uscc' as const, id: '91320100748204660Q', masked: false, name: '某公司', found: true };
const base = { eventId: 'evt_1', occurredAt: '2026-11-21T08:00:00.000Z', sequence: 1, subject, why: [] };
const grade = (level: string, zh: string, goodStanding: boolean) => ({
  scaleId: 'LOCAL-ABCD',
  level,
  label: { 'zh-CN': zh, en: level },
  goodStanding,
  evaluatedAt: '2026-11-20',
});
const entry = (listType: 'blacklist' | 'watchlist' | 'redlist') => ({
  entryId: 'ent_1',
  listCode: 'X',
  listName: '名单',
  listType,
  authority: '某局',
  basis: { kind: 'penalty' as const, document: '某〔2026〕1号', summary: '某' },
  severity: 'serious' as const,
  listedAt: '2026-11-01',
  publicationEndsAt: '2029-11-01',
  status: 'active' as const,
  effective: true,
  repair: null,
  objection: null,
});
const event = (e: Pick<CreditEvent, 'type' | 'data'>) => ({ ...base, ...e }) as CreditEvent;

describe('the response offered first for a pushed event (响应—反馈, 003 §七): it follows the event', () => {
  it('never offers 已惩戒 for a positive change: a grade from 差 to 优秀 that earns fewer inspections is 已激励', () => {
    const better = event({
      type: 'grade.changed',
      data: { grade: grade('A', '优秀', true), previous: grade('D', '差', false), tier: 'reduced', previousTier: 'increased' },
    });
    expect(ackDefault(better)).toBe('rewarded');
    // Better, but still the usual ratio (差 → 良好): nothing is offered; the staff choose.
    const fair = event({
      type: 'grade.changed',
      data: { grade: grade('B', '良好', true), previous: grade('D', '差', false), tier: 'normal', previousTier: 'increased' },
    });
    expect(ackDefault(fair)).toBeUndefined();
    // Worse: more inspections are not a punishment either.
    const worse = event({
      type: 'grade.changed',
      data: { grade: grade('D', '差', false), previous: grade('A', '优秀', true), tier: 'increased', previousTier: 'reduced' },
    });
    expect(ackDefault(worse)).toBeUndefined();
  });

  it('a black-list listing or a broken commitment → 已惩戒; a red list → 已激励; a watchlist → the staff choose', () => {
    expect(ackDefault(event({ type: 'entry.listed', data: { entry: entry('blacklist') } }))).toBe('punished');
    expect(ackDefault(event({ type: 'entry.listed', data: { entry: entry('redlist') } }))).toBe('rewarded');
    expect(ackDefault(event({ type: 'entry.listed', data: { entry: entry('watchlist') } }))).toBeUndefined();
  });

  it('an entry repaired, expired or revoked stops its measures (000 三(六)) → 不适用', () => {
    for (const type of ['entry.repaired', 'entry.expired', 'entry.revoked'] as const) {
      expect(ackDefault(event({ type, data: { entry: entry('blacklist') } }))).toBe('not-applicable');
    }
  });
});
