import * as z from 'zod/mini';
import { readJsonFile } from '../io/json-file.ts';
import type { App, CryptoSuite } from '../platform/options.ts';

/** One team's credentials in an `--apps` file. Secrets of 16+ characters: they sign every call. */
const AppsFile = z
  .array(
    z
      .strictObject({
        appId: z.string().check(z.regex(/^[A-Za-z0-9_.-]{1,64}$/, 'appId: 1–64 of A–Z a–z 0–9 _ . -')),
        appSecret: z.string().check(z.minLength(16, 'appSecret: at least 16 characters')),
        roles: z.optional(
          z.array(z.enum(['window', 'authority'], 'roles: "window" and/or "authority"')).check(z.minLength(1, 'roles: at least one')),
        ),
        authorities: z.optional(
          z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.minLength(1, 'authorities: at least one')),
        ),
      })
      .check(
        z.refine((app) => !app.roles?.includes('authority') || Boolean(app.authorities?.length), {
          message: 'an "authority" app needs "authorities": the 认定部门 it speaks for, or ["*"] for the credit office',
        }),
        z.refine((app) => !app.authorities || Boolean(app.roles?.includes('authority')), {
          message: '"authorities" is for apps with the "authority" role',
        }),
      ),
  )
  .check(z.minLength(1, 'at least one app'));

/**
 * The apps of a sandbox shared by several teams (`--apps FILE`: `[{ "appId", "appSecret", "roles",
 * "authorities" }, …]`): each signs its own calls, sees only its own checks and has its own
 * rate-limit bucket. `roles` defaults to `["window"]` (check, respond, file objections); an
 * `"authority"` app names the 认定部门 it speaks for (`["*"]`: the credit office) and decides their
 * objections and fulfilments. Under 国密 every app signs with CC-HMAC-SM3. Throws a message naming
 * the file and the first bad field.
 */
export function readApps(file: string, suite: CryptoSuite): App[] {
  const apps = readJsonFile('--apps', file, AppsFile, '[{ "appId": "…", "appSecret": "…", "roles": ["window"] }]');
  const ids = new Set<string>();
  for (const app of apps) {
    if (ids.has(app.appId)) throw new Error(`--apps ${file}: appId "${app.appId}" appears twice`);
    ids.add(app.appId);
  }
  return apps.map((app) => ({ ...app, roles: app.roles ?? ['window'], ...(suite === 'gm' ? { scheme: 'CC-HMAC-SM3' as const } : {}) }));
}
