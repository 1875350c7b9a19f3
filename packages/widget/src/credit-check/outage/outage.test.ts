import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../define.ts';
import { Connection, type CreditCheckError, signWidgetToken } from '@credit-check/sdk';
import { answered, DEPARTMENT, mock, OPERATOR, requests, reset, SUBJECTS, token } from '../../test/harness.ts';
import type { CreditCheck } from '../credit-check.ts';
import type { CreditCheckResultDetail } from '../events.ts';
import { deferralPolicy } from './policy.ts';

// 应急 mode (outage="defer"): 先行受理，事后补查 — the counter keeps working through an outage and
// nothing is lost. PROCUREMENT_SUPPLIER allows deferral; FOOD_BUSINESS_LICENCE (市场禁入) forbids it.
const DEFER_SCOPES = ['checks:write', 'checks:read', 'checks:defer', 'feedback:write', 'catalog:read'];

let applications = 0;

interface Setup {
  matter?: string;
  scopes?: string[];
  outage?: 'hold' | 'defer';
  /** Leave department/operator out: they come from the token's claims. */
  fromClaims?: boolean;
  /** Another spelling of the same API root: a policy read of its own (default `/api/v1`). */
  endpoint?: string;
  /** Leave the policy to the element (default: read it first, while the platform is up). */
  ownPolicyRead?: boolean;
  /** A token made elsewhere (default: minted by the platform with `scopes`). */
  token?: string;
}

async function setup(o: Setup = {}) {
  const t = o.token ?? (await token(o.scopes ?? DEFER_SCOPES));
  // One application per test: a 补查 still under way from an earlier test cannot be counted here.
  const applicationId = `SZ-OUTAGE-${++applications}`;
  const root = await fixture<HTMLDivElement>(html`<div>
    <form id="approval" @submit=${(e: Event) => e.preventDefault()}>
      <input id="code" />
      <button type="submit" id="approve">受理</button>
      <credit-check
        endpoint=${o.endpoint ?? '/api/v1'}
        token=${t}
        matter=${o.matter ?? 'PROCUREMENT_SUPPLIER'}
        watch="#code"
        application-id=${applicationId}
        department=${o.fromClaims ? '' : DEPARTMENT}
        operator=${o.fromClaims ? '' : OPERATOR}
        outage=${o.outage ?? 'defer'}
        guard="#approval"
        name="creditCheck"
        timeout="300"
      ></credit-check>
    </form>
  </div>`);
  const el = root.querySelector('credit-check') as CreditCheck;
  const input = root.querySelector('#code') as HTMLInputElement;
  const form = root.querySelector('form') as HTMLFormElement;
  const approve = root.querySelector('#approve') as HTMLButtonElement;
  // The matter policy is read while the platform is up (the counter opened in the morning).
  // (Read once per page and shared by every element: the same read the element started.)
  if ((o.outage ?? 'defer') === 'defer' && !o.ownPolicyRead)
    await deferralPolicy('/api/v1', new Connection({ baseUrl: '/api/v1', token: t }));
  await el.updateComplete;
  return { root, el, input, form, approve, applicationId };
}

const part = (el: CreditCheck, name: string) => el.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
const text = (el: CreditCheck) => el.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';
const deferredChecks = () => requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/checks' && r.body.includes('"deferred"'));

/** The distinct 补查 the platform recorded for an application (a replayed send answers the same check). */
const recorded = (applicationId: string) =>
  new Set(answered.filter((a) => a.deferred && a.applicationId === applicationId).map((a) => a.checkId)).size;

async function fill(input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

async function outageError(el: CreditCheck, input: HTMLInputElement, subject: string = SUBJECTS.procurement) {
  mock.faults.set({ kind: 'outage' });
  await fill(input, subject);
  await waitUntil(() => el.state === 'error', `error (now ${el.state})`, { timeout: 10_000 });
}

/** Everything stored in the page's IndexedDB, as text (ArrayBuffers decoded as UTF-8). */
async function idbDump(): Promise<string> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('credit-check');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const out: string[] = [];
  for (const name of db.objectStoreNames) {
    const all = await new Promise<unknown[]>((resolve) => {
      const r = db.transaction(name).objectStore(name).getAll();
      r.onsuccess = () => resolve(r.result);
    });
    out.push(
      JSON.stringify(all, (_k, v) =>
        v instanceof ArrayBuffer || ArrayBuffer.isView(v)
          ? new TextDecoder().decode(v as ArrayBuffer)
          : v instanceof CryptoKey
            ? `[key extractable=${v.extractable}]`
            : v,
      ),
    );
  }
  db.close();
  return out.join('\n');
}

