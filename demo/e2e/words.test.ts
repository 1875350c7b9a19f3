import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { open, typeInto, withDemo } from './harness.ts';

// Every word on a clerk's screen is Chinese (issue 38): a sweep over the hall, its other pages and
// the elements of every example, in the states a clerk meets, finds no Latin word — except codes:
// the ones typed (统一社会信用代码), and the record numbers the system shows (办件编号 SZ-…, 核查编号
// HC-20261207-000123 or, for checks made before it had one, chk_…; 应急编号 dfr_…). Closed disclosures (技术详情) are not on the screen and are not read.
const env = withDemo({ subjects: 100 });

const CODES =
  /\b(?:SZ-[\w-]+|[A-Z]{1,8}-\d{8}-\d{6,9}|HTML-\d+|VUE-\d+|REACT-\d+|chk_[\w-]+|dfr_\w+|[0-9A-HJ-NP-RTUW-Y]{18}|\d{3}\*+\d{3}[\dX])\b/g;

/** The text rendered now: the page, and inside every credit-check / credit-alerts element (what innerText renders). */
async function rendered(page: Page, elementsOnly = false): Promise<string> {
  return page.evaluate((only) => {
    // innerText, not textContent: what is rendered (a closed 技术详情 is not on the screen).
    // biome-ignore-start lint/performance/useDomNodeTextContent: the rendered text is the point
    const parts: string[] = only ? [] : [document.body.innerText];
    for (const el of document.querySelectorAll('credit-check, credit-alerts')) {
      for (const child of el.shadowRoot?.children ?? [])
        if (child instanceof HTMLElement && child.tagName !== 'STYLE') parts.push(child.innerText);
    }
    // biome-ignore-end lint/performance/useDomNodeTextContent: -
    return parts.join('\n');
  }, elementsOnly);
}

/** Latin words left once codes are taken out, with a little context for the failure message. */
function latinWords(text: string): string[] {
  const rest = text.replace(CODES, ' ');
  return [...rest.matchAll(/[A-Za-z]{2,}/g)].map((m) =>
    rest.slice(Math.max(0, m.index - 12), m.index + m[0].length + 12).replace(/\s+/g, ' '),
  );
}

async function sweep(page: Page, where: string, elementsOnly = false): Promise<void> {
  expect(latinWords(await rendered(page, elementsOnly)), where).toEqual([]);
}

describe('no Latin word on a clerk’s screen', () => {
  it('the hall, through a restrict, its response, the decision, the next case, a notice, an outage and 先行受理', async () => {
    const { page } = await open(env.browser, env.demo.url);
    await page.waitForSelector('#scenarios li');
    await sweep(page, 'idle');
    await typeInto(page, '#uscc', '91330106MA2FD1G85L');
    await page.waitForSelector('#org-check >> dialog[part="alert"][open]');
    await sweep(page, 'restrict alert');
    await page.click('#org-check >> [part="acknowledge-button"]');
    await page.click('#org-check >> [part="feedback"] button[type="submit"]');
    await page.waitForSelector('#org-check >> [part="feedback"] .done');
    await sweep(page, 'response recorded');
    await page.click('#refuse');
    await page.waitForSelector('.decision[data-concluded="true"]');
    await sweep(page, 'concluded');
    await page.click('#next');
    await page.click('button[data-scenario="legal-rep"]');
    await page.waitForSelector('#rep-check >> dialog[part="alert"][open]');
    await sweep(page, 'a person: caution');
    await page.click('#rep-check >> [part="acknowledge-button"]');
    await page.reload();
    await page.waitForSelector('#scenarios li');
    await page.selectOption('#matter', 'PROCUREMENT_SUPPLIER');
    await typeInto(page, '#uscc', '92320583MA1WL3T48G');
    await page.waitForSelector('#org-check[state="done"]');
    await page.waitForSelector('#org-check >> dialog[part="alert"][open]');
    await sweep(page, 'watchlist under procurement: caution');
    await page.click('#org-check >> [part="acknowledge-button"]');
    env.demo.mock.faults.set({ kind: 'outage' });
    try {
      await typeInto(page, '#uscc', '91320505MA1PC0Q10W');
      await page.waitForSelector('#org-check[state="error"]', { timeout: 30_000 });
      await sweep(page, 'platform down');
      await page.click('#org-check >> [part="defer-button"]');
      await page.fill('#org-check >> [part="defer-form"] textarea', '平台中断');
      await page.click('#org-check >> [part="defer-form"] button[type="submit"]');
      await page.waitForSelector('#org-check[state="deferred"]');
      await sweep(page, 'deferred');
    } finally {
      env.demo.mock.faults.clear();
    }
  }, 120_000);

  it('the coverage and alerts pages, with an event from the sandbox', async () => {
    const coverage = await open(env.browser, `${env.demo.url}coverage.html`);
    await coverage.page.waitForSelector('#coverage tbody tr');
    await sweep(coverage.page, 'coverage');
    const { page } = await open(env.browser, `${env.demo.url}alerts.html`);
    await page.waitForSelector('credit-alerts >> text=暂无推送');
    await page.click('#simulate');
    await page.waitForSelector('#simulated:has-text("已模拟")');
    await page.waitForSelector('#backend-alerts li', { timeout: 20_000 });
    await page.waitForSelector('credit-alerts >> [part="item"]', { timeout: 20_000 });
    await sweep(page, 'alerts');
  }, 60_000);

  it.each([
    ['plain-html', false],
    ['legacy-jquery', true],
    ['vue', false],
    ['react', false],
  ])(
    'the element on the %s example',
    async (example, dialog) => {
      const { page } = await open(env.browser, `${env.demo.url}examples/${example}/`);
      await page.waitForFunction(() => (document.querySelector('credit-check') as { endpoint?: string } | null)?.endpoint);
      await sweep(page, `${example} idle`, true);
      if (dialog) {
        await page.click('#pickEnt');
        await page.waitForSelector('#entDialog.in');
        await page.click('#entList tr:nth-child(2) button');
      } else await typeInto(page, '#code', '92320583MA1WL3T48G');
      await page.waitForSelector('credit-check[state="done"]');
      await sweep(page, `${example} notice`, true);
    },
    60_000,
  );
});
