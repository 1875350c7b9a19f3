import type { Context, Hono } from 'hono';
import type { Principal } from '../auth/principal.ts';

/** What middleware leaves on the context for the rest of the request, in the order it runs. */
export interface PlatformEnv {
  Variables: {
    requestId: string;
    /** The body as read (`jsonBody`): the signature, the idempotency hash and validation use it. */
    text?: string;
    /** Who calls (`authenticated`); null on public endpoints. */
    principal?: Principal | null;
    /** The handler's input, parsed with the endpoint's schemas (`validated`); typed by the handler. */
    input?: unknown;
  };
}

/** The platform app: a Hono fetch-API app (`app.fetch(request)`). */
export type PlatformApp = Hono<PlatformEnv>;
export type Ctx = Context<PlatformEnv>;
