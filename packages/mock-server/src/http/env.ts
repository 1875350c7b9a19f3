import type { Context, Hono } from 'hono';

/** What middleware leaves on the context for the rest of the request. */
export interface PlatformEnv {
  Variables: {
    requestId: string;
    /** The caller's rate-limit budget, as IETF RateLimit headers for whatever the answer is. */
    rateLimit?: Record<string, string>;
  };
}

/** The platform app: a Hono fetch-API app (`app.fetch(request)`). */
export type PlatformApp = Hono<PlatformEnv>;
export type Ctx = Context<PlatformEnv>;
