import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, open, typeInto } from './harness.ts';

const demoDir = fileURLToPath(new URL('..', import.meta.url));
const site = join(demoDir, 'dist/site');
let server: Server;
let url: string;

beforeAll(async () => {
  const vite = join(demoDir, 'node_modules/.bin/vite');
  const build = spawnSync(vite, ['build', '--mode', 'static', '--logLevel', 'error'], { cwd: demoDir, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`static build failed:\n${build.stderr}${build.stdout}`);
  // Any web server will do: this one only maps paths to files.
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  server = createServer((req, res) => {
    let path = join(site, decodeURIComponent((req.url ?? '/').split('?')[0] as string));
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
    if (!path.startsWith(site) || !existsSync(path)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}, 120_000);
afterAll(() => new Promise<void>((r) => server?.close(() => r())));

describe('the static build: platform and backend in the browser (msw worker)', () => {
  it('is plain files and checks a scenario subject with no server behind it', async () => {
    expect(existsSync(join(site, 'mockServiceWorker.js'))).toBe(true);
    const browser = await launch();
    try {
      const { page, problems } = await open(browser, url);
      await page.waitForSelector('#scenarios li', { timeout: 20_000 });
      await typeInto(page, '#uscc', '91330106MA2FD1G85L');
      await page.waitForSelector('#org-check[state="done"]', { timeout: 20_000 });
      expect(await page.getAttribute('#org-check', 'verdict')).toBe('restrict');
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
