import { createClient } from '@credit-check/sdk';
import { describe, expect, it } from 'vitest';
import { open, shot, withDemo } from './harness.ts';

const env = withDemo({ subjects: 100 });
const COMPANY = { idType: 'uscc' as const, id: '91320100748204660Q' };

describe('信用提醒: a pushed alert end to end (定向推送, 003 §六; 事中事后, 002 (一))', () => {
  it('the window approves on commitment, the company is listed, the alert reaches the inbox and the backend, staff acknowledge', async () => {
    const { page, problems } = await open(env.browser, `${env.demo.url}alerts.html`);
    await page.waitForSelector('credit-alerts >> text=暂无推送');

    // The window approves the company on 告知承诺 with the same token the page uses.
    const session = (await (
      await fetch(`${env.demo.url}backend/session`, { method: 'POST', headers: { origin: new URL(env.demo.url).origin } })
    ).json()) as {
      token: string;
      endpoint: string;
      department: string;
      operator: string;
    };
    const window = createClient({ baseUrl: session.endpoint, token: session.token });
    const matters = await window.listMatters();
    const food = matters.matters.find((m) => m.code === 'FOOD_BUSINESS_LICENCE');
    const commitment = await window.signCommitment({
      subject: COMPANY,
      type: 'informed',
      matter: 'FOOD_BUSINESS_LICENCE',
      textVersion: food?.commitmentText?.version as string,
      applicationId: 'SZ-2026-004242',
    });
    expect(commitment.status).toBe('in-force');
    // …after checking it at 受理 (逢办必查): clean then.
    const atAcceptance = await window.check({
      subject: COMPANY,
      matter: 'FOOD_BUSINESS_LICENCE',
      context: { applicationId: 'SZ-2026-004242', department: session.department, operator: session.operator, channel: 'window' },
    });
    expect(atAcceptance.verdict).toBe('clear');

    // A week later the company is listed (a mock control, as a listing authority would).
    const listed = await fetch(`${env.demo.mock.origin}/__mock/entries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ subject: COMPANY, listCode: 'SERIOUS_DISHONEST' }),
    });
    const { events } = (await listed.json()) as { events: { eventId: string }[] };
    const eventId = events[0]?.eventId as string;

    // The inbox shows it without a reload, with why it came here.
    const item = page.locator('credit-alerts [part~="item"]').first();
    await item.waitFor();
    await expect.poll(() => item.textContent()).toContain('以信用承诺受理了');
    expect(await item.textContent()).toContain('列入名单');
    expect(await page.locator('credit-alerts [part="count"]').textContent()).toContain('1 条待反馈');
    // The backend received the same event by webhook, verified.
    await page.waitForSelector(`#backend-alerts li[data-event-id="${eventId}"]`, { timeout: 10_000 });
    await shot(page, 'alerts-inbox');

    // Staff record what they did.
    await item.locator('select[name="action"]').selectOption('punished');
    await item.locator('input[name="basis"]').fill('苏市监罚〔2026〕88号');
    await item.locator('button[part="ack-button"]').click();
    await item.locator('[part="acknowledged"]').waitFor();
    expect(await page.locator('credit-alerts [part="count"]').textContent()).toContain('0 条待反馈');
    await shot(page, 'alerts-acknowledged');

    // The event names the window's check; asked, the platform replays it: clean then, what changed since.
    expect(await item.textContent()).toContain(`核查编号 ${atAcceptance.serial}`);
    await item.locator('[part="compare-button"]').click();
    const comparison = item.locator('[part="comparison"]');
    await expect.poll(() => comparison.textContent()).toContain('核查以来的变化');
    expect(await comparison.textContent()).toContain('的结论：未发现需处理的信用信息；现在：');
    expect(await comparison.textContent()).toContain('新列入严重失信主体名单');
    await shot(page, 'alerts-compared');

    // …and it is a 联合奖惩案例, in the CSV a spreadsheet opens with the Chinese intact.
    const csv = await window.casesCsv();
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('苏市监罚〔2026〕88号');
    expect(problems).toEqual([]);
  });
});
