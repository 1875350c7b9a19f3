import * as z from 'zod/mini';
import type { App, CryptoSuite } from '../platform/options.ts';
import { readJsonFile } from './json-file.ts';

/** One team's credentials in an `--apps` file. Secrets of 16+ characters: they sign every call. */
const AppsFile = z
  .array(
    z.strictObject({
      appId: z.string().check(z.regex(/^[A-Za-z0-9_.-]{1,64}$/, 'appId: 1–64 of A–Z a–z 0–9 _ . -')),
      appSecret: z.string().check(z.minLength(16, 'appSecret: at least 16 characters')),
    }),
  )
  .check(z.minLength(1, 'at least one app'));

/**
 * The apps of a sandbox shared by several teams (`--apps FILE`: `[{ "appId", "appSecret" }, …]`):
 * each signs its own calls, sees only its own checks and has its own rate-limit bucket. Under 国密
 * every app signs with CC-HMAC-SM3. Throws a message naming the file and the first bad field.
 */
export function readApps(file: string, suite: CryptoSuite): App[] {
  const apps = readJsonFile('--apps', file, AppsFile, '[{ "appId": "…", "appSecret": "…" }]');
  const ids = new Set<string>();
  for (const app of apps) {
    if (ids.has(app.appId)) throw new Error(`--apps ${file}: appId "${app.appId}" appears twice`);
    ids.add(app.appId);
  }
  return apps.map((app) => ({ ...app, ...(suite === 'gm' ? { scheme: 'CC-HMAC-SM3' as const } : {}) }));
}
