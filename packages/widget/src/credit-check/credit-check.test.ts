import { faultMatrix } from '@credit-check/mock-server';
import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { HttpResponse, http } from 'msw';
import '../define.ts';
import { validateIdNumber } from '@credit-check/sdk/identifiers';
import { checks, DEPARTMENT, eventDetails, mock, OPERATOR, requests, reset, SUBJECTS, token, worker } from '../test/harness.ts';
import type { CreditCheck } from './credit-check.ts';

interface Setup {
  matter?: string;
  subject?: string;
  idType?: 'uscc' | 'idcard';
  lang?: string;
  mode?: 'staff' | 'applicant';
  withForm?: boolean;
  token?: string;
  timeout?: number;
}

async function setup(o: Setup = {}) {
  const t = o.token ?? (await token());
  const root = await fixture<HTMLDivElement>(html`<div>
    <form id="approval" @submit=${(e: Event) => e.preventDefault()}>
      <label>统一社会信用代码 <input id="code" autocomplete="off" /></label>
      <label>名称 <input id="name" /></label>
      <button type="submit" id="approve">核准</button>
      <credit-check
        endpoint="/api/v1"
        token=${t}
        matter=${o.matter ?? 'FOOD_BUSINESS_LICENCE'}
        watch="#code"
        watch-name="#name"
        id-type=${o.idType ?? 'uscc'}
        application-id="SZ-TEST-1"
        department=${DEPARTMENT}
        operator=${OPERATOR}
        lang=${o.lang ?? 'zh-CN'}
        mode=${o.mode ?? 'staff'}
        guard="#approval"
        name="creditCheck"
        timeout=${o.timeout ?? 8000}
      ></credit-check>
    </form>
  </div>`);
  const el = root.querySelector('credit-check') as CreditCheck;
  const input = root.querySelector('#code') as HTMLInputElement;
  const nameInput = root.querySelector('#name') as HTMLInputElement;
  const form = root.querySelector('form') as HTMLFormElement;
  const approve = root.querySelector('#approve') as HTMLButtonElement;
  await el.updateComplete;
  if (o.subject) await type(input, o.subject, 'paste');
  return { root, el, input, nameInput, form, approve };
}

