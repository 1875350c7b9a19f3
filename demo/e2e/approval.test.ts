import { ScenarioList } from '@credit-check/mock-server';
import { createClient } from '@credit-check/sdk';
import { describe, expect, it } from 'vitest';
import { fillCleanApplication, open, shot, typeInto, withDemo } from './harness.ts';

const APP = { appId: 'sandbox-app', appSecret: 'sandbox-secret-change-me' };
const env = withDemo({ subjects: 200 });

describe('the approval hall (npm start)', () => {
  it('shows every scenario subject’s expected verdict for every demo matter, without a click', async () => {
    const { scenarios } = ScenarioList.parse(await (await fetch(`${env.demo.mock.origin}/__mock/scenarios`)).json());
    const { page, problems } = await open(env.browser, env.demo.url);
    await page.waitForSelector('#scenarios li');
    for (const s of scenarios) {
      const subject = s.checks[0]?.request.subject;
      if (!subject) throw new Error(s.id);
      const [input, widget, other] = subject.idType === 'uscc' ? ['#uscc', '#org-check', '#rep-id'] : ['#rep-id', '#rep-check', '#uscc'];
      // Empty both fields first: changing the matter re-checks whatever is typed.
      for (const field of [input, other]) {
        await page.fill(field, '');
        await page.dispatchEvent(field, 'input');
      }
      for (const [i, check] of s.checks.entries()) {
        await page.selectOption('#matter', check.request.matter);
        if (i === 0) await typeInto(page, input, subject.id);
        await page.waitForFunction(
          ({ widget, matter }) => {
            const el = document.querySelector(widget) as HTMLElement & { result?: { matter: { code: string } } };
            return el?.getAttribute('state') === 'done' && el.result?.matter.code === matter;
          },
          { widget, matter: check.request.matter },
          { timeout: 10_000 },
        );
        expect(await page.getAttribute(widget, 'verdict'), `${s.id} × ${check.request.matter}`).toBe(check.verdict);
        // Confirm any alert so the next step can type (the modal makes the page inert).
        await page.evaluate((w) => (document.querySelector(w) as HTMLElement & { acknowledge(): void }).acknowledge(), widget);
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('restrict binds: approve held after the alert, the response recorded opens the refusal only, and the backend concludes it', async () => {
    const { page, problems } = await open(env.browser, env.demo.url);
    await page.waitForSelector('#scenarios li');
    await shot(page, '1-idle');
    expect(await page.isDisabled('#approve')).toBe(true);
    await typeInto(page, '#org-name', '杭州鑫源食品有限公司');
    await typeInto(page, '#uscc', '91330106MA2FD1G85L');
    const dialog = page.locator('#org-check dialog[role="alertdialog"]');
    await dialog.waitFor({ state: 'visible' });
    await shot(page, '2-restrict-alert');
    expect(await page.isDisabled('#approve')).toBe(true);
    // Keyboard only: the alert has focus; Enter confirms — and the approval stays held.
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.isDisabled('#approve')).toBe(true);
    expect(await page.isDisabled('#refuse')).toBe(true);
    // Focus went to the response: the ban offers 不予受理 (chosen) and 转人工复核 only; Enter records it.
    expect(await page.evaluate(() => document.querySelector('#org-check')?.shadowRoot?.activeElement?.getAttribute('value'))).toBe(
      'refused',
    );
    const checkId = await page.evaluate(
      () => (document.querySelector('#org-check') as HTMLElement & { result: { checkId: string } }).result.checkId,
    );
    await page.keyboard.press('Enter');
    await page.waitForSelector('#org-check >> text=已记录处理结果：不予受理');
    await shot(page, '3-feedback-recorded');
    const platform = createClient({ baseUrl: env.demo.mock.apiBase, ...APP });
    const stored = await platform.getCheck(checkId);
    expect(stored.feedback).toMatchObject({ action: 'refused', operator: 'window-01', measuresApplied: ['M-FOOD-DRUG-BAN'] });
    // Only the refusal opens; the backend concludes it.
    expect(await page.isDisabled('#approve')).toBe(true);
    expect(await page.isDisabled('#refuse')).toBe(false);
    expect(await page.isDisabled('#refer')).toBe(true);
    await page.click('#refuse');
    await page.waitForSelector('.decision');
    expect(await page.getAttribute('.decision', 'data-approved')).toBe('false');
    expect(await page.getAttribute('.decision', 'data-concluded')).toBe('true');
    expect(await page.textContent('.decision')).toContain('已按“不予受理”办结');
    expect(problems).toEqual([]);
  }, 60_000);

  it('approves a clean application after the backend verified both receipts', async () => {
    const { page } = await open(env.browser, env.demo.url);
    await fillCleanApplication(page);
    await page.waitForFunction(() => !(document.querySelector('#approve') as HTMLButtonElement).disabled);
    await shot(page, '4-clear');
    await page.click('#approve');
    await page.waitForSelector('.decision');
    expect(await page.getAttribute('.decision', 'data-approved')).toBe('true');
  }, 60_000);

  it('a case ends: decided once, locked, and the next application starts clean (issue 38)', async () => {
    const { page, problems } = await open(env.browser, env.demo.url);
    await fillCleanApplication(page);
    await page.waitForFunction(() => !(document.querySelector('#approve') as HTMLButtonElement).disabled);
    const first = await page.inputValue('#application-id');
    // The form as submitted, for a second submission of the same 办件编号 (another tab, a double click).
    const fields = await page.evaluate(() => {
      const form = document.querySelector('#approval') as HTMLFormElement;
      return [...new FormData(form, document.querySelector('#approve') as HTMLButtonElement)].map(([k, v]) => [k, String(v)]);
    });
    await page.click('#approve');
    await page.waitForSelector('.decision[data-concluded="true"]');
    expect(await page.textContent('.decision')).toContain('已受理，提交审批');
    // Locked until the next application: nothing can be typed or submitted under this decision.
    expect(await page.isDisabled('#uscc')).toBe(true);
    expect(await page.isDisabled('#approve')).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('next');
    await shot(page, '8-concluded');
    const again = await fetch(`${env.demo.url}backend/applications`, {
      method: 'POST',
      headers: { origin: new URL(env.demo.url).origin },
      body: new URLSearchParams(fields),
    });
    const repeated = (await again.json()) as { repeated?: boolean; approved: boolean; message: string };
    expect(repeated).toMatchObject({ repeated: true, approved: true });
    expect(repeated.message).toContain('不再重复办理');
    // 办理下一件: a new 办件编号, empty fields, both checks idle, no banner of the last applicant.
    await page.click('#next');
    expect(await page.inputValue('#application-id')).not.toBe(first);
    expect(await page.inputValue('#uscc')).toBe('');
    expect(await page.textContent('#decision')).toBe('');
    await page.waitForSelector('#org-check[state="idle"]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('org-name');
    expect(await page.textContent('#hold')).toContain('尚未填写统一社会信用代码');
    // The next applicant is restricted: no green banner of the one before stands under the verdict.
    await typeInto(page, '#uscc', '91330106MA2FD1G85L');
    await page.waitForSelector('#org-check[state="done"][verdict="restrict"]');
    expect(await page.locator('.decision').count()).toBe(0);
    expect(await page.evaluate(() => (document.querySelector('#org-check') as HTMLElement & { applicationId: string }).applicationId)).toBe(
      await page.inputValue('#application-id'),
    );
    expect(problems).toEqual([]);
  }, 60_000);

  it('says so when the submission itself fails (backend unreachable): not approved', async () => {
    const { page } = await open(env.browser, env.demo.url);
    await typeInto(page, '#uscc', '91320100748204660Q');
    await page.waitForFunction(() => !(document.querySelector('#approve') as HTMLButtonElement).disabled);
    await page.route('**/backend/applications', (route) => route.abort('connectionreset'));
    await page.click('#approve');
    await page.waitForSelector('.decision');
    expect(await page.getAttribute('.decision', 'data-approved')).toBe('false');
    expect(await page.textContent('.decision')).toContain('提交未完成');
  });

  it('never looks clean when the platform is down: error state, approve held', async () => {
    const { page } = await open(env.browser, env.demo.url);
    await page.waitForSelector('#scenarios li');
    await fetch(`${env.demo.mock.origin}/__mock/scenario`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'outage' }),
    });
    try {
      await typeInto(page, '#uscc', '91371003MA3RD5H69X');
      await page.waitForSelector('#org-check[state="error"]', { timeout: 20_000 });
      expect(await page.textContent('#org-check >> [part="headline"]')).toContain('信用核查未完成');
      expect(await page.getAttribute('#org-check', 'verdict')).toBeNull();
      expect(await page.isDisabled('#approve')).toBe(true);
      // Plain Chinese on the face: no transport error, verb or address (they are behind 技术详情).
      // biome-ignore lint/performance/useDomNodeTextContent: what is rendered (a closed 技术详情 is not), not the DOM's text
      const said = await page.locator('#org-check >> [part="status"]').innerText();
      expect(said).toContain('信用平台暂时无法连接');
      expect(said).not.toMatch(/POST|http|NETWORK|Could not reach/);
      await shot(page, '5-platform-down');
      await page.click('#org-check >> details[part="technical"] summary');
      expect(await page.locator('#org-check >> details[part="technical"]').textContent()).toContain('NETWORK');
      await shot(page, '5b-technical-details');
    } finally {
      await fetch(`${env.demo.mock.origin}/__mock/scenario`, { method: 'DELETE' });
    }
    await page.click('#org-check >> [part="retry-button"]');
    await page.waitForSelector('#org-check[state="done"]');
    expect(await page.getAttribute('#org-check', 'verdict')).toBe('clear');
  }, 60_000);

  it('大字模式 scales the page and both checks; the result says the subject’s supervision tier (分级分类)', async () => {
    const { page, problems } = await open(env.browser, env.demo.url);
    await page.waitForSelector('#scenarios li');
    const size = () => page.$eval('#org-check', (el) => Number.parseFloat(getComputedStyle(el).fontSize));
    const normal = await size();
    await page.check('#large-text');
    expect(await page.getAttribute('#org-check', 'text-size')).toBe('large');
    expect((await size()) / normal).toBeGreaterThanOrEqual(1.25);
    await typeInto(page, '#org-name', '威海正泰机械制造股份有限公司');
    await typeInto(page, '#uscc', '91371003MA3RD5H69X');
    await page.waitForSelector('#org-check[state="done"]');
    const tier = await page.locator('#org-check >> [part="supervision"]').textContent();
    expect(tier).toContain('降低“双随机、一公开”抽查比例和频次');
    expect(tier).toContain('纳税信用等级：A级');
    await page.locator('#org-check >> [part="supervision"]').scrollIntoViewIfNeeded();
    await shot(page, '7-large-text-tier');
    // Kept for the next visit (a clerk's setting, not personal data).
    await page.reload();
    await page.waitForSelector('#org-check[text-size="large"]');
    await page.uncheck('#large-text');
    expect(problems).toEqual([]);
  });

  it('the coverage view counts checks, verdicts and feedback of the department', async () => {
    const { page, problems } = await open(env.browser, `${env.demo.url}coverage.html`);
    await page.waitForSelector('#coverage tbody tr');
    const totals = await page.textContent('#totals');
    expect(totals).toMatch(/共核查 \d+ 次，已反馈 [1-9]\d* 次/);
    const rows = await page.locator('#coverage tbody tr').count();
    expect(rows).toBeGreaterThanOrEqual(3);
    await shot(page, '6-coverage');
    expect(problems).toEqual([]);
  });
  it('重新核查 before 办结 compares with 受理: the verdict then and what changed since, in plain words', async () => {
    const { page, problems } = await open(env.browser, env.demo.url);
    await page.waitForSelector('#scenarios li');
    await fillCleanApplication(page);
    expect(await page.getAttribute('#org-check', 'verdict')).toBe('clear');
    // The organisation is listed while the application is being handled.
    const listed = await fetch(`${env.demo.mock.origin}/__mock/entries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ subject: { idType: 'uscc', id: '91320100748204660Q' }, listCode: 'SERIOUS_DISHONEST' }),
    });
    expect(listed.status).toBe(201);
    await page.locator('#org-check [part="receipt"] button', { hasText: '重新核查' }).click();
    await page.waitForFunction(() => document.querySelector('#org-check')?.getAttribute('verdict') !== 'clear', undefined, {
      timeout: 10_000,
    });
    await page.evaluate(() => (document.querySelector('#org-check') as HTMLElement & { acknowledge(): void }).acknowledge());
    const since = page.locator('#org-check [part="since"]');
    await since.filter({ hasText: '受理以来的变化' }).waitFor();
    expect(await since.textContent()).toMatch(/受理时（.+核查编号 HC-\d{8}-\d{6}）的核查结论：未发现需处理的信用信息/);
    expect(await since.textContent()).toContain('受理后新列入严重失信主体名单');
    await since.scrollIntoViewIfNeeded();
    await shot(page, '10-since-acceptance');
    expect(problems).toEqual([]);
  });
});
