// The documentation site (VitePress: Markdown in the repository, Vue-free pages, local search, a
// static build that fails on a broken link). Pages carved from the README keep `source: README.md`.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vitepress';
import { repositoryLinks } from './links.mjs';
import { REPOSITORY } from './pages.mjs';

const docs = resolve(import.meta.dirname, '..');

/** One sidebar entry per decision record, titled by its heading, in number order. */
function decisions() {
  return readdirSync(`${docs}/decisions`)
    .filter((name) => /^\d{3}-.*\.md$/.test(name))
    .sort()
    .map((name) => {
      const heading = /^# (.+)$/m.exec(readFileSync(`${docs}/decisions/${name}`, 'utf8'))?.[1] ?? name;
      return { text: `${name.slice(0, 3)} ${heading}`, link: `/decisions/${name.replace(/\.md$/, '')}` };
    });
}

/** The API reference's sidebar, as TypeDoc wrote it (absent until the build has run TypeDoc). */
function apiSidebar() {
  try {
    return JSON.parse(readFileSync(`${docs}/reference/api/typedoc-sidebar.json`, 'utf8'));
  } catch {
    return [];
  }
}

const guide = [
  {
    text: 'Start here',
    items: [
      { text: '窗口人员使用指南 (clerks)', link: '/guide/clerk' },
      { text: 'Integrate the widget', link: '/guide/integrator' },
      { text: 'The SDK on a backend', link: '/guide/vendor' },
    ],
  },
  {
    text: 'Operate',
    items: [
      { text: '应急: the platform is down', link: '/guide/outage' },
      { text: 'The sandbox (mock platform)', link: '/guide/sandbox' },
      { text: 'Certify your platform', link: '/guide/conformance' },
      { text: '国密 (SM2, SM3, SM4)', link: '/guide/guomi' },
      { text: 'Deployment', link: '/guide/deployment' },
      { text: 'Security', link: '/guide/security' },
      { text: 'Performance', link: '/guide/performance' },
    ],
  },
  {
    text: 'How it works',
    items: [
      { text: 'How the verdict is reached', link: '/guide/verdict' },
      { text: 'Pushed events and cases', link: '/guide/events' },
      { text: 'Plain Chinese; 适老化', link: '/guide/words' },
      { text: 'Architecture', link: '/architecture' },
      { text: 'Development', link: '/guide/development' },
      { text: 'Contributing', link: '/contributing' },
      { text: 'Security policy', link: '/security-policy' },
    ],
  },
];

const packages = [
  {
    text: 'Packages',
    items: [
      { text: '@credit-check/sdk', link: '/packages/sdk' },
      { text: '@credit-check/widget', link: '/packages/widget' },
      { text: '@credit-check/mock-server', link: '/packages/mock-server' },
      { text: 'The demo hall', link: '/packages/demo' },
    ],
  },
  {
    text: 'Reference',
    items: [
      { text: 'Elements', link: '/reference/elements' },
      { text: 'SDK API', link: '/reference/api/' },
      { text: 'HTTP API (OpenAPI)', link: '/reference/http-api' },
    ],
  },
];

export default defineConfig({
  title: 'credit-check',
  description:
    '逢办必查: automatic credit checks for 一网通办 approval pages — SDK, <credit-check> widget and a faithful mock of the shared credit platform.',
  lang: 'en',
  cleanUrls: true,
  lastUpdated: false,
  // Dead page links fail the build (VitePress's default); links to code are checked by repositoryLinks.
  ignoreDeadLinks: false,
  srcExclude: ['README.md', 'scripts/**', 'node_modules/**'],
  markdown: {
    config: (md) => md.use(repositoryLinks),
  },
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/guide/integrator' },
      { text: 'Packages', link: '/packages/sdk' },
      { text: 'Reference', link: '/reference/elements' },
      { text: 'Decisions', link: '/decisions/' },
    ],
    sidebar: {
      '/guide/': guide,
      '/architecture': guide,
      '/contributing': guide,
      '/security-policy': guide,
      '/packages/': packages,
      '/reference/elements': packages,
      '/reference/http-api': packages,
      '/reference/api/': [{ text: 'SDK API', link: '/reference/api/', items: apiSidebar() }, ...packages],
      '/decisions/': [{ text: 'Decisions', link: '/decisions/', items: decisions() }],
    },
    search: { provider: 'local' },
    socialLinks: [{ icon: 'github', link: REPOSITORY }],
    outline: 'deep',
  },
});
