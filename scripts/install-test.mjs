#!/usr/bin/env node
// What we publish is what we test (issue 39): packs the three packages as pnpm would publish them
// (workspace: versions resolved), installs the tarballs into a fresh project with plain npm — no
// workspace links — then compiles every TypeScript/JavaScript sample of the READMEs and the docs,
// verbatim, under strict TypeScript with exactOptionalPropertyTypes, and runs those marked `run`
// against the installed mock platform (its own bin).
//
// A sample is a ```ts or ```js block with a comment right before it:
//   <!-- sample: run -->            compile it, then run it (node, type stripping)
//   <!-- sample: compile -->        compile it only (browser code, fragments)
//   <!-- sample: run
//   const input = { … };            the lines up to --> are a prelude the sample is compiled (and
//   -->                             run) after: what the surrounding text takes as given
// A block without one fails the run: no sample goes untested by oversight. When run,
// https://credit.example.gov.cn is the installed mock, and `fetch('/backend/session')` answers a
// widget token signed for the sandbox app (the backend every browser sample assumes).
// Needs the build (pnpm run build). Prints one line per sample and a summary; exits non-zero on any failure.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const PACKAGES = ['sdk', 'widget', 'mock-server'];
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const keep = process.argv.includes('--keep');

/** The Markdown files whose samples are tested: the READMEs and the docs site. */
function markdownFiles() {
  const files = ['README.md', ...PACKAGES.map((p) => `packages/${p}/README.md`)];
  const walk = (dir) => {
    if (!existsSync(`${root}${dir}`)) return;
    for (const entry of readdirSync(`${root}${dir}`, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'api') continue;
      if (entry.isDirectory()) walk(`${dir}/${entry.name}`);
      // Pages the docs build copies or generates (`generated: true`) are tested where they come from.
      else if (
        entry.name.endsWith('.md') &&
        !/^---\n[\s\S]*?^generated: true$/m.test(readFileSync(`${root}${dir}/${entry.name}`, 'utf8').split('\n---\n')[0])
      )
        files.push(`${dir}/${entry.name}`);
    }
  };
  walk('docs');
  return files;
}

/** Every ts/js block of a Markdown file with its annotation; an unannotated one is a problem. */
function samplesOf(file) {
  const text = readFileSync(`${root}${file}`, 'utf8');
  const samples = [];
  const problems = [];
  const fence = /```(ts|js|typescript|javascript)\n([\s\S]*?)```/g;
  for (const m of text.matchAll(fence)) {
    const line = text.slice(0, m.index).split('\n').length;
    const before = text.slice(0, m.index);
    const note = /<!-- sample: (run|compile)\n?([\s\S]*?)-->\n$/.exec(before.slice(before.lastIndexOf('<!-- sample:')));
    if (!note || !before.endsWith('-->\n')) {
      problems.push(`${file}:${line}: a ${m[1]} sample without <!-- sample: run|compile --> before it`);
      continue;
    }
    const js = m[1] === 'js' || m[1] === 'javascript';
    samples.push({ file, line, mode: note[1], prelude: note[2].trim(), body: m[2], js });
  }
  return { samples, problems };
}

