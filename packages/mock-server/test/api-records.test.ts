import { Check, Commitment, Objection } from '@credit-check/sdk/contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunningServer } from '../src/node/server.ts';
import { StoreUnavailable } from '../src/store/unavailable.ts';
import { CLEAN, checkBody, problem, signed, start } from './helpers.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await start();
});
afterAll(() => server.close());
beforeEach(async () => {
  await fetch(`${server.origin}/__mock/reset`, { method: 'POST' });
});

// The subject's records a counter adds to over HTTP: commitments (信用承诺) and objections (异议).

describe('commitments', () => {
  const sign = (body: object) => signed(server, 'POST', '/api/v1/commitments', body);
  const base = { subject: CLEAN, type: 'informed', matter: 'FOOD_BUSINESS_LICENCE', textVersion: 'v2026.1' };

  it('signs, searches and records fulfilment; a second fulfilment → 409', async () => {
    const res = await sign(base);
    expect(res.status).toBe(201);
    const c = Commitment.parse(await res.json());
    expect(c).toMatchObject({ type: 'informed', status: 'in-force', matterCode: 'FOOD_BUSINESS_LICENCE' });
    const found = (await (await signed(server, 'POST', '/api/v1/commitments/search', { subject: CLEAN, status: 'in-force' })).json()) as {
      commitments: { commitmentId: string }[];
    };
    expect(found.commitments.map((x) => x.commitmentId)).toContain(c.commitmentId);
    const done = Commitment.parse(
      await (
        await signed(server, 'POST', `/api/v1/commitments/${c.commitmentId}/fulfilment`, { outcome: 'violated', operator: '核查员' })
      ).json(),
    );
    expect(done.status).toBe('violated');
    await problem(
      await signed(server, 'POST', `/api/v1/commitments/${c.commitmentId}/fulfilment`, { outcome: 'fulfilled', operator: 'x' }),
      409,
      'FULFILMENT_EXISTS',
    );
    // The violated commitment now bites on the next check (002 (一)).
    const check = Check.parse(await (await signed(server, 'POST', '/api/v1/checks', checkBody())).json());
    expect(check.verdict).toBe('caution');
    expect(check.eligibility.informedCommitment.eligible).toBe(false);
  });

  it('refuses a route the matter does not offer, an old text version, and an ineligible subject (with reasons)', async () => {
    await problem(await sign({ ...base, matter: 'CONSTRUCTION_PERMIT' }), 422, 'NOT_OFFERED');
    await problem(await sign({ ...base, textVersion: 'v2019' }), 422, 'TEXT_VERSION');
    const body = await problem(await sign({ ...base, subject: { idType: 'uscc', id: '91330106MA2FD1G85L' } }), 422, 'NOT_ELIGIBLE');
    expect(body.errors?.[0]?.code).toBe('BLACKLISTED');
  });

  it('a 容缺受理 commitment needs a future deadline', async () => {
    const tolerance = { ...base, type: 'tolerance', missingMaterials: ['健康证明'] };
    await problem(await sign(tolerance), 400, 'VALIDATION_FAILED');
    await problem(await sign({ ...tolerance, deadline: '2020-01-01' }), 422, 'DEADLINE_INVALID');
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    expect((await sign({ ...tolerance, deadline: soon })).status).toBe(201);
  });
});

describe('objections (异议)', () => {
  it('marks the entry under objection; an upheld decision revokes it and the measure stops', async () => {
    const subject = { idType: 'uscc', id: '91330106MA2FD1G85L' };
    const res = await signed(server, 'POST', '/api/v1/objections', {
      entryId: 'ent_scn_food',
      subject,
      reason: '处罚决定已被行政复议撤销',
    });
    expect(res.status).toBe(201);
    const objection = Objection.parse(await res.json());
    let check = Check.parse(await (await signed(server, 'POST', '/api/v1/checks', checkBody(subject))).json());
    expect(check.entries[0]).toMatchObject({ status: 'under-objection', effective: true });
    expect(check.verdict).toBe('restrict');
    await problem(
      await signed(server, 'POST', '/api/v1/objections', { entryId: 'ent_scn_food', subject, reason: '再次提出异议申请' }),
      409,
      'OBJECTION_PENDING',
    );
    const decided = Objection.parse(
      await (
        await signed(server, 'POST', `/api/v1/objections/${objection.objectionId}/decision`, { outcome: 'upheld', note: '经核实予以撤销' })
      ).json(),
    );
    expect(decided.status).toBe('upheld');
    check = Check.parse(await (await signed(server, 'POST', '/api/v1/checks', checkBody(subject))).json());
    expect(check.entries[0]).toMatchObject({ status: 'revoked', effective: false });
    expect(check.verdict).toBe('clear');
    expect(Objection.parse(await (await signed(server, 'GET', `/api/v1/objections/${objection.objectionId}`)).json()).status).toBe(
      'upheld',
    );
  });

  it('refuses an entry that is not the subject’s', async () => {
    await problem(
      await signed(server, 'POST', '/api/v1/objections', { entryId: 'ent_scn_food', subject: CLEAN, reason: '不是本企业的记录' }),
      422,
      'UNKNOWN_ENTRY',
    );
  });
});

describe('a record whose write failed can be written again', () => {
  // Each of these is recorded once (a claim in the store decides between two instances); a write
  // that fails after the claim must give it back, or the record could never be made.
  const outage = () => new StoreUnavailable('PostgreSQL: connection lost');

  it('an objection decision', async () => {
    const subject = { idType: 'uscc', id: '91330106MA2FD1G85L' };
    const objection = Objection.parse(
      await (await signed(server, 'POST', '/api/v1/objections', { entryId: 'ent_scn_food', subject, reason: '处罚决定已被撤销' })).json(),
    );
    const decide = () =>
      signed(server, 'POST', `/api/v1/objections/${objection.objectionId}/decision`, { outcome: 'upheld', note: '经核实予以撤销' });
    const write = vi.spyOn(server.platform.store, 'putObjection').mockRejectedValueOnce(outage());
    try {
      await problem(await decide(), 503, 'UNAVAILABLE');
      const again = await decide();
      expect(again.status, await again.clone().text()).toBe(200);
      expect(Objection.parse(await again.json()).status).toBe('upheld');
    } finally {
      write.mockRestore();
    }
  });

  it('a commitment’s fulfilment', async () => {
    const write = vi.spyOn(server.platform.store, 'putFulfilment').mockRejectedValueOnce(outage());
    const record = () =>
      signed(server, 'POST', '/api/v1/commitments/cmt_scn_red_1/fulfilment', { outcome: 'fulfilled', operator: '核查员' });
    try {
      await problem(await record(), 503, 'UNAVAILABLE');
      const again = await record();
      expect(again.status, await again.clone().text()).toBe(200);
      expect(Commitment.parse(await again.json()).status).toBe('fulfilled');
    } finally {
      write.mockRestore();
    }
  });
});
