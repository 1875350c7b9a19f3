import { describe, expect, it } from 'vitest';
import { open, shot, withDemo } from './harness.ts';

// A 2015-style host: jQuery 3 + Bootstrap 3, ES5, the drop-in as one module script, strict CSP.
// Its "选择企业" dialog fills the form by script ($.fn.val, no input event) and the page posts the
// form to its backend, which approves only with a valid receipt.
const env = withDemo({ subjects: 100 });
const URL_PATH = 'examples/legacy-jquery/';

/** Picks the n-th company (1-based) in the page's Bootstrap 3 modal. */
async function pick(page: import('playwright-core').Page, n: number): Promise<void> {
  await page.click('#pickEnt');
  await page.waitForSelector('#entDialog.in');
  await page.click(`#entList tr:nth-child(${n}) button`);
  await page.waitForSelector('#entDialog', { state: 'hidden' });
}

const starts = (page: import('playwright-core').Page) => page.locator('#log li').filter({ hasText: '信用核查：已发起' }).count();

describe('a legacy host page (jQuery 3 + Bootstrap 3, filled by a 选择企业 dialog)', () => {
  it('checks each chosen company once, approves a clean one and refuses a restricted one after the alert', async () => {
    const { page, problems } = await open(env.browser, env.demo.url + URL_PATH);
    await page.waitForFunction(() => (document.querySelector('credit-check') as { endpoint?: string } | null)?.endpoint);

    // 昆山瑞丰小吃店: the code lands in a hidden field by script; one check, verdict notice.
    await pick(page, 2);
    await page.waitForSelector('credit-check[state="done"][verdict="notice"]', { timeout: 15_000 });
    expect(await page.inputValue('#uscc')).toBe('92320583MA1WL3T48G');
    expect(await starts(page)).toBe(1);
    // A notice binds a response (已告知申请人): the form stays held until it is recorded.
    expect(await page.isDisabled('#acceptForm button[value="approve"]')).toBe(true);
    await page.click('credit-check >> [part="feedback"] button[type="submit"]');
    await page.waitForSelector('#log li:has-text("处理结果已记录")');
    await page.click('#acceptForm button[value="approve"]');
    await page.waitForSelector('#log .list-group-item-success');
    expect(await page.textContent('#log .list-group-item-success')).toContain('已告知申请人，正常受理');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, '8-legacy-host');

    // 杭州鑫源食品有限公司 (food ban): the alert must be confirmed before the form goes; the backend refuses.
    await pick(page, 4);
    await page.waitForSelector('credit-check[state="done"][verdict="restrict"]', { timeout: 15_000 });
    expect(await starts(page)).toBe(2);
    await page.waitForSelector('credit-check >> dialog[part="alert"][open]');
    // Every state has its own shape, not only its colour: the restrict bar is drawn inside the circle
    // (the drop-in's minified SVG keeps its self-closing shapes; without the slash the bar nests in the
    // circle and is never painted, and restrict and notice are the same red and blue discs).
    expect(await page.locator('credit-check >> dialog[part="alert"] [part="icon"] svg > rect').count()).toBe(1);
    await shot(page, '8-legacy-host-alert');
    await page.click('credit-check >> [part="acknowledge-button"]');
    // Confirmed is not responded: both ways stay shut until 不予受理 is recorded, then only the refusal opens.
    expect(await page.isDisabled('#acceptForm button[value="approve"]')).toBe(true);
    await page.click('credit-check >> [part="feedback"] button[type="submit"]');
    await page.waitForFunction(() => !(document.querySelector('#acceptForm button[value="refuse"]') as HTMLButtonElement).disabled);
    expect(await page.isDisabled('#acceptForm button[value="approve"]')).toBe(true);
    await page.click('#acceptForm button[value="refuse"]');
    await page.waitForSelector('#log .list-group-item-success:has-text("已办结（不予受理）")');
    expect(await page.textContent('#log .list-group-item-success')).toContain('限制办理');

    // 办结: the page moved to the next 办件编号, where the same company is checked again (逢办必查:
    // every application) — and once only, however often it is chosen.
    expect(await page.textContent('#applicationNo')).toBe('SZ-SP-2015-000125');
    await pick(page, 4);
    await page.waitForSelector('credit-check[state="done"][verdict="restrict"]', { timeout: 15_000 });
    expect(await starts(page)).toBe(3);
    await page.click('credit-check >> [part="acknowledge-button"]');
    await pick(page, 4);
    await page.waitForTimeout(500);
    expect(await starts(page)).toBe(3);

    // outage="defer": 应急 mode came from beside credit-check.js, under script-src 'self'.
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(loaded.some((u) => /\/credit-check\.defer-[\w-]+\.js$/.test(u))).toBe(true);
    // Nothing blocked, thrown or logged.
    expect(problems).toEqual([]);
  }, 60_000);

  it('says on screen when 应急 mode cannot be loaded (only credit-check.js was copied) and keeps the form held', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    try {
      await context.route('**/credit-check.defer-*.js', (route) => route.fulfill({ status: 404, body: 'not here' }));
      const { page } = await open(context, env.demo.url + URL_PATH);
      await page.waitForFunction(() => (document.querySelector('credit-check') as { endpoint?: string } | null)?.endpoint);
      env.demo.mock.faults.set({ kind: 'outage' });
      await pick(page, 1);
      await page.waitForSelector('credit-check[state="error"]', { timeout: 30_000 });
      await page.waitForSelector('credit-check >> [part="defer-blocked"]');
      expect(await page.textContent('credit-check >> [part="defer-blocked"]')).toContain('应急受理功能未能加载');
      // The public method refuses the same way, in both languages, and accepts nothing.
      const refused = await page.evaluate(() =>
        (document.querySelector('credit-check') as unknown as { defer: (r: object) => Promise<unknown> })
          .defer({ code: 'platform-unavailable', text: '平台中断' })
          .then(
            () => 'accepted',
            (e: { code: string; fieldErrors: { code: string }[]; messageZh: string }) =>
              `${e.code} ${e.fieldErrors[0]?.code} ${e.messageZh}`,
          ),
      );
      expect(refused).toMatch(/^CONFIG DEFER_UNAVAILABLE 应急受理功能未能加载/);
      // The guard still holds: the page's submit button stays disabled, the form cannot go.
      expect(await page.isDisabled('#acceptForm button[type="submit"]')).toBe(true);
      expect(await page.evaluate(() => (document.querySelector('#acceptForm') as HTMLFormElement).checkValidity())).toBe(false);
      expect(await page.getAttribute('credit-check', 'state')).toBe('error');
    } finally {
      env.demo.mock.faults.clear();
      await context.close();
    }
  }, 60_000);
  it('fetches what shows a result as it connects; with that file blocked it shows no result, says why and keeps the form held', async () => {
    // Loaded with the page, before anything is typed (in parallel with the token and the first check).
    const { page: fresh } = await open(env.browser, env.demo.url + URL_PATH);
    await fresh.waitForFunction(() => (document.querySelector('credit-check') as { endpoint?: string } | null)?.endpoint);
    await fresh.waitForFunction(() =>
      performance.getEntriesByType('resource').some((e) => /\/credit-check\.result-[\w-]+\.js$/.test(e.name)),
    );
    await fresh.close();

    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    try {
      await context.route('**/credit-check.result-*.js', (route) => route.fulfill({ status: 404, body: 'not here' }));
      const { page } = await open(context, env.demo.url + URL_PATH);
      await page.waitForFunction(() => (document.querySelector('credit-check') as { endpoint?: string } | null)?.endpoint);
      // 杭州鑫源食品有限公司 (food ban): the platform answers restrict, but nothing here can show it.
      await pick(page, 4);
      await page.waitForSelector('credit-check[state="error"]', { timeout: 30_000 });
      expect(await page.getAttribute('credit-check', 'verdict')).toBe(null);
      // What is on screen (a closed 技术详情 is not): one plain sentence under the failure, no code.
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point — a closed disclosure is not on screen.
      const status = await page.locator('credit-check >> [part="status"]').evaluate((el) => (el as HTMLElement).innerText);
      expect(status).toContain('核查结果的显示部分未能加载');
      expect(status).not.toMatch(/RESULT_PARTS|CONFIG|\.js|应急受理功能/);
      expect(await page.locator('credit-check >> [part="details"]').count()).toBe(0);
      // Held: no path open, the form invalid.
      expect(await page.isDisabled('#acceptForm button[value="approve"]')).toBe(true);
      expect(await page.evaluate(() => (document.querySelector('#acceptForm') as HTMLFormElement).checkValidity())).toBe(false);
      await shot(page, '8-legacy-host-result-blocked');
      // The file is back: 重新核查 (the retry) loads it and shows the verdict.
      await context.unroute('**/credit-check.result-*.js');
      await page.click('credit-check >> [part="retry-button"]');
      await page.waitForSelector('credit-check[state="done"][verdict="restrict"]', { timeout: 15_000 });
    } finally {
      await context.close();
    }
  }, 60_000);
});
