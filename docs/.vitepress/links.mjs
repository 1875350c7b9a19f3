// Links in the Markdown are written for GitHub: relative to the file they live in (a page carved from
// the README says `source: README.md`, so its links still resolve from the repository root). On the site
// a link to another page becomes that page, a link to code becomes the file on GitHub, an image becomes
// the asset beside the page — and a link to nothing fails the build (VitePress only checks page links).
import { existsSync, statSync } from 'node:fs';
import { dirname, posix, relative, resolve } from 'node:path';
import { COPIED, REPOSITORY } from './pages.mjs';

const root = resolve(import.meta.dirname, '../..');
const EXTERNAL = /^[a-z][a-z0-9+.-]*:|^\/\//i;

/** @param {string} from repository path of the Markdown file  @param {string} href */
export function siteHref(from, href, page) {
  if (EXTERNAL.test(href) || href.startsWith('#') || href.startsWith('/')) return { href };
  const cut = href.search(/[?#]/);
  const path = cut < 0 ? href : href.slice(0, cut);
  const hash = cut < 0 ? '' : href.slice(cut);
  const target = posix.normalize(posix.join(posix.dirname(from), decodeURI(path)));
  if (target.startsWith('..')) return { error: `${href} points outside the repository` };
  const absolute = resolve(root, target);
  if (!existsSync(absolute)) return { error: `${href} (${target}) does not exist` };
  const copied = COPIED[target];
  if (copied) return { href: `/${copied}${hash}` };
  if (target.startsWith('docs/')) {
    const inSite = target.slice('docs/'.length);
    if (inSite.endsWith('.md') || statSync(absolute).isDirectory()) return { href: `/${inSite}${hash}` };
    // An asset: relative to the page as it sits in docs/, so Vite bundles it.
    const asset = relative(dirname(resolve(root, 'docs', page)), absolute)
      .split('\\')
      .join('/');
    return { href: asset.startsWith('.') ? asset + hash : `./${asset}${hash}` };
  }
  const kind = statSync(absolute).isDirectory() ? 'tree' : 'blob';
  return { href: `${REPOSITORY}/${kind}/main/${target}${hash}` };
}

/** The markdown-it plugin; broken links are collected and thrown once the page is done. */
export function repositoryLinks(md) {
  md.core.ruler.push('repository-links', (state) => {
    const env = state.env ?? {};
    const page = env.relativePath ?? '';
    const from = env.frontmatter?.source ?? `docs/${page}`;
    const broken = [];
    const visit = (tokens) => {
      for (const token of tokens) {
        if (token.children) visit(token.children);
        const attr = token.type === 'link_open' ? 'href' : token.type === 'image' ? 'src' : undefined;
        const value = attr && token.attrGet(attr);
        if (!value) continue;
        const result = siteHref(from, value, page);
        if (result.error) broken.push(result.error);
        else token.attrSet(attr, result.href);
      }
    };
    visit(state.tokens);
    if (broken.length) throw new Error(`broken links in docs/${page} (from ${from}):\n  ${broken.join('\n  ')}`);
  });
}
