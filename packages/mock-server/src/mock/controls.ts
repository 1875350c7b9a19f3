import type { z } from '@credit-check/sdk/contract';
import { Hono } from 'hono';
import { isJson, parseJson, readBody } from '../http/body.ts';
import type { Ctx, PlatformEnv } from '../http/env.ts';
import { adminKey } from '../http/middleware/admin-key.ts';
import { validate } from '../http/validate.ts';
import type { Platform } from '../platform/platform.ts';
import { problem } from '../problems.ts';
import { type ControlGuardOptions, controlGuard } from './control-guard.ts';
import type { Faults } from './faults.ts';
import { Fault, MockClockRequest, MockEntryRequest, MockGradeRequest, MockRepairRequest } from './schemas.ts';
import type { SharedChange } from './shared.ts';

/**
 * The mock's own controls (`/__mock/*`, mounted with `app.route`): the scenario table, faults for
 * the next requests, a reset to the seed, and the happenings of the supervision loop (list, repair,
 * revoke, violate or fulfil, a new grade, the clock). Faults never apply here, so a fault can always be ended.
 * What is held in memory rather than in the store (the fault, the clock offset) is announced through
 * `share`, for the other workers of `--workers`.
 */
export function mockControls(
  platform: Platform,
  faults: Faults,
  bodyLimit: number,
  key?: string,
  share: (change: SharedChange) => void = () => {},
  guard: ControlGuardOptions = {},
) {
  const controls = new Hono<PlatformEnv>();
  // Web pages first (no key makes a foreign page's request acceptable), then the admin key.
  controls.use('*', controlGuard(guard));
  controls.use('*', adminKey(key));
  /** A JSON body validated with `schema`; an empty body is `{}` (controls whose fields are all optional). */
  const body = async <S extends z.ZodMiniType>(c: Ctx, schema: S): Promise<z.infer<S>> => {
    const text = await readBody(c.req.raw, bodyLimit);
    if (text.trim() === '') return validate(schema, {});
    if (!isJson(c.req.header('content-type'))) throw problem('UNSUPPORTED_MEDIA_TYPE');
    return validate(schema, parseJson(text));
  };
  const MOCK = { kind: 'app', appId: 'credit-check-mock' } as const;

  controls.post('/entries', async (c) => c.json(await platform.controls.listEntry(await body(c, MockEntryRequest)), 201));
  controls.post('/entries/:entryId/repair', async (c) => {
    const { method } = await body(c, MockRepairRequest);
    return c.json(await platform.controls.repairEntry(c.req.param('entryId'), method));
  });
  controls.post('/entries/:entryId/revoke', async (c) => c.json(await platform.controls.revokeEntry(c.req.param('entryId'))));
  for (const [verb, outcome] of [
    ['violate', 'violated'],
    ['fulfil', 'fulfilled'],
  ] as const) {
    controls.post(`/commitments/:commitmentId/${verb}`, async (c) => {
      const commitment = await platform.commitments.recordFulfilment(MOCK, c.req.param('commitmentId'), {
        outcome,
        operator: 'credit-check-mock',
      });
      return c.json({ commitment });
    });
  }
  controls.post('/grades', async (c) => {
    const { subject, level, scaleId } = await body(c, MockGradeRequest);
    return c.json(await platform.controls.setGrade(subject, level, scaleId));
  });
  controls.post('/clock', async (c) => {
    const { days = 0, hours = 0 } = await body(c, MockClockRequest);
    const change = await platform.controls.advanceClock((days * 24 + hours) * 3_600_000);
    share({ kind: 'clock', offsetMs: platform.clockOffsetMs });
    return c.json(change);
  });
  controls.get('/scenarios', (c) => c.json(platform.scenarios()));
  controls.get('/scenario', (c) => c.json(faults.state()));
  controls.post('/scenario', async (c) => {
    if (!isJson(c.req.header('content-type'))) throw problem('UNSUPPORTED_MEDIA_TYPE');
    faults.set(validate(Fault, parseJson(await readBody(c.req.raw, bodyLimit))));
    share({ kind: 'scenario', ...faults.state() });
    return c.json(faults.state());
  });
  controls.delete('/scenario', (c) => {
    faults.clear();
    share({ kind: 'scenario', ...faults.state() });
    return c.json(faults.state());
  });
  controls.post('/reset', async (c) => {
    faults.clear();
    await platform.reset();
    share({ kind: 'reset' });
    return c.json({ reset: true });
  });
  return controls;
}
