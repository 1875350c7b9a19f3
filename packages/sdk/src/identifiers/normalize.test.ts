import { describe, expect, it } from 'vitest';
import { normalizeIdentifier } from './normalize.ts';
import { detectIdType } from './subject.ts';

describe('normalizeIdentifier', () => {
  it('maps full-width ASCII, drops every kind of space and dash, upper-cases', () => {
    expect(normalizeIdentifier('ａｂ１２')).toBe('AB12');
    expect(normalizeIdentifier('a\u3000b\u00a0c\td')).toBe('ABCD');
    expect(normalizeIdentifier('1-2‐3–4—5－6﹣7−8')).toBe('12345678');
    expect(normalizeIdentifier('\ufeff9\u200b1\u200d')).toBe('91');
  });

  it('keeps other characters so that the validator can name them', () => {
    expect(normalizeIdentifier('91#中')).toBe('91#中');
  });
});

describe('detectIdType', () => {
  it('tells a USCC from an ID number by which check passes', () => {
    expect(detectIdType('91320100748204660Q')).toBe('uscc');
    expect(detectIdType('11010519491231002X')).toBe('idcard');
    expect(detectIdType('123')).toBeUndefined();
  });
});
