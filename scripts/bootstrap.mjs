#!/usr/bin/env node
// The README's two commands run through here: `npm start` and `npm test` on a machine that has
// only Node ≥ 22.12. It finds pnpm (or fetches the pinned version with npx), installs the
// workspace from the lockfile, then runs the task. Usage: node scripts/bootstrap.mjs <start|test|bench|soak|docs>
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const PNPM = pkg.engines.pnpm;
const TASKS = { start: 'start:all', test: 'test:all', bench: 'bench:run', soak: 'soak:run', docs: 'docs:serve' };

const task = TASKS[process.argv[2]];
if (!task) {
  console.error(`usage: node scripts/bootstrap.mjs <${Object.keys(TASKS).join('|')}>`);
  process.exit(2);
}
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`credit-check needs Node.js ≥ 22.12 (this is ${process.version}). Install Node 24 LTS and run the command again.`);
  process.exit(1);
}

// npm exports its own npm_config_* settings to scripts; pnpm would read them as its own.
const KEEP = new Set([
  'npm_config_registry',
  'npm_config_nodedir',
  'npm_config_proxy',
  'npm_config_https_proxy',
  'npm_config_noproxy',
  'npm_config_cafile',
  'npm_config_strict_ssl',
]);
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_config_') || KEEP.has(k.toLowerCase())),
);

function pnpmCommand() {
  const found = spawnSync('pnpm', ['--version'], { env, encoding: 'utf8', shell: process.platform === 'win32' });
  if (found.status === 0 && found.stdout.trim() === PNPM) return ['pnpm', []];
  console.log(`pnpm ${PNPM} not on PATH: using npx -y pnpm@${PNPM}`);
  return ['npx', ['-y', `pnpm@${PNPM}`]];
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.error) {
    console.error(`could not run ${command}: ${result.error.message}`);
    process.exit(1);
  }
  return result.status ?? 1;
}

const [cmd, prefix] = pnpmCommand();
const frozen = process.env.CI ? ['--frozen-lockfile'] : ['--prefer-offline'];
const installed = run(cmd, [...prefix, 'install', ...frozen]);
if (installed !== 0) {
  console.error('pnpm install failed (see above).');
  process.exit(installed);
}
// Anything after the task name goes to it: npm run bench -- --subjects 100000
const extra = process.argv.slice(3);
process.exit(run(cmd, [...prefix, 'run', task, ...extra]));
