import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Every page the hall serves says what it is to a search engine, a screen reader and a browser tab
// (Lighthouse's SEO audit asked for descriptions; issue 39): its language, a title and a description.
const demo = fileURLToPath(new URL('..', import.meta.url));
const pages = [
  ...readdirSync(demo).filter((f) => f.endsWith('.html')),
  'examples/index.html',
  ...readdirSync(`${demo}examples`, { withFileTypes: true })
    .filter((d) => d.isDirectory() && readdirSync(`${demo}examples/${d.name}`).includes('index.html'))
    .map((d) => `examples/${d.name}/index.html`),
];

describe('the pages of the hall', () => {
  it('are all found', () => expect(pages.length).toBeGreaterThanOrEqual(8));
  it.each(pages)('%s has a language, a title and a description of its own', (page) => {
    const html = readFileSync(`${demo}${page}`, 'utf8');
    expect(html).toMatch(/<html lang="zh-CN">/);
    expect(/<title>([^<]{4,})<\/title>/.exec(html)?.[1]).toBeTruthy();
    const descriptions = [...html.matchAll(/<meta name="description" content="([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(descriptions).toHaveLength(1);
    expect(descriptions[0]?.length).toBeGreaterThanOrEqual(20);
  });
  it('describe themselves differently', () => {
    const all = pages.map((p) => /<meta name="description" content="([^"]*)"/.exec(readFileSync(`${demo}${p}`, 'utf8'))?.[1]);
    expect(new Set(all).size).toBe(pages.length);
  });
});
