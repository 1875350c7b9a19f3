// The peer: Stoplight Prism 5 mocking the project's own OpenAPI document — what a vendor reaches
// for instead of this mock (schemas and examples, none of the rules). Started as its CLI runs it.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApiDocument } from '@credit-check/mock-server';

const require = createRequire(import.meta.url);
const PRISM = join(require.resolve('@stoplight/prism-cli/package.json'), '..', 'dist', 'index.js');

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** Starts `prism mock openapi.json` on a free loopback port; resolves once it answers. */
export async function startPrism() {
  const dir = mkdtempSync(join(tmpdir(), 'cc-prism-'));
  const spec = join(dir, 'openapi.json');
  writeFileSync(spec, JSON.stringify(openApiDocument()));
  const port = await freePort();
  const proc = spawn(process.execPath, [PRISM, 'mock', spec, '-h', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.on('data', (d) => {
    if (out.length < 20_000) out += d;
  });
  proc.stderr.on('data', (d) => {
    out += d;
  });
  process.on('exit', () => proc.kill('SIGKILL'));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism did not start:\n${out}`)), 60_000);
    const poll = setInterval(() => {
      if (out.includes('Prism is listening')) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve();
      }
    }, 100);
    proc.once('exit', (code) => reject(new Error(`Prism exited ${code}:\n${out}`)));
  });
  const version = require('@stoplight/prism-cli/package.json').version;
  return {
    origin: `http://127.0.0.1:${port}`,
    version,
    stop: () =>
      new Promise((resolve) => {
        proc.once('exit', resolve);
        proc.kill('SIGTERM');
      }),
  };
}
