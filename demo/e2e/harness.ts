import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';
import { type RunningDemo, startDemo } from '../server/start.ts';

/** Every run saves its screenshots here; `pnpm run screenshots` points it at docs/screenshots. */
export const SCREENSHOTS = process.env.SCREENSHOT_DIR ?? fileURLToPath(new URL('../../test-results/screenshots', import.meta.url));
mkdirSync(SCREENSHOTS, { recursive: true });

/** The system Chromium (CHROME_PATH): nothing is downloaded. */
export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface Watched {
  page: Page;
  /** Console errors and warnings, page errors and CSP violations seen so far. */
  problems: string[];
}

/** A page of its own (a browser) or one more tab of the same profile (a context: shared IndexedDB, locks, channels). */
export async function open(target: Browser | BrowserContext, url: string): Promise<Watched> {
  const page =
    'newContext' in target ? await target.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' }) : await target.newPage();
  const problems: string[] = [];
  // Errors and warnings alike: a page a newcomer opens says nothing in its console (Lit's dev-mode
  // notices included — the hall serves production bundles).
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  // DEBUG_PAGES=1: the page's console and its API calls on stdout, for chasing a race.
  if (process.env.DEBUG_PAGES) {
    page.on('console', (m) => console.log('[page]', m.type(), m.text()));
    page.on('response', (r) => {
      if (/\/(api\/v1|backend)\//.test(r.url()) || r.status() >= 400) console.log('[net]', r.request().method(), r.url(), r.status());
    });
  }
  // For the PII sweep: every URL the browser requests during the run.
  const audit = process.env.CREDIT_CHECK_ACCESS_LOG;
  if (audit) page.on('request', (r) => appendFileSync(audit, `browser ${r.method()} ${r.url()}\n`));
  await page.goto(url);
  return { page, problems };
}

export const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

/** Types like a person: one key at a time. */
export async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await page.fill(selector, '');
  await page.type(selector, text, { delay: 5 });
}

/** Fills the approval form with the clean application (organisation and legal representative) and waits for both checks. */
export async function fillCleanApplication(page: Page): Promise<void> {
  await typeInto(page, '#org-name', '南京清源食品有限公司');
  await typeInto(page, '#uscc', '91320100748204660Q');
  await typeInto(page, '#rep-name', '陈明');
  await typeInto(page, '#rep-id', '320102199003010452');
  await page.waitForSelector('#org-check[state="done"]');
  await page.waitForSelector('#rep-check[state="done"]');
}

/** The demo (mock platform + approval hall) on free ports for this test file, and a browser. */
export function withDemo(options: { subjects?: number; browser?: boolean; crypto?: 'standard' | 'gm' } = {}): {
  demo: RunningDemo;
  browser: Browser;
} {
  const env = {} as { demo: RunningDemo; browser: Browser };
  beforeAll(async () => {
    env.demo = await startDemo({
      mockPort: 0,
      demoPort: 0,
      subjects: options.subjects ?? 100,
      ...(options.crypto ? { crypto: options.crypto } : {}),
    });
    if (options.browser !== false) env.browser = await launch();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.demo?.close();
  });
  return env;
}
