import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../alerts.ts';
import { http } from 'msw';
import { DEPARTMENT, mock, reset, SUBJECTS, token, worker } from '../test/harness.ts';
import type { CreditAlerts, CreditAlertsAckDetail, CreditAlertsNewDetail } from './credit-alerts.ts';
import { retryDelay } from './inbox.ts';

const APP = { kind: 'app', appId: 'sandbox-app' } as const;

async function setup(scopes = ['events:read', 'feedback:write']) {
  const t = await token(scopes);
  const el = await fixture<CreditAlerts>(html`<credit-alerts endpoint="/api/v1" token=${t} interval="100"></credit-alerts>`);
  return el;
}
const shadow = (el: CreditAlerts) => el.shadowRoot as ShadowRoot;
const items = (el: CreditAlerts) => [...shadow(el).querySelectorAll('[part~="item"]')];
const list = (id: string, idType: 'uscc' | 'idcard' = 'uscc', listCode = 'SERIOUS_DISHONEST') =>
  mock.platform.controls.listEntry({ subject: { idType, id }, listCode });

describe('<credit-alerts>', () => {
  beforeEach(async () => {
    await reset();
    // The sandbox window follows every subject registered in 江苏 (region 32) and 山西 (14).
    await mock.platform.subscriptions.create(APP, { department: DEPARTMENT, region: '32' });
    await mock.platform.subscriptions.create(APP, { department: DEPARTMENT, region: '14' });
  });

  it('shows the department’s pushed events newest first with the count to acknowledge, and takes feedback', async () => {
    await list(SUBJECTS.clean);
    await list(SUBJECTS.procurement);
    const el = await setup();
    await waitUntil(() => items(el).length === 2, 'two events');
    expect(el.unacknowledged).to.equal(2);
    expect(el.getAttribute('unacknowledged')).to.equal('2');
    expect(items(el)[0]?.textContent).to.contain(SUBJECTS.procurement);
    expect(items(el)[0]?.textContent).to.contain('列入名单');
    expect(items(el)[0]?.textContent).to.contain('该主体登记在贵单位订阅的地区');
    await expect(el).to.be.accessible();

    const form = items(el)[0]?.querySelector('form') as HTMLFormElement;
    (form.querySelector('select') as HTMLSelectElement).value = 'not-applicable';
    (form.querySelector('button') as HTMLButtonElement).click();
    await waitUntil(() => shadow(el).querySelector('.error'), 'the reason is required');
    expect(shadow(el).querySelector('.error')?.textContent).to.contain('不适用');

    (form.querySelector('select') as HTMLSelectElement).value = 'punished';
    (form.querySelector('input[name="amount"]') as HTMLInputElement).value = '5000';
    const acked = oneEvent(el, 'credit-alerts-ack');
    (form.querySelector('button') as HTMLButtonElement).click();
    const detail = ((await acked) as CustomEvent<CreditAlertsAckDetail>).detail;
    expect(detail.action).to.equal('punished');
    await waitUntil(() => items(el)[0]?.querySelector('[part="acknowledged"]'), 'recorded');
    expect(items(el)[0]?.textContent).to.contain('已惩戒，金额 5000 元');
    expect(el.unacknowledged).to.equal(1);
  });

  it('compares an event with the department’s own check it was routed by: the verdict then and now, and what changed', async () => {
    const checked = await mock.platform.checks.create(APP, {
      subject: { idType: 'uscc', id: SUBJECTS.clean },
      matter: 'PROCUREMENT_SUPPLIER',
      context: { applicationId: 'SZ-ALERTS-1', department: DEPARTMENT, operator: 'window-01', channel: 'window' },
    });
    expect(checked.verdict).to.equal('clear');
    await list(SUBJECTS.clean);
    const el = await setup(['events:read', 'feedback:write', 'checks:read']);
    await waitUntil(() => items(el).length === 1, 'the listing');
    const item = items(el)[0] as HTMLElement;
    expect(item.textContent).to.contain(`（核查编号 ${checked.serial}）`);
    (item.querySelector('[part="compare-button"]') as HTMLButtonElement).click();
    await waitUntil(() => item.querySelector('[part="comparison"]')?.textContent?.includes('核查以来的变化'), 'the comparison');
    const said = item.querySelector('[part="comparison"]')?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(said).to.contain(`核查编号 ${checked.serial}）的结论：未发现需处理的信用信息；现在：限制办理`);
    expect(said).to.contain('新列入严重失信主体名单');
    await expect(el).to.be.accessible();
  });

  it('a comparison the token may not make is said in plain words', async () => {
    await mock.platform.checks.create(APP, {
      subject: { idType: 'uscc', id: SUBJECTS.clean },
      matter: 'PROCUREMENT_SUPPLIER',
      context: { applicationId: 'SZ-ALERTS-2', department: DEPARTMENT, operator: 'window-01', channel: 'window' },
    });
    await list(SUBJECTS.clean);
    const el = await setup();
    await waitUntil(() => items(el).length === 1, 'the listing');
    ((items(el)[0] as HTMLElement).querySelector('[part="compare-button"]') as HTMLButtonElement).click();
    await waitUntil(() => items(el)[0]?.querySelector('[part="comparison"].error'), 'refused');
    const said = items(el)[0]?.querySelector('[part="comparison"]')?.textContent ?? '';
    expect(said).to.contain('未能对比核查时的结论：');
    expect(said).not.to.match(/SCOPE|checks:read|403/);
  });

  it('counts an acknowledgement once, also when a poll answers between the ack and its reply (issue 38’s flake)', async () => {
    await list(SUBJECTS.clean);
    await list(SUBJECTS.procurement);
    // The platform records the ack at once but its reply is slow: polls (every 100 ms) meanwhile
    // already count it. Subtracting one more on the reply made 2 → 1 → 0.
    worker.use(
      http.post('*/api/v1/events/:eventId/ack', async ({ request }) => {
        const answer = await mock.app.fetch(request);
        await new Promise((r) => setTimeout(r, 400));
        return answer;
      }),
    );
    try {
      const el = await setup();
      await waitUntil(() => items(el).length === 2, 'two events');
      const form = items(el)[0]?.querySelector('form') as HTMLFormElement;
      (form.querySelector('select') as HTMLSelectElement).value = 'punished';
      const acked = oneEvent(el, 'credit-alerts-ack');
      (form.querySelector('button') as HTMLButtonElement).click();
      await waitUntil(() => el.unacknowledged === 1, 'a poll counted the ack before its reply', { timeout: 3000 });
      await acked;
      await el.updateComplete;
      expect(el.unacknowledged).to.equal(1);
      await aTimeout(250);
      expect(el.unacknowledged).to.equal(1);
    } finally {
      worker.resetHandlers();
    }
  });

  it('is live while open: a new event appears without reload and is announced', async () => {
    const el = await setup();
    await waitUntil(() => shadow(el).textContent?.includes('暂无推送'), 'empty inbox');
    const arrived = oneEvent(el, 'credit-alerts-new');
    await list(SUBJECTS.personDebtor, 'idcard', 'COURT_DISHONEST_DEBTOR');
    const detail = ((await arrived) as CustomEvent<CreditAlertsNewDetail>).detail;
    expect(detail.count).to.equal(1);
    expect(JSON.stringify(detail)).not.to.contain(SUBJECTS.personDebtor);
    await waitUntil(() => items(el).length === 1, 'shown');
    // A person's ID number is masked on screen.
    expect(shadow(el).textContent).not.to.contain(SUBJECTS.personDebtor);
    expect(shadow(el).textContent).to.match(/140\*+2176/);
  });

  it('says the inbox could not be read instead of looking empty, and recovers', async () => {
    await list(SUBJECTS.clean);
    mock.faults.set({ kind: 'outage' });
    const el = await setup();
    await waitUntil(() => shadow(el).querySelector('[part="status"][role="alert"]'), 'outage shown');
    expect(shadow(el).textContent).to.contain('推送暂时无法获取');
    expect(shadow(el).textContent).not.to.contain('暂无推送');
    mock.faults.clear();
    await waitUntil(() => items(el).length === 1, 'recovered', { timeout: 5000 });
    expect(shadow(el).querySelector('[role="alert"]')).to.equal(null);
  });

  it('refuses a token without events:read in words staff can act on', async () => {
    const el = await setup(['checks:read']);
    await waitUntil(() => shadow(el).querySelector('[part="status"][role="alert"]'), 'refused');
    // Plain words: no scope name on a clerk's screen.
    expect(shadow(el).textContent).to.contain('当前账号无权读取信用提醒');
    expect(shadow(el).textContent).not.to.match(/events:read|[A-Z]+_[A-Z]+/);
    await aTimeout(10);
  });

  it('a grade change says its 分级分类监管 tier in one line, and a positive one never offers 已惩戒', async () => {
    // 南京天成 (repaired; 良好 + 建筑市场 A): raised to 优秀 it earns fewer inspections — 已激励 offered, never 已惩戒.
    await mock.platform.controls.setGrade({ idType: 'uscc', id: '91320106MA1RP2E39L' }, 'A');
    const el = await setup();
    await waitUntil(() => items(el).length === 1, 'the grade change');
    const item = items(el)[0] as HTMLElement;
    expect(item.textContent).to.contain('信用评价等级变化');
    expect(item.querySelector('[part="supervision"]')?.textContent).to.contain('由“按常规比例和频次抽查”改为“降低抽查比例和频次”');
    expect((item.querySelector('select[name="action"]') as HTMLSelectElement).value).to.equal('rewarded');
    await mock.platform.controls.setGrade({ idType: 'uscc', id: '91320106MA1RP2E39L' }, 'C');
    await waitUntil(() => items(el).length === 2, 'the next change');
    const worse = items(el)[0] as HTMLElement;
    // A grade falling is not a punishment either: nothing is preselected, the staff choose.
    expect((worse.querySelector('select[name="action"]') as HTMLSelectElement).value).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('backs off while failing: doubling from the interval, at most 5 minutes', () => {
    expect(retryDelay(1000, 1, () => 1)).to.equal(2000);
    expect(retryDelay(1000, 3, () => 0)).to.equal(4000);
    expect(retryDelay(15_000, 20, () => 1)).to.equal(300_000);
  });
});