function sh(command, args, options = {}) {
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const started = Date.now();
const work = mkdtempSync(join(tmpdir(), 'cc-install-'));
let mock;
let failed = 0;
try {
  // 1. The tarballs, as pnpm publishes them (workspace:* becomes the version).
  mkdirSync(`${work}/tgz`);
  for (const p of PACKAGES) sh('pnpm', ['pack', '--pack-destination', `${work}/tgz`], { cwd: `${root}packages/${p}` });
  const tarballs = readdirSync(`${work}/tgz`).map((f) => `./tgz/${f}`);

  // 2. A fresh project: plain npm, the tarballs and the TypeScript this repository uses.
  const project = `${work}/project`;
  mkdirSync(`${project}/samples`, { recursive: true });
  writeFileSync(`${project}/package.json`, JSON.stringify({ name: 'credit-check-samples', private: true, type: 'module' }, null, 2));
  sh(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
      ...tarballs.map((t) => `.${t}`),
      `typescript@${pkg.devDependencies.typescript.replace(/^\^/, '')}`,
      `@types/node@${pkg.devDependencies['@types/node'].replace(/^\^/, '')}`,
    ],
    { cwd: project },
  );
  console.log(
    `install: ${tarballs.length} tarballs installed with npm into a fresh project (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );

  // 3. Every sample, verbatim after its prelude, compiled together under strict TypeScript.
  const problems = [];
  const samples = [];
  for (const file of markdownFiles()) {
    const found = samplesOf(file);
    problems.push(...found.problems);
    samples.push(...found.samples);
  }
  for (const [i, s] of samples.entries()) {
    s.name = `${String(i + 1).padStart(2, '0')}-${s.file.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}-${s.line}.${s.js ? 'js' : 'ts'}`;
    // `export {}`: a module (top-level await), as every sample is in an ESM project.
    writeFileSync(`${project}/samples/${s.name}`, `${s.prelude}\n${s.body}\nexport {};\n`);
  }
  writeFileSync(
    `${project}/tsconfig.json`,
    JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2023', 'DOM', 'DOM.Iterable'],
          types: ['node'],
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          allowJs: true,
          checkJs: false,
          noEmit: true,
          skipLibCheck: true,
          allowImportingTsExtensions: true,
        },
        include: ['samples'],
      },
      null,
      2,
    ),
  );
  const tsc = spawnSync(process.execPath, [`${project}/node_modules/typescript/bin/tsc`, '-p', project], { encoding: 'utf8' });
  const compileErrors = `${tsc.stdout}${tsc.stderr}`.trim();
  if (tsc.status !== 0) {
    failed++;
    console.error(`install: the samples do not compile from the installed packages:\n${compileErrors}`);
  }
  for (const p of problems) console.error(`install: ${p}`);
  failed += problems.length;

  // 4. The runnable ones, against the installed mock platform (its own bin).
  mock = spawn(`${project}/node_modules/.bin/credit-check-mock`, ['--port', '0', '--quiet', '--subjects', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const origin = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the installed mock did not start:\n${out}`)), 30_000);
    const hear = (d) => {
      out += d;
      // Not a terminal, so the log is JSON lines: the `ready` line names the API (a text banner at a terminal).
      const ready = out
        .split('\n')
        .map((line) => {
          try {
            return JSON.parse(line);
          } catch {
            return undefined;
          }
        })
        .find((line) => typeof line?.api === 'string');
      const m = ready ? /^(http:\/\/[^/]+)\/api\/v1$/.exec(ready.api) : /API\s+(http:\/\/[^/\s]+)\/api\/v1/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    mock.stdout.on('data', hear);
    mock.stderr.on('data', hear);
    mock.once('exit', (code) => reject(new Error(`the installed mock exited ${code}:\n${out}`)));
  });
  writeFileSync(
    `${project}/harness.mjs`,
    `// What the samples assume around them: the platform at its documented address, and a backend
// that hands the page a widget token.
import { signWidgetToken } from '@credit-check/sdk';
const platform = ${JSON.stringify(origin)};
const original = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (url === '/backend/session') {
    const signed = await signWidgetToken(
      { appId: 'sandbox-app', appSecret: 'sandbox-secret-change-me' },
      { department: '苏州市政务服务中心', operator: 'window-01', matters: ['*'] },
    );
    return Response.json({ token: signed.token, expiresAt: signed.expiresAt });
  }
  if (url.startsWith('https://credit.example.gov.cn')) {
    const to = url.replace('https://credit.example.gov.cn', platform);
    return original(input instanceof Request ? new Request(to, input) : to, init);
  }
  return original(input, init);
};
`,
  );
  const runs = samples.filter((s) => s.mode === 'run');
  for (const s of samples) {
    if (s.mode !== 'run') {
      console.log(`  compiled  ${s.file}:${s.line}`);
      continue;
    }
    const run = spawnSync(process.execPath, ['--import', './harness.mjs', `samples/${s.name}`], {
      cwd: project,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, APP_ID: 'sandbox-app', APP_SECRET: 'sandbox-secret-change-me', NODE_NO_WARNINGS: '1' },
    });
    const ok = run.status === 0;
    if (!ok) failed++;
    console.log(`  ${ok ? 'ran' : 'FAILED'}       ${s.file}:${s.line}${ok ? '' : `\n${run.stdout}${run.stderr}`}`);
  }
  console.log(
    `install: ${samples.length} samples compiled${tsc.status === 0 ? '' : ' (with errors)'}, ${runs.length} run against the installed mock, ${problems.length} unannotated — ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
} catch (error) {
  failed++;
  console.error(`install: ${error.message}`);
} finally {
  mock?.kill('SIGTERM');
  if (keep) console.log(`install: kept ${relative(process.cwd(), work) || work}`);
  else rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
