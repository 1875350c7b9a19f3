import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { CreditCheckError } from '../src/index.ts';
import { createMockPlatform, type MockPlatform, sandboxContext } from './platform.ts';

export const BASE = 'https://credit.example.gov.cn/api/v1';
export const APP = { appId: 'sandbox-app', appSecret: 'sandbox-secret-change-me' };
export const CONTEXT = sandboxContext('SZ-2026-000777');
export const CLEAN = { idType: 'uscc' as const, id: '91320100748204660Q' };
export const FOOD_BAN = { idType: 'uscc' as const, id: '91330106MA2FD1G85L' };
export const PERSON = { idType: 'idcard' as const, id: '140105198509232176' };

export const checkInput = (subject: { idType: 'uscc' | 'idcard'; id: string } = CLEAN, matter = 'FOOD_BUSINESS_LICENCE') => ({
  subject,
  matter,
  context: CONTEXT,
});

/** The mock platform in-process (msw), reset between tests. */
export async function inProcessPlatform(): Promise<MockPlatform> {
  const mock = await createMockPlatform({ subjects: 0 });
  const server = setupServer(...mock.handlers);
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => {
    mock.platform.reset();
    mock.faults.clear();
  });
  afterAll(() => server.close());
  return mock;
}

/** A fetch that records every request (to count them and read their headers) and forwards it. */
export function recordingFetch() {
  const requests: Request[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetcher = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request.clone());
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      return await fetch(request);
    } finally {
      inFlight--;
    }
  };
  return { fetch: fetcher as typeof fetch, requests, maxInFlight: () => maxInFlight };
}

/** The error a call failed with (a CreditCheckError); fails the test when the call returned a result. */
export async function failure(promise: Promise<unknown>): Promise<CreditCheckError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CreditCheckError);
    return error as CreditCheckError;
  }
  throw new Error('expected the call to fail, it returned a result');
}