async function clearIdb() {
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase('credit-check');
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
}

beforeEach(async () => {
  await reset();
  await clearIdb();
});
// Nothing this file kept may be sent by the elements of the next file (they share the browser's IndexedDB).
after(async () => {
  mock.faults.clear();
  await clearIdb();
});

describe('outage="defer": 先行受理，事后补查', () => {
  it('offers deferral only for an outage, refuses a missing reason, then releases the guard with a deferral (no ID anywhere)', async () => {
    const { el, input, form, approve, applicationId } = await setup();
    await outageError(el, input);
    expect(approve.disabled).to.equal(true);
    part(el, 'defer-button')?.click();
    await el.updateComplete;
    const deferForm = part(el, 'defer-form') as HTMLFormElement;
    expect(deferForm).to.exist;
    await expect(el).shadowDom.to.be.accessible();
    // Missing reason: refused with the contract's words, nothing stored, still held.
    deferForm.requestSubmit();
    await waitUntil(() => part(el, 'defer-form')?.querySelector('[role="alert"]'), 'reason error');
    expect(text(el)).to.contain('先行受理必须选择原因并填写具体情况');
    expect(el.state).to.equal('error');
    expect(approve.disabled).to.equal(true);
    let refused: CreditCheckError | undefined;
    await el.defer({ code: 'platform-unavailable', text: '' }).catch((e) => (refused = e));
    expect(refused?.fieldErrors[0]?.code).to.equal('DEFERRAL_REASON_REQUIRED');
    // The error names the field it is about, and goes once the reason is written (a stale error beside
    // a filled form reads as a refusal of what the clerk has just typed).
    const textarea = deferForm.querySelector('textarea') as HTMLTextAreaElement;
    expect(textarea.getAttribute('aria-invalid')).to.equal('true');
    const errorId = textarea.getAttribute('aria-describedby') ?? '';
    expect(el.shadowRoot?.getElementById(errorId)?.textContent).to.contain('先行受理必须选择原因并填写具体情况');
    textarea.value = '   ';
    textarea.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(part(el, 'defer-form')?.querySelector('[role="alert"]'), 'blank is still no reason').to.exist;
    // With a reason: the error goes, then deferred.
    textarea.value = '信用平台无响应，已电话报备';
    textarea.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(part(el, 'defer-form')?.querySelector('[role="alert"]')).to.equal(null);
    expect(textarea.getAttribute('aria-invalid')).to.equal('false');
    const deferred = oneEvent(el, 'credit-check-deferred');
    deferForm.requestSubmit();
    const { detail } = await deferred;
    expect(el.state).to.equal('deferred');
    expect(el.getAttribute('state')).to.equal('deferred');
    expect(detail).to.deep.include({ applicationId, matter: 'PROCUREMENT_SUPPLIER', operator: OPERATOR, department: DEPARTMENT });
    expect(detail.reason).to.deep.equal({ code: 'platform-unavailable', text: '信用平台无响应，已电话报备' });
    expect(detail.deferralId).to.match(/^dfr_[a-z0-9]{16}$/);
    expect(approve.disabled).to.equal(false);
    const data = new FormData(form);
    expect(data.get('creditCheck')).to.equal(`deferred:${detail.deferralId}`);
    expect(data.get('creditCheck-receipt')).to.equal(null);
    expect(JSON.parse(String(data.get('creditCheck-deferral')))).to.deep.equal(detail);
    expect(text(el)).to.contain('已先行受理，待补查');
    await expect(el).shadowDom.to.be.accessible();
    // Nothing readable in IndexedDB contains the identifier; the key cannot be exported.
    const dump = await idbDump();
    expect(dump).to.contain(detail.deferralId);
    expect(dump).not.to.contain(SUBJECTS.procurement);
    expect(dump).to.contain('[key extractable=false]');
    expect(JSON.stringify(detail)).not.to.contain(SUBJECTS.procurement);
    // Back up: its one 补查 goes out (and nothing is left pending for the next test).
    mock.faults.clear();
    await waitUntil(() => recorded(applicationId) === 1, 'the 补查 of this deferral', { timeout: 15_000 });
  });

  it('sends exactly one 补查 when the platform is back; a restricting 补查 withdraws the 先行受理 on the page, alerts and binds', async () => {
    const { el, input, approve, form, applicationId } = await setup();
    await outageError(el, input);
    const { deferralId } = await el.defer({ code: 'network-failure', text: '专线中断' });
    expect(approve.disabled).to.equal(false);
    // Tried at once (and failed: still down).
    await waitUntil(() => deferredChecks().length > 0, 'the first attempt');
    expect(recorded(applicationId)).to.equal(0);
    // The result of this deferral (an earlier test's deferral may be settled first: nothing is lost).
    const result = new Promise<CreditCheckResultDetail>((resolve) => {
      const hear = (e: HTMLElementEventMap['credit-check-result']) => {
        if (e.detail.deferralId !== deferralId) return;
        el.removeEventListener('credit-check-result', hear);
        resolve(e.detail);
      };
      el.addEventListener('credit-check-result', hear);
    });
    mock.faults.clear();
    const detail = await result;
    // The host hears it (the application it accepted must now be handled as the 补查 says).
    expect(detail).to.include({ deferred: true, deferralId, applicationId, verdict: 'restrict' });
    // The harness books answers after reading their bodies (asynchronously): the page may hear first.
    await waitUntil(() => recorded(applicationId) > 0, 'the 补查 is booked');
    expect(recorded(applicationId)).to.equal(1);
    // The 先行受理 is withdrawn on the page: the 补查 is the element's result, said so, and the form is held again.
    await waitUntil(() => el.state === 'done' && el.verdict === 'restrict', `the 补查 is the result (now ${el.state})`);
    expect(el.deferral).to.equal(undefined);
    expect(text(el)).to.contain('先行受理已撤回');
    expect(text(el)).not.to.contain('已先行受理，待补查');
    expect(approve.disabled).to.equal(true);
    expect(new FormData(form).get('creditCheck')).to.equal(el.result?.checkId ?? '');
    // Its alert is the element's own (the notice is not shown twice), and Escape never takes it away.
    const alert = () => el.shadowRoot?.querySelector<HTMLDialogElement>('dialog[part="alert"]');
    await waitUntil(() => alert()?.open, 'the alert opens');
    expect(el.shadowRoot?.querySelector(`[data-deferral="${deferralId}"]`)).to.equal(null);
    for (let i = 0; i < 3; i++) {
      await sendKeys({ press: 'Escape' });
      // Refused, or closed by the browser (a page may refuse one Escape per user activation) and opened
      // again on its `close` event — a task after the key, so wait for it rather than look at once.
      await waitUntil(() => alert()?.open, `open again after Escape ${i + 1}`, { timeout: 2_000 });
    }
    el.acknowledge();
    await el.updateComplete;
    expect(approve.disabled, 'confirmed is not responded').to.equal(true);
    await expect(el).shadowDom.to.be.accessible();
    const fed = oneEvent(el, 'credit-check-feedback');
    el.shadowRoot?.querySelector<HTMLFormElement>('[part="feedback"] form')?.requestSubmit();
    expect((await fed).detail).to.include({ action: 'refused', path: 'refuse' });
    await el.updateComplete;
    // 不予受理 opens the refusal only: this form has no refusal button, so nothing can be submitted.
    expect(approve.disabled).to.equal(true);
    await waitUntil(async () => !(await idbDump()).includes(deferralId), 'notice gone from IndexedDB once fed back');
    // Exactly one 补查 reached the platform, however often it was tried.
    expect(recorded(applicationId)).to.equal(1);
  });

  it('a 补查 past the matter’s window (an outage of more than a day) comes back as a notice to check by hand, in plain words', async () => {
    const { el, input, applicationId } = await setup();
    await outageError(el, input);
    const { deferralId } = await el.defer({ code: 'network-failure', text: '专线中断' });
    // The outage lasts past the 24 hours the catalogue gives PROCUREMENT_SUPPLIER for its 补查.
    await mock.platform.advanceClock(25 * 3_600_000);
    try {
      mock.faults.clear();
      const notice = () => el.shadowRoot?.querySelector(`[data-deferral="${deferralId}"]`);
      await waitUntil(() => notice(), 'the notice of the refused 补查', { timeout: 15_000 });
      const said = notice()?.textContent ?? '';
      expect(said).to.contain('超过补查时限');
      expect(said).to.contain('人工核查');
      expect(said).to.contain(applicationId);
      expect(said).not.to.match(/DEFERRAL_EXPIRED|422|checks:defer/);
      expect(recorded(applicationId)).to.equal(0);
    } finally {
      await mock.platform.advanceClock(-25 * 3_600_000);
    }
  });

  it('an element removed while 应急 mode was loading never speaks for the page: the next one sends the 补查', async () => {
    // The page's first counter is gone before its 应急 chunk arrived (a tab switch, a re-render); its
    // token is one the platform refuses. It used to attach to the sender anyway, never to detach,
    // and as the first listener its token sent every 补查 — refused, so none was sent.
    const gone = document.createElement('credit-check') as CreditCheck;
    Object.assign(gone, {
      endpoint: '/api/v1',
      token: 'cct_refused-token',
      department: DEPARTMENT,
      operator: OPERATOR,
      matter: 'PROCUREMENT_SUPPLIER',
      applicationId: 'SZ-GONE',
      outage: 'defer',
    });
    document.body.append(gone);
    await gone.updateComplete;
    gone.remove();
    await aTimeout(200);
    const { el, input, applicationId } = await setup();
    await outageError(el, input);
    await el.defer({ code: 'platform-unavailable', text: '平台中断' });
    mock.faults.clear();
    await waitUntil(() => recorded(applicationId) === 1, 'the 补查, sent with the live element’s token', { timeout: 15_000 });
  });

  describe('a counter opened while the platform is already down (a fresh profile, a reload during an outage)', () => {
    // The backend signed the token itself (no platform needed) and put in it the matters whose
    // catalogue policy allows 先行受理, as it last read them (issue 38). Each test spells the API
    // root as no other test of this page does, so nothing was read or kept for it before.
    const signed = async (deferrals?: string[]) =>
      (
        await signWidgetToken(
          { appId: 'sandbox-app', appSecret: 'sandbox-secret-change-me', dangerouslyAllowBrowser: true },
          {
            department: DEPARTMENT,
            operator: OPERATOR,
            matters: ['*'],
            scopes: DEFER_SCOPES as never,
            ...(deferrals ? { deferrals } : {}),
          },
        )
      ).token;

    it('offers 先行受理 where the token says the matter allows it, and its 补查 goes once the platform is back', async () => {
      mock.faults.set({ kind: 'outage' });
      const { el, input, approve, applicationId } = await setup({
        endpoint: '/api/v1/',
        ownPolicyRead: true,
        token: await signed(['PROCUREMENT_SUPPLIER']),
      });
      await fill(input, SUBJECTS.procurement);
      await waitUntil(() => el.state === 'error' && part(el, 'defer-button'), `the offer (shown: ${text(el)})`, { timeout: 10_000 });
      expect(text(el)).to.contain('信用平台暂时无法连接');
      expect(text(el)).not.to.contain('授权已失效');
      expect(el.deferrable).to.equal(true);
      await el.defer({ code: 'platform-unavailable', text: '开门时信用平台已中断' });
      await waitUntil(() => el.state === 'deferred');
      expect(approve.disabled).to.equal(false);
      mock.faults.clear();
      await waitUntil(() => recorded(applicationId) === 1, 'the 补查', { timeout: 15_000 });
    });

    it('keeps the form held where the token says the matter does not allow it', async () => {
      mock.faults.set({ kind: 'outage' });
      const { el, input, approve } = await setup({
        endpoint: `${location.origin}/api/v1/`,
        ownPolicyRead: true,
        token: await signed(['CONSTRUCTION_PERMIT']),
      });
      await fill(input, SUBJECTS.procurement);
      await waitUntil(() => el.state === 'error' && part(el, 'defer-blocked'), 'why not');
      expect(part(el, 'defer-blocked')?.textContent).to.contain('本事项不允许先行受理');
      expect(approve.disabled).to.equal(true);
      mock.faults.clear();
    });

    it('where nobody ever knew the policy, stays held and says why in one plain sentence', async () => {
      mock.faults.set({ kind: 'outage' });
      // '/./api/v1/' is /api/v1/ to fetch, and a key of its own to the page's policy reads.
      const { el, input, approve } = await setup({ endpoint: '/./api/v1/', ownPolicyRead: true, token: await signed() });
      await fill(input, SUBJECTS.procurement);
      await waitUntil(() => el.state === 'error' && part(el, 'defer-blocked'), 'why not');
      expect(part(el, 'defer-blocked')?.textContent).to.contain('未能取得本事项的应急受理政策');
      expect(approve.disabled).to.equal(true);
      mock.faults.clear();
    });
  });

  it('keeps the form held where the matter forbids deferral (市场禁入)', async () => {
    const { el, input, approve } = await setup({ matter: 'FOOD_BUSINESS_LICENCE' });
    await outageError(el, input, SUBJECTS.clean);
    expect(part(el, 'defer-button')).to.equal(null);
    expect(part(el, 'defer-blocked')?.textContent).to.contain('本事项不允许先行受理');
    const e = (await el.defer({ code: 'platform-unavailable', text: '平台无响应' }).catch((x) => x)) as CreditCheckError;
    expect(e.fieldErrors[0]?.code).to.equal('DEFER_FORBIDDEN');
    expect(el.state).to.equal('error');
    expect(approve.disabled).to.equal(true);
  });

  it('a counter whose policy read failed learns the policy when another element on the page reads it', async () => {
    // The page opened while the catalogue did not answer: the policy is unknown (nothing is deferred).
    const endpoint = `${location.origin}/api/v1`;
    mock.faults.set({ kind: 'outage', pathPrefix: '/api/v1/catalog' });
    const connection = new Connection({ baseUrl: endpoint, token: await token(DEFER_SCOPES) });
    expect(await deferralPolicy(endpoint, connection)).to.equal(undefined);
    const { el, input } = await setup({ endpoint, ownPolicyRead: true });
    await outageError(el, input);
    await waitUntil(() => part(el, 'defer-blocked'), 'why not: the policy is unknown');
    expect(part(el, 'defer-button')).to.equal(null);
    mock.faults.clear();
    // Another element of the page (the legal representative's check) had a live answer and read it again.
    expect(await deferralPolicy(endpoint, connection, true)).to.have.property('PROCUREMENT_SUPPLIER', 'allowed');
    mock.faults.set({ kind: 'outage' });
    el.recheck();
    await waitUntil(() => el.state === 'error' && part(el, 'defer-button'), `the offer (shown: ${text(el)})`, { timeout: 10_000 });
  });

  it('refuses a token without checks:defer', async () => {
    const { el, input, approve } = await setup({ scopes: ['checks:write', 'checks:read', 'catalog:read'] });
    await outageError(el, input);
    // In plain words: no scope name on a clerk's screen.
    expect(part(el, 'defer-blocked')?.textContent).to.contain('未获先行受理授权');
    expect(part(el, 'defer-blocked')?.textContent).not.to.match(/[a-z]+:[a-z]+/);
    expect((await el.defer({ code: 'other', text: '测试' }).catch((x) => x)).fieldErrors[0].code).to.equal('DEFER_SCOPE');
    expect(approve.disabled).to.equal(true);
  });

  it('refuses, and stays held, when the deferral cannot be kept in this browser', async () => {
    const { el, input, approve } = await setup();
    await outageError(el, input);
    const encrypt = crypto.subtle.encrypt;
    crypto.subtle.encrypt = () => Promise.reject(new DOMException('blocked', 'OperationError'));
    try {
      const e = (await el.defer({ code: 'other', text: '测试' }).catch((x) => x)) as CreditCheckError;
      expect(e.fieldErrors[0]?.code).to.equal('DEFER_STORAGE');
      expect(e.messageZh).to.contain('无法保存先行受理记录');
    } finally {
      crypto.subtle.encrypt = encrypt;
    }
    expect(el.state).to.equal('error');
    expect(approve.disabled).to.equal(true);
  });

  it('offers nothing with outage="hold" (the default behaviour)', async () => {
    const { el, input, approve } = await setup({ outage: 'hold' });
    await outageError(el, input);
    expect(part(el, 'defer')).to.equal(null);
    expect(part(el, 'defer-blocked')).to.equal(null);
    expect((await el.defer({ code: 'other', text: '测试' }).catch((x) => x)).fieldErrors[0].code).to.equal('DEFER_HOLD');
    expect(approve.disabled).to.equal(true);
  });

  it('a counter that now holds still sends and shows the 补查 this browser kept from before', async () => {
    const first = await setup();
    await outageError(first.el, first.input);
    await first.el.defer({ code: 'platform-unavailable', text: '平台中断' });
    first.root.remove();
    // The same operator's counter, now outage="hold": 应急 mode is loaded because deferrals are kept.
    const { el } = await setup({ outage: 'hold' });
    await waitUntil(() => part(el, 'pending'), 'the pending count', { timeout: 5_000 });
    expect(part(el, 'pending')?.textContent).to.match(/\d+ 件先行受理的申请待补查/);
    mock.faults.clear();
    await waitUntil(() => recorded(first.applicationId) === 1, 'the 补查 sent by the holding counter', { timeout: 15_000 });
    // No element shows that application any more: its 补查提示 names it, persists, and takes the response.
    const alert = () => el.shadowRoot?.querySelector<HTMLDialogElement>('dialog[part="deferred-alert"]');
    await waitUntil(() => alert()?.open, 'the 补查提示 opens');
    // An earlier test's deferral may be settled too (nothing is lost): one alert at a time.
    while (!alert()?.textContent?.includes(first.applicationId)) {
      alert()?.querySelector<HTMLButtonElement>('[part="acknowledge-button"]')?.click();
      await waitUntil(() => alert()?.open, 'the next 补查提示 opens');
    }
    const dialog = alert() as HTMLDialogElement;
    expect(dialog.getAttribute('role')).to.equal('alertdialog');
    for (let i = 0; i < 3; i++) {
      await sendKeys({ press: 'Escape' });
      // As above: refused, or closed by the browser and opened again a task after the key.
      await waitUntil(() => alert()?.open, `open again after Escape ${i + 1}`, { timeout: 2_000 });
    }
    (dialog.querySelector('[part="acknowledge-button"]') as HTMLButtonElement).click();
    const form = () => el.shadowRoot?.querySelector<HTMLFormElement>(`[data-deferral] [part="feedback"] form`);
    await waitUntil(form, 'its response form');
    const fed = oneEvent(el, 'credit-check-feedback');
    form()?.requestSubmit();
    expect((await fed).detail.action).to.equal('refused');
  });

  it('offers nothing for an answer: a 4xx is not an outage', async () => {
    const { el, input } = await setup({ matter: 'NO_SUCH_MATTER' });
    await fill(input, SUBJECTS.clean);
    await waitUntil(() => el.state === 'error', 'error');
    expect(part(el, 'defer-button')).to.equal(null);
    expect((await el.defer({ code: 'other', text: '测试' }).catch((x) => x)).fieldErrors[0].code).to.equal('DEFER_NOT_OUTAGE');
  });

  it('takes department and operator from the token when the attributes are absent', async () => {
    const { el, input } = await setup({ fromClaims: true });
    await fill(input, SUBJECTS.clean);
    await waitUntil(() => el.state === 'done', `done (now ${el.state})`);
    const body = JSON.parse(requests.filter((r) => r.path === '/api/v1/checks').at(-1)?.body ?? '{}');
    expect(body.context).to.include({ department: DEPARTMENT, operator: OPERATOR });
    // An attribute still overrides: the next check is made for it (and a token for another
    // department is then refused by the platform).
    const sent = requests.filter((r) => r.path === '/api/v1/checks').length;
    el.department = '别的部门';
    await el.updateComplete;
    await waitUntil(() => requests.filter((r) => r.path === '/api/v1/checks').length > sent, 'the check for the attribute');
    const again = JSON.parse(requests.filter((r) => r.path === '/api/v1/checks').at(-1)?.body ?? '{}');
    expect(again.context).to.include({ department: '别的部门', operator: OPERATOR });
  });
});
