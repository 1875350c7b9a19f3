import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('examples/node-backend/flow.mjs', () => {
  it('mints a token, checks as the browser, verifies the receipt, records feedback, refuses a forgery — against a real server', () => {
    const script = fileURLToPath(new URL('../examples/node-backend/flow.mjs', import.meta.url));
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const n of [1, 2, 3, 4, 5, 6]) expect(run.stdout).toMatch(new RegExp(`^${n}\\. `, 'm'));
    expect(run.stdout).toContain('verdict caution');
    expect(run.stdout).not.toContain('320505197805121236');
    expect(run.stdout.trim().endsWith('ok')).toBe(true);
  }, 70_000);
});
