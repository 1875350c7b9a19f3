import { endpoints } from '@credit-check/sdk/contract';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { createMockPlatform } from '../src/index.ts';

describe('GET /api/v1/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document covering every endpoint of the contract', async () => {
    const { app } = await createMockPlatform({ subjects: 0 });
    const res = await app.fetch(new Request('http://x/api/v1/openapi.json'));
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { operationId: string }>> };
    expect(doc.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(doc as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const operations = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(operations.sort()).toEqual(Object.keys(endpoints).sort());
  });
});