/** Types into the input as a person does (real key events) or pastes it in one go. */
async function type(input: HTMLInputElement, text: string, how: 'keys' | 'paste' = 'keys') {
  input.focus();
  if (how === 'keys') {
    await sendKeys({ type: text });
  } else {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

const until = (el: CreditCheck, state: string) =>
  waitUntil(() => el.state === state, `state ${state} (now ${el.state})`, { timeout: 8000 });
const shadow = (el: CreditCheck) => el.shadowRoot as ShadowRoot;
const text = (el: CreditCheck) => shadow(el).textContent?.replace(/\s+/g, ' ') ?? '';
const dialog = (el: CreditCheck) => shadow(el).querySelector('dialog') as HTMLDialogElement | null;

beforeEach(() => reset());

describe('<credit-check> checks automatically', () => {
  it('starts idle and is accessible', async () => {
    const { el } = await setup();
    expect(el.state).to.equal('idle');
    expect(el.getAttribute('state')).to.equal('idle');
    expect(text(el)).to.contain('输入统一社会信用代码后将自动核查');
    await expect(el).to.be.accessible();
  });

  it('checks once, as soon as a code typed character by character is valid — no button', async () => {
    const { el, input } = await setup();
    await type(input, SUBJECTS.foodBan.slice(0, 10));
    await el.updateComplete;
    expect(el.state).to.equal('idle');
    expect(text(el)).to.contain('已输入 10/18 位');
    await type(input, SUBJECTS.foodBan.slice(10));
    await until(el, 'done');
    expect(checks()).to.have.length(1);
    expect(JSON.parse(checks()[0]!.body).subject.id).to.equal(SUBJECTS.foodBan);
    expect(el.getAttribute('verdict')).to.equal('restrict');
  });

  it('accepts full-width and lower-case input from a Chinese IME', async () => {
    const { el, input } = await setup();
    await type(input, '９１３２０１００７４８２０４６６０ｑ', 'paste');
    await until(el, 'done');
    expect(JSON.parse(checks()[0]!.body).subject.id).to.equal(SUBJECTS.clean);
    expect(el.verdict).to.equal('clear');
  });

  it('shows why an invalid code is invalid, inline, and sends nothing', async () => {
    const { el, input } = await setup();
    await type(input, '91320100748204660R');
    await el.updateComplete;
    expect(el.state).to.equal('invalid');
    expect(text(el)).to.contain('校验码错误：第18位应为“Q”');
    await aTimeout(100);
    expect(checks()).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('shows progress while checking', async () => {
    mock.faults.set({ kind: 'latency', delayMs: 600 });
    const { el, input } = await setup();
    await type(input, SUBJECTS.clean, 'paste');
    await until(el, 'checking');
    expect(text(el)).to.contain('正在核查信用状况');
    await expect(el).to.be.accessible();
    await until(el, 'done');
  });
});

describe('typing like staff do', () => {
  it('after leaving a half-typed field, typing again shows progress, not an error, until 18 characters', async () => {
    const { el, input } = await setup();
    await type(input, '9133010');
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    expect(el.state).to.equal('invalid');
    await type(input, '6');
    await el.updateComplete;
    expect(el.state).to.equal('idle');
    expect(text(el)).to.contain('已输入 8/18 位');
  });

  it('a name typed after the code is checked once it is entered, not per keystroke', async () => {
    const { el, input, nameInput } = await setup();
    await type(input, SUBJECTS.clean, 'paste');
    await until(el, 'done');
    expect(el.verdict).to.equal('clear');
    await type(nameInput, '南京清源科技有限公司');
    await el.updateComplete;
    expect(checks()).to.have.length(1);
    nameInput.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => checks().length === 2 && el.state === 'done', 'one re-check with the name');
    expect(JSON.parse(checks()[1]!.body).subject.name).to.equal('南京清源科技有限公司');
    // The platform compared it with the registered name (重错码治理).
    expect(el.verdict).to.equal('notice');
    expect(text(el)).to.contain('不一致');
  });

  it('an invalid selector is a configuration error on screen, not an exception on every keystroke', async () => {
    const t = await token();
    const root = await fixture<HTMLDivElement>(
      html`<div><input id="x" value=${SUBJECTS.clean} /><credit-check endpoint="/api/v1" token=${t} matter="FOOD_BUSINESS_LICENCE" watch="#x[" application-id="A" department=${DEPARTMENT} operator=${OPERATOR} subject=${SUBJECTS.clean}></credit-check></div>`,
    );
    const el = root.querySelector('credit-check') as CreditCheck;
    await el.updateComplete;
    root.querySelector('#x')?.dispatchEvent(new Event('input', { bubbles: true }));
    await el.updateComplete;
    expect(el.state).to.equal('error');
    expect(text(el)).to.contain('watch (not a valid CSS selector)');
    el.watch = undefined;
    el.guard = '#approval[';
    await el.updateComplete;
    expect(el.state).to.equal('error');
    expect(text(el)).to.contain('guard (not a valid CSS selector)');
  });
});

describe('a check that did not happen never looks clean', () => {
  it('a server error is state="error", no verdict, an explicit message, an event and a retry', async () => {
    mock.faults.set({ kind: 'status', status: 500 });
    const { el, input } = await setup();
    const failed = oneEvent(el, 'credit-check-error');
    await type(input, SUBJECTS.clean, 'paste');
    const event = await failed;
    await until(el, 'error');
    expect(event.detail.code).to.equal('API_ERROR');
    expect(event.detail.status).to.equal(500);
    expect(el.hasAttribute('verdict')).to.equal(false);
    expect(text(el)).to.contain('信用核查未完成');
    expect(text(el)).to.contain('不能视为“无不良信用记录”');
    expect(shadow(el).querySelector('[part="status"]')?.className).to.equal('error');
    await expect(el).to.be.accessible();
    mock.faults.clear();
    (shadow(el).querySelector('[part="retry-button"]') as HTMLButtonElement).click();
    await until(el, 'done');
    expect(el.verdict).to.equal('clear');
  });

  it('a network failure is an error too', async () => {
    mock.faults.set({ kind: 'outage' });
    const { el, input } = await setup();
    await type(input, SUBJECTS.clean, 'paste');
    await until(el, 'error');
    expect(el.result).to.equal(undefined);
  });

  it('a failed re-check shows the earlier result marked stale, still held', async () => {
    const { el, input, approve } = await setup();
    await type(input, SUBJECTS.clean, 'paste');
    await until(el, 'done');
    mock.faults.set({ kind: 'outage' });
    el.recheck();
    await until(el, 'stale');
    expect(el.getAttribute('verdict')).to.equal('clear');
    expect(text(el)).to.contain('最新核查未完成，以下为此前结果');
    expect(shadow(el).querySelector('[part="status"]')?.className).to.equal('stale');
    expect(approve.disabled).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('missing configuration is an error, not silence', async () => {
    const root = await fixture<HTMLDivElement>(
      html`<div><credit-check subject=${SUBJECTS.clean} matter="FOOD_BUSINESS_LICENCE"></credit-check></div>`,
    );
    const el = root.querySelector('credit-check') as CreditCheck;
    await el.updateComplete;
    expect(el.state).to.equal('error');
    expect(text(el)).to.contain('缺少配置：endpoint, token, application-id, department, operator');
  });
});

describe('results', () => {
  const cases = [
    ['restrict', SUBJECTS.foodBan, '限制办理'],
    ['caution', SUBJECTS.court, '从严审核'],
    ['notice', SUBJECTS.watchlist, '提示'],
    ['clear', SUBJECTS.clean, '未发现需处理的信用信息'],
  ] as const;
  for (const [verdict, subject, words] of cases) {
    it(`renders ${verdict} in its own words, icon and colour, accessibly`, async () => {
      const { el } = await setup({ subject });
      await until(el, 'done');
      expect(el.verdict).to.equal(verdict);
      const status = shadow(el).querySelector('[part="status"]') as HTMLElement;
      expect(status.className).to.equal(verdict);
      expect(status.querySelector('[part="headline"]')?.textContent).to.contain(words);
      if (verdict === 'restrict' || verdict === 'caution') el.acknowledge();
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });
  }

  it('shows entries with authority, basis, dates and status; measures; eligibility; grade; linked subjects', async () => {
    const { el } = await setup({ subject: SUBJECTS.court, matter: 'PROCUREMENT_SUPPLIER' });
    await until(el, 'done');
    el.acknowledge();
    await el.updateComplete;
    const t = text(el);
    expect(t).to.contain('失信被执行人名单');
    expect(t).to.contain('人民法院');
    expect(t).to.contain('（2026）晋0105执1234号');
    expect(t).to.contain('限制参加政府采购活动');
    expect(t).to.contain('告知承诺：不适用');
    expect(t).to.contain('D（差）');
    expect(t).to.contain('法定代表人');
    expect(t).to.contain('140***********0315'); // the legal representative, masked
    expect(t).not.to.contain('140106197206180315');
  });

  it('shows repaired and under-objection entries as such', async () => {
    const { el, input } = await setup({ matter: 'CONSTRUCTION_PERMIT' });
    await type(input, '91320508MA1UQ6B71A', 'paste');
    await until(el, 'done');
    expect(text(el)).to.contain('异议处理中');
    el.acknowledge();
    input.value = '91320106MA1RP2E39L';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await waitUntil(() => el.state === 'done' && el.result?.subject.id === '91320106MA1RP2E39L');
    expect(text(el)).to.contain('已修复');
    expect(el.verdict).to.equal('clear');
  });

  it('renders platform text as text: <script> and <img onerror> stay inert', async () => {
    (window as unknown as { pwned?: boolean }).pwned = false;
    worker.use(
      http.post('*/api/v1/checks', async ({ request }) => {
        const real = await mock.app.fetch(request);
        const check = await real.json();
        check.entries = [
          { ...check.entries[0], listName: '<img src=x onerror="window.pwned=true">', authority: '<script>window.pwned=true</script>' },
        ];
        check.reasons[0].message['zh-CN'] = '<b>bold</b><img src=x onerror="window.pwned=true">';
        return HttpResponse.json(check, { status: 201 });
      }),
    );
    try {
      const { el } = await setup({ subject: SUBJECTS.foodBan });
      await until(el, 'done');
      el.acknowledge();
      await el.updateComplete;
      await aTimeout(50);
      expect(shadow(el).querySelector('img, script, b')).to.equal(null);
      expect(text(el)).to.contain('<img src=x onerror="window.pwned=true">');
      expect((window as unknown as { pwned?: boolean }).pwned).to.equal(false);
    } finally {
      worker.resetHandlers();
    }
  });
});

describe('alerting the window staff', () => {
  it('restrict raises a modal alertdialog that takes focus and needs acknowledgement', async () => {
    const { el } = await setup({ subject: SUBJECTS.foodBan });
    await until(el, 'done');
    await el.updateComplete;
    const d = dialog(el)!;
    expect(d.open).to.equal(true);
    expect(d.getAttribute('role')).to.equal('alertdialog');
    expect(d.getAttribute('aria-modal')).to.equal('true');
    expect(shadow(el).activeElement?.getAttribute('part')).to.equal('acknowledge-button');
    await expect(el).to.be.accessible();
    // Escape does not dismiss it.
    await sendKeys({ press: 'Escape' });
    expect(d.open).to.equal(true);
    expect(el.acknowledged).to.equal(false);
  });

  it('is acknowledged from the keyboard alone, with an event', async () => {
    const { el } = await setup({ subject: SUBJECTS.court });
    await until(el, 'done');
    await el.updateComplete;
    const acknowledged = oneEvent(el, 'credit-check-acknowledge');
    await sendKeys({ press: 'Enter' });
    const event = await acknowledged;
    expect(event.detail).to.deep.equal({ checkId: el.result!.checkId, verdict: 'caution' });
    expect(dialog(el)?.open ?? false).to.equal(false);
    expect(el.acknowledged).to.equal(true);
  });

  it('notice and clear do not interrupt', async () => {
    const { el } = await setup({ subject: SUBJECTS.watchlist });
    await until(el, 'done');
    expect(dialog(el)).to.equal(null);
  });
});

describe('guarding the approval form', () => {
  it('holds submission until the check is done and the alert acknowledged, then releases it', async () => {
    const { el, input, form, approve } = await setup();
    expect(approve.disabled, 'held before any check').to.equal(true);
    await type(input, SUBJECTS.foodBan, 'paste');
    await until(el, 'done');
    await el.updateComplete;
    expect(approve.disabled).to.equal(true);
    let submitted = 0;
    form.addEventListener('submit', () => submitted++);
    form.requestSubmit();
    expect(submitted, 'submit listeners never see a held submission').to.equal(0);
    expect(form.checkValidity()).to.equal(false);
    el.acknowledge();
    await el.updateComplete;
    expect(approve.disabled).to.equal(false);
    expect(form.checkValidity()).to.equal(true);
    form.requestSubmit();
    expect(submitted).to.equal(1);
  });

  it('holds again while a new code is being checked or has failed', async () => {
    const { el, input, approve } = await setup({ subject: SUBJECTS.clean });
    await until(el, 'done');
    await el.updateComplete;
    expect(approve.disabled).to.equal(false);
    mock.faults.set({ kind: 'status', status: 503 });
    input.value = SUBJECTS.redlist;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await until(el, 'error');
    await el.updateComplete;
    expect(approve.disabled).to.equal(true);
  });
});

describe('form value (ElementInternals)', () => {
  it('submits the check id and receipt with the host form', async () => {
    const { el, form } = await setup({ subject: SUBJECTS.clean });
    await until(el, 'done');
    await el.updateComplete;
    const data = new FormData(form);
    expect(data.get('creditCheck')).to.equal(el.result!.checkId);
    expect(String(data.get('creditCheck-receipt')).split('.')).to.have.length(3);
  });
});

describe('feedback (反馈)', () => {
  it('is sent once under a double click and shown with the receipt', async () => {
    const { el } = await setup({ subject: SUBJECTS.foodBan });
    await until(el, 'done');
    el.acknowledge();
    await el.updateComplete;
    const sent = oneEvent(el, 'credit-check-feedback');
    const button = shadow(el).querySelector('[part="feedback"] button[type="submit"]') as HTMLButtonElement;
    button.click();
    button.click();
    const event = await sent;
    await el.updateComplete;
    const posts = requests.filter((r) => r.path.endsWith('/feedback'));
    expect(posts).to.have.length(1);
    expect(event.detail).to.include({ checkId: el.result!.checkId, action: 'restricted' });
    expect(text(el)).to.contain('已反馈：已限制办理');
    const stored = mock.platform.getCheck({ kind: 'app', appId: 'sandbox-app' }, el.result!.checkId);
    expect(stored.feedback?.measuresApplied).to.deep.equal(['M-FOOD-DRUG-BAN']);
    await expect(el).to.be.accessible();
  });

  it('an override needs a reason before anything is sent', async () => {
    const { el } = await setup({ subject: SUBJECTS.clean });
    await until(el, 'done');
    await el.updateComplete;
    const override = shadow(el).querySelector('input[value="overridden"]') as HTMLInputElement;
    override.click();
    await el.updateComplete;
    const reason = shadow(el).querySelector('textarea[name="reason"]') as HTMLTextAreaElement;
    expect(reason).to.not.equal(null);
    reason.required = false; // what a careless page script might do; the element still refuses
    (shadow(el).querySelector('[part="feedback"] button[type="submit"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(text(el)).to.contain('未按核查结果办理时必须填写理由');
    expect(requests.filter((r) => r.path.endsWith('/feedback'))).to.have.length(0);
  });
});

describe('events', () => {
  it('bubble, are composed, and carry typed details without a personal ID number', async () => {
    const t = await token();
    const seen: CustomEvent[] = [];
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    for (const type of ['credit-check-start', 'credit-check-result']) host.addEventListener(type, (e) => seen.push(e as CustomEvent));
    const el = document.createElement('credit-check') as CreditCheck;
    Object.assign(el, {
      endpoint: '/api/v1',
      token: t,
      matter: 'PROCUREMENT_SUPPLIER',
      idType: 'idcard',
      applicationId: 'SZ-TEST-2',
      department: DEPARTMENT,
      operator: OPERATOR,
    });
    el.subject = SUBJECTS.legalRep;
    host.append(el);
    await until(el, 'done');
    expect(seen.map((e) => e.type)).to.deep.equal(['credit-check-start', 'credit-check-result']);
    for (const e of seen) {
      expect(e.bubbles && e.composed).to.equal(true);
      expect(JSON.stringify(e.detail)).not.to.contain(SUBJECTS.legalRep);
    }
    expect(seen[0]!.detail).to.deep.equal({
      matter: 'PROCUREMENT_SUPPLIER',
      idType: 'idcard',
      subject: '320***********1236',
      applicationId: 'SZ-TEST-2',
    });
    expect(seen[1]!.detail).to.include({ verdict: 'caution', subject: '320***********1236', matter: 'PROCUREMENT_SUPPLIER' });
    expect(text(el)).not.to.contain(SUBJECTS.legalRep);
  });
});

describe('languages', () => {
  it('speaks English with lang="en"', async () => {
    const { el } = await setup({ subject: SUBJECTS.watchlist, lang: 'en' });
    await until(el, 'done');
    expect(text(el)).to.contain('For information');
    expect(text(el)).to.contain('Watchlist');
    await expect(el).to.be.accessible();
  });
});

describe('applicant mode (online channel)', () => {
  it('shows the routes open to the applicant and records a signed commitment', async () => {
    const { el } = await setup({ subject: SUBJECTS.clean, mode: 'applicant' });
    await until(el, 'done');
    await waitUntil(() => shadow(el).querySelector('[part="commitment-form"]'), 'commitment form');
    expect(JSON.parse(checks()[0]!.body).context.channel).to.equal('online');
    expect(dialog(el)).to.equal(null);
    expect(shadow(el).querySelector('[part="feedback"]')).to.equal(null);
    expect(text(el)).to.contain('告知承诺：可适用');
    expect(text(el)).to.contain('食品经营许可信用承诺书');
    await expect(el).to.be.accessible();
    (shadow(el).querySelector('input[name="agree"]') as HTMLInputElement).click();
    (shadow(el).querySelector('[part="commitment-form"] button[type="submit"]') as HTMLButtonElement).click();
    await waitUntil(() => text(el).includes('承诺已签署'), 'signed');
    const found = mock.platform.searchCommitments(
      { kind: 'app', appId: 'sandbox-app' },
      { subject: { idType: 'uscc', id: SUBJECTS.clean } },
    );
    expect(found.commitments.some((c) => c.type === 'informed' && c.status === 'in-force' && c.applicationId === 'SZ-TEST-1')).to.equal(
      true,
    );
  });

  it('says so when the commitment text cannot be loaded, without retrying on its own, and retries on request', async () => {
    worker.use(http.get('*/api/v1/catalog/matters', () => HttpResponse.json({ code: 'UNAVAILABLE' }, { status: 503 })));
    const catalogCalls = () => requests.filter((r) => r.path === '/api/v1/catalog/matters').length;
    try {
      const { el } = await setup({ subject: SUBJECTS.clean, mode: 'applicant' });
      await until(el, 'done');
      await waitUntil(() => text(el).includes('承诺书未能加载'), 'the failure is shown', { timeout: 8000 });
      const afterFirstLoad = catalogCalls();
      await aTimeout(1500);
      expect(catalogCalls(), 'no request loop').to.equal(afterFirstLoad);
      expect(shadow(el).querySelector('[part="commitment-form"]')).to.equal(null);
      await expect(el).to.be.accessible();
      worker.resetHandlers();
      (shadow(el).querySelector('[part="details"] .actions button') as HTMLButtonElement).click();
      await waitUntil(() => shadow(el).querySelector('[part="commitment-form"]'), 'loaded after retry');
    } finally {
      worker.resetHandlers();
    }
  });

  it('explains why the fast routes are closed, and offers nothing to sign', async () => {
    const { el } = await setup({ subject: SUBJECTS.violated, mode: 'applicant' });
    await until(el, 'done');
    await aTimeout(50);
    expect(text(el)).to.contain('告知承诺：不适用');
    expect(text(el)).to.contain('存在违背信用承诺记录');
    expect(shadow(el).querySelector('[part="commitment-form"]')).to.equal(null);
  });
});

describe('strict Content-Security-Policy (the single-file bundle)', () => {
  /** The page comes from the test server with its policy as a header (see web-test-runner.config.mjs). */
  const frame = async (variant: 'strict' | 'nonce') => {
    const query = new URLSearchParams({
      variant,
      token: await token(),
      code: SUBJECTS.watchlist,
      department: DEPARTMENT,
      operator: OPERATOR,
    });
    const iframe = document.createElement('iframe');
    iframe.src = `/csp-frame.html?${query}`;
    document.body.append(iframe);
    await waitUntil(
      () => iframe.contentDocument?.querySelector('credit-check')?.getAttribute('state') === 'done',
      'checked inside the CSP frame',
      { timeout: 10000 },
    );
    const doc = iframe.contentDocument as Document;
    const el = doc.querySelector('credit-check') as CreditCheck;
    const status = el.shadowRoot?.querySelector('[part="status"]') as HTMLElement;
    const result = {
      verdict: el.getAttribute('verdict'),
      violations: (iframe.contentWindow as unknown as { cspViolations: string[] }).cspViolations,
      // Styles applied: the banner has its tinted background (not the default transparent).
      background: iframe.contentWindow?.getComputedStyle(status).backgroundColor,
      styleElements: el.shadowRoot?.querySelectorAll('style').length ?? 0,
    };
    iframe.remove();
    return result;
  };

  it("runs under script-src 'self'; style-src 'self' without a single violation", async () => {
    const r = await frame('strict');
    expect(r.violations).to.deep.equal([]);
    expect(r.verdict).to.equal('notice');
    expect(r.background).to.not.equal('rgba(0, 0, 0, 0)');
    expect(r.styleElements, 'adopted stylesheets, no <style> elements').to.equal(0);
  });

  it('falls back to <style> elements carrying the page nonce where adoptedStyleSheets is missing', async () => {
    const r = await frame('nonce');
    expect(r.violations).to.deep.equal([]);
    expect(r.styleElements).to.be.greaterThan(0);
    expect(r.background).to.not.equal('rgba(0, 0, 0, 0)');
  });
});

describe('fault matrix: every platform fault ends as an error with its code, never a verdict', () => {
  for (const { name, fault, code } of faultMatrix(400)) {
    it(`${name} → ${code}`, async () => {
      mock.faults.set(fault);
      const { el, input, approve } = await setup({ timeout: 400 });
      const failed = oneEvent(el, 'credit-check-error');
      await type(input, SUBJECTS.clean, 'paste');
      const event = await failed;
      await until(el, 'error');
      expect(event.detail.code).to.equal(code);
      expect(el.hasAttribute('verdict')).to.equal(false);
      expect(el.result).to.equal(undefined);
      expect(text(el)).to.contain('信用核查未完成');
      await el.updateComplete;
      expect(approve.disabled).to.equal(true);
    });
  }
});

describe('print view', () => {
  it('prints the receipt alone: a temporary page stylesheet hides the rest, removed after printing', async () => {
    const { el } = await setup({ subject: SUBJECTS.clean });
    await until(el, 'done');
    const original = window.print;
    const before = document.adoptedStyleSheets.length;
    let during: { printing: boolean; sheets: number; hidesPage: boolean } | undefined;
    window.print = () => {
      const sheet = document.adoptedStyleSheets.at(-1);
      during = {
        printing: el.hasAttribute('printing'),
        sheets: document.adoptedStyleSheets.length,
        hidesPage: [...(sheet?.cssRules ?? [])].some((r) => r.cssText.includes('visibility: hidden')),
      };
    };
    try {
      (shadow(el).querySelector('[part="receipt"] button') as HTMLButtonElement).click();
      expect(during).to.deep.equal({ printing: true, sheets: before + 1, hidesPage: true });
      window.dispatchEvent(new Event('afterprint'));
      expect(el.hasAttribute('printing')).to.equal(false);
      expect(document.adoptedStyleSheets.length).to.equal(before);
    } finally {
      window.print = original;
    }
  });
});

describe('PII across this whole run', () => {
  it('no event detail carried a personal ID number', () => {
    expect(eventDetails.length).to.be.greaterThan(50);
    const leaks = eventDetails.filter((d) => [...d.matchAll(/\d{17}[\dXx]/g)].some((m) => validateIdNumber(m[0]).valid));
    expect(leaks).to.deep.equal([]);
  });
});
