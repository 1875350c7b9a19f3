import type { Endpoint } from '@credit-check/sdk/contract';
import type { MiddlewareHandler } from 'hono';
import { parseJson } from '../body.ts';
import { clientOf } from '../client.ts';
import type { PlatformEnv } from '../env.ts';
import { validate } from '../validate.ts';

/**
 * Body and query parsed with the endpoint's own contract schemas (a 400 naming every field in
 * Chinese and English otherwise): the handler gets typed input and nothing unvalidated.
 */
export const validated =
  (endpoint: Endpoint): MiddlewareHandler<PlatformEnv> =>
  async (c, next) => {
    c.set('input', {
      principal: c.get('principal') ?? null,
      body: endpoint.body ? validate(endpoint.body, parseJson(c.get('text') ?? '')) : undefined,
      query: endpoint.query ? validate(endpoint.query, c.req.query()) : undefined,
      params: c.req.param(),
      accept: c.req.header('accept') ?? '',
      origin: new URL(c.req.url).origin,
      // Who is asking, as the Node server resolved it (public endpoints budget lookups by it).
      client: clientOf(c.env),
    });
    await next();
  };
