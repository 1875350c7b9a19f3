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
  // Silent, as one would run it under load (its per-request log lines cost it throughput).
  const args = [PRISM, 'mock', spec, '-h', '127.0.0.1', '-p', String(port), '-v', 'silent'];
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let out = '';
  proc.stderr.on('data', (d) => {
    if (out.length < 20_000) out += d;
  });
  process.on('exit', () => proc.kill('SIGKILL'));
  const origin = `http://127.0.0.1:${port}`;
  const exited = new Promise((_, reject) => proc.once('exit', (code) => reject(new Error(`Prism exited ${code}:\n${out}`))));
  const listening = (async () => {
    for (const started = Date.now(); Date.now() - started < 60_000; await new Promise((r) => setTimeout(r, 200))) {
      try {
        await fetch(`${origin}/api/v1/matters`);
        return;
      } catch {
        // not yet listening
      }
    }
    throw new Error(`Prism did not start:\n${out}`);
  })();
  await Promise.race([listening, exited]);
  exited.catch(() => {}); // its exit on stop() is expected
  const version = require('@stoplight/prism-cli/package.json').version;
  return {
    origin,
    version,
    /** How it was run, as the report records it. */
    command: `prism mock openapi.json -h 127.0.0.1 -p <port> -v silent (Node ${process.version})`,
    stop: () =>
      new Promise((resolve) => {
        proc.once('exit', resolve);
        proc.kill('SIGTERM');
      }),
  };
}
