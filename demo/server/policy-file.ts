import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { PolicyStore } from './deferred.ts';

/**
 * The 应急 policy kept in a JSON file (Node only): written whole to a temporary file and renamed,
 * so a crash mid-write leaves the last good copy. A missing or unreadable file is "never read".
 */
export function policyFile(path: string): PolicyStore {
  return {
    async load() {
      try {
        const parsed = JSON.parse(await readFile(path, 'utf8')) as { policy?: Record<string, unknown> };
        const entries = Object.entries(parsed.policy ?? {}).filter(
          (e): e is [string, 'allowed' | 'forbidden'] => e[1] === 'allowed' || e[1] === 'forbidden',
        );
        return Object.fromEntries(entries);
      } catch {
        return undefined;
      }
    },
    async save(policy) {
      await mkdir(dirname(path), { recursive: true });
      const temp = `${path}.${process.pid}.tmp`;
      await writeFile(temp, `${JSON.stringify({ readAt: new Date().toISOString(), policy }, null, 2)}\n`);
      await rename(temp, path);
    },
  };
}
