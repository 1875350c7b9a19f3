#!/usr/bin/env node
// Builds the documentation site. What is generated, never edited: the package READMEs and the root's
// ARCHITECTURE / CONTRIBUTING / SECURITY copied in as pages (with `source:` so their links resolve
// from where they live), the SDK's API reference (TypeDoc, from the types users import), the elements'
// reference (from the widget's custom-elements.json, made by `pnpm run build`). Then `vitepress build`,
// which fails on a broken link (ours: .vitepress/links.mjs; VitePress's own for pages).
// The HTTP API page and public/openapi.json come from the built mock-server's OpenAPI document.
//   node scripts/build.mjs                   everything, into .vitepress/dist
//   node scripts/build.mjs --reference-only  only the generated pages (for `vitepress dev`)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { COPIED, GENERATED_DIRS } from '../.vitepress/pages.mjs';
import { elementsPage, escapeProse } from './elements.mjs';
import { httpApiPage } from './http-api.mjs';

const docs = resolve(import.meta.dirname, '..');
const root = resolve(docs, '..');
const bin = (name) => resolve(docs, 'node_modules/.bin', name);
const run = (command, args) => {
  const r = spawnSync(command, args, { cwd: docs, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

for (const dir of GENERATED_DIRS) rmSync(resolve(docs, dir), { recursive: true, force: true });
for (const page of Object.values(COPIED)) rmSync(resolve(docs, page), { force: true });

// The copies: a description for search engines and Lighthouse from the first paragraph.
for (const [from, page] of Object.entries(COPIED)) {
  const text = readFileSync(resolve(root, from), 'utf8');
  const first =
    text
      .split(/\n\s*\n/)
      .find((block) => !block.startsWith('#'))
      ?.replace(/\s+/g, ' ')
      .trim() ?? '';
  const description = first.replace(/[`*[\]]|\([^)]*\)/g, '').slice(0, 160);
  const head = `---\nsource: ${from}\ngenerated: true\ndescription: ${JSON.stringify(description)}\n---\n\n`;
  mkdirSync(dirname(resolve(docs, page)), { recursive: true });
  writeFileSync(resolve(docs, page), head + text);
}

const manifest = resolve(root, 'packages/widget/custom-elements.json');
if (!existsSync(manifest)) {
  console.error('docs: packages/widget/custom-elements.json is missing — run `pnpm run build` first.');
  process.exit(1);
}
mkdirSync(resolve(docs, 'reference'), { recursive: true });
writeFileSync(resolve(docs, 'reference/elements.md'), elementsPage(JSON.parse(readFileSync(manifest, 'utf8'))));

// The HTTP API from the document the built platform serves; the document itself as a static file.
const { openApiDocument } = await import(resolve(root, 'packages/mock-server/dist/http/openapi.js'));
const openapi = openApiDocument();
writeFileSync(resolve(docs, 'reference/http-api.md'), httpApiPage(openapi));
mkdirSync(resolve(docs, 'public'), { recursive: true });
writeFileSync(resolve(docs, 'public/openapi.json'), JSON.stringify(openapi, null, 2));

run(bin('typedoc'), ['--logLevel', 'Warn']);
// TSDoc comments are Markdown, but VitePress compiles pages as Vue templates: a `<scheme>` in prose
// would be an unclosed element. Escape prose (never code) in what TypeDoc wrote.
for (const file of readdirSync(resolve(docs, 'reference/api'), { recursive: true, withFileTypes: true })) {
  if (!file.isFile() || !file.name.endsWith('.md')) continue;
  const path = resolve(file.parentPath, file.name);
  writeFileSync(path, escapeProse(readFileSync(path, 'utf8')));
}
if (!process.argv.includes('--reference-only')) run(bin('vitepress'), ['build', '.']);
