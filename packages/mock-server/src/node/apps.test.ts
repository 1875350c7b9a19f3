import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readApps } from './apps.ts';

const dir = mkdtempSync(join(tmpdir(), 'cc-apps-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (apps: unknown) => {
  const path = join(dir, `apps-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(apps));
  return path;
};
const secret = 'a-secret-of-16-chars';

describe('--apps roles (issue 37)', () => {
  it('a window by default (least privilege); an authority names whom it speaks for', () => {
    const apps = readApps(
      file([
        { appId: 'hall', appSecret: secret },
        { appId: 'market', appSecret: secret, roles: ['authority'], authorities: ['市场监督管理局'] },
        { appId: 'office', appSecret: secret, roles: ['window', 'authority'], authorities: ['*'] },
      ]),
      'standard',
    );
    expect(apps.map((a) => [a.appId, a.roles, a.authorities])).toEqual([
      ['hall', ['window'], undefined],
      ['market', ['authority'], ['市场监督管理局']],
      ['office', ['window', 'authority'], ['*']],
    ]);
  });

  it.each([
    [{ roles: ['authority'] }, /needs "authorities"/],
    [{ authorities: ['财政局'] }, /is for apps with the "authority" role/],
    [{ roles: ['admin'] }, /roles: "window" and\/or "authority"/],
    [{ roles: [] }, /roles: at least one/],
  ])('refuses %j with a reason', (extra, why) => {
    expect(() => readApps(file([{ appId: 'x', appSecret: secret, ...extra }]), 'standard')).toThrow(why);
  });
});
