import { Fault } from '@credit-check/sdk/contract';
import { Hono } from 'hono';
import type { Platform } from '../platform/platform.ts';
import { problem } from '../problems.ts';
import { isJson, parseJson, readBody } from './body.ts';
import type { PlatformEnv } from './env.ts';
import type { Faults } from './faults.ts';
import type { Idempotency } from './idempotency.ts';
import { validate } from './validate.ts';

/**
 * The mock's own controls (`/__mock/*`, mounted with `app.route`): the scenario table, faults for
 * the next requests, and a reset to the seed. Faults never apply here, so a fault can always be ended.
 */
export function mockControls(platform: Platform, faults: Faults, idempotency: Idempotency, bodyLimit: number) {
  const controls = new Hono<PlatformEnv>();
  controls.get('/scenarios', (c) => c.json(platform.scenarios()));
  controls.get('/scenario', (c) => c.json(faults.state()));
  controls.post('/scenario', async (c) => {
    if (!isJson(c.req.header('content-type'))) throw problem('UNSUPPORTED_MEDIA_TYPE');
    faults.set(validate(Fault, parseJson(await readBody(c.req.raw, bodyLimit))));
    return c.json(faults.state());
  });
  controls.delete('/scenario', (c) => {
    faults.clear();
    return c.json(faults.state());
  });
  controls.post('/reset', (c) => {
    faults.clear();
    platform.reset();
    idempotency.clear();
    return c.json({ reset: true });
  });
  return controls;
}
