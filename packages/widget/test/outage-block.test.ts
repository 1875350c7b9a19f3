import { CreditCheckError } from '@credit-check/sdk';
import { describe, expect, it } from 'vitest';
import { type DeferSituation, deferBlock } from '../src/credit-check/outage/block.ts';

// 先行受理 is offered only during an outage, with the scope and the matter's policy (fail closed).
const outage: DeferSituation = {
  outage: 'defer',
  state: 'error',
  error: new CreditCheckError('NETWORK', 'Could not reach the platform'),
  key: '{"subject":"…"}',
  deferScope: true,
  matter: 'FOOD_BUSINESS_LICENCE',
  policy: { FOOD_BUSINESS_LICENCE: 'allowed', MARKET_ENTRY: 'forbidden' },
};

describe('when 先行受理 may be offered', () => {
  it('is offered during an outage, with the scope, for a matter that allows it', () => {
    expect(deferBlock(outage)).toBeUndefined();
    expect(deferBlock({ ...outage, state: 'stale' })).toBeUndefined();
    expect(deferBlock({ ...outage, error: new CreditCheckError('UNAVAILABLE', 'down', { status: 503 }) })).toBeUndefined();
  });

  it('is never offered by a counter that holds', () => {
    expect(deferBlock({ ...outage, outage: 'hold' })).toBe('hold');
  });

  it('an answer is not an outage: a 4xx, an auth failure, a finished check', () => {
    expect(deferBlock({ ...outage, error: new CreditCheckError('API_ERROR', 'bad', { status: 422 }) })).toBe('not-outage');
    expect(deferBlock({ ...outage, error: new CreditCheckError('AUTH', 'refused', { status: 401 }) })).toBe('not-outage');
    expect(deferBlock({ ...outage, state: 'done', error: undefined })).toBe('not-outage');
  });

  it('needs something to check, the checks:defer scope, and a known policy that allows the matter', () => {
    expect(deferBlock({ ...outage, key: '' })).toBe('no-subject');
    expect(deferBlock({ ...outage, deferScope: false })).toBe('scope');
    expect(deferBlock({ ...outage, deferScope: undefined })).toBe('scope');
    expect(deferBlock({ ...outage, policy: undefined })).toBe('policy-unknown');
    expect(deferBlock({ ...outage, matter: 'UNLISTED' })).toBe('policy-unknown');
    expect(deferBlock({ ...outage, matter: 'MARKET_ENTRY' })).toBe('forbidden');
  });
});
