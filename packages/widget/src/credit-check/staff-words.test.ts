import { CATALOG, scenarios } from '@credit-check/mock-server';
import { PROBLEMS } from '@credit-check/sdk/contract';
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../define.ts';
import { Connection } from '@credit-check/sdk';
import { setup, shadow, text, type, until } from '../test/fixture.ts';
import { mock, reset, SUBJECTS, token } from '../test/harness.ts';
import type { CreditCheck } from './credit-check.ts';
import { deferralPolicy } from './outage/policy.ts';

// Staff read plain Chinese: in every state of the element, in both modes (window staff and the
// online applicant), the text on screen carries no error code, HTTP verb, address, scope or matter
// code — technical detail only behind the closed 技术详情 — and axe finds nothing.

const ERROR_CODES = [
  ...Object.keys(PROBLEMS),
  'INVALID_INPUT',
  'API_ERROR',
  'AUTH',
  'RATE_LIMITED',
  'TIMEOUT',
  'NETWORK',
  'RESPONSE_SHAPE',
  'ABORTED',
  'CONFIG',
  'RECEIPT_INVALID',
];
const FORBIDDEN: [string, RegExp][] = [
  ['an error code', new RegExp(`\\b(${ERROR_CODES.join('|')})\\b`)],
  ['a code in capitals with underscores', /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/],
  ['an HTTP verb or status', /\b(GET|POST|PUT|PATCH|DELETE|HTTP)\b/],
  ['an address', /https?:\/\/|\/api\/v\d|\/[a-z]+\/[a-z]+/],
  ['a matter code', new RegExp(`\\b(${CATALOG.matters.map((m) => m.code).join('|')})\\b`)],
  ['a scope or attribute', /\b[a-z]+:[a-z]+\b|\b[a-z-]+="/],
];

/** What is on screen: the rendered text of the element (a closed 技术详情 is not rendered), open dialogs included. */
// biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point — a closed disclosure is not on screen.
const onScreen = (el: CreditCheck) => (shadow(el).querySelector('[part="base"]') as HTMLElement).innerText;

const swept: string[] = [];
async function sweep(el: CreditCheck, state: string): Promise<void> {
  await el.updateComplete;
  // The 核查编号 is shown on purpose (staff quote it; the printed 凭证 carries it); its random
  // characters may happen to look like a code (`…-U_6`): it is not what this sweep looks for.
  const text = onScreen(el).replace(/\bchk_[\w-]+|\b[A-Z]{1,8}-\d{8}-\d{6,9}\b/g, '核查编号');
  expect(text.trim(), `${state}: something is said`).not.to.equal('');
  for (const [what, pattern] of FORBIDDEN) expect(text, `${state}: ${what} on screen`).not.to.match(pattern);
  await expect(el).to.be.accessible();
  swept.push(state);
}

const DEFER_SCOPES = ['checks:write', 'checks:read', 'checks:defer', 'feedback:write', 'catalog:read'];

beforeEach(() => reset());

for (const mode of ['staff', 'applicant'] as const) {
  describe(`plain words on screen, every state (mode=${mode})`, () => {
    it('idle, typing, invalid, checking', async () => {
      const { el, input } = await setup({ mode });
      await sweep(el, 'idle');
      await type(input, SUBJECTS.clean.slice(0, 9));
      await sweep(el, 'typing');
      await type(input, '91320100748204660R', 'paste');
      await until(el, 'invalid');
      await sweep(el, 'invalid (check character)');
      mock.faults.set({ kind: 'latency', delayMs: 800 });
      await type(input, SUBJECTS.clean, 'paste');
      await until(el, 'checking');
      await sweep(el, 'checking');
      await until(el, 'done');
    });

    for (const [verdict, subject] of [
      ['clear', SUBJECTS.redlist],
      ['notice', SUBJECTS.watchlist],
      ['caution', SUBJECTS.court],
      ['restrict', SUBJECTS.foodBan],
    ] as const) {
      it(`a ${verdict} result${mode === 'staff' ? ', its alert, the response form and the response recorded' : ''}`, async () => {
        const { el } = await setup({ mode, subject });
        await until(el, 'done');
        expect(el.verdict).to.equal(verdict);
        await sweep(el, `${verdict} result`);
        if (mode !== 'staff') return;
        if (verdict === 'caution' || verdict === 'restrict') {
          el.acknowledge();
          await sweep(el, `${verdict} confirmed: the response form`);
        }
        const submit = shadow(el).querySelector<HTMLButtonElement>('[part="feedback"] button[type="submit"]');
        submit?.click();
        await waitUntil(() => el.outcome !== undefined, 'the response recorded');
        await sweep(el, `${verdict} response recorded`);
      });
    }

    it('every failure of the platform, in plain words', async function () {
      this.timeout(45_000);
      const faults = [
        ['platform unreachable', { kind: 'outage' }],
        ['platform unavailable (503)', { kind: 'status', status: 503, retryAfter: 1 }],
        ['server error (500)', { kind: 'status', status: 500 }],
        ['rate limited', { kind: 'rate-limit', retryAfter: 1 }],
        ['malformed answer', { kind: 'malformed' }],
        ['off-contract answer', { kind: 'off-contract' }],
      ] as const;
      for (const [name, fault] of faults) {
        mock.faults.set(fault);
        const { el } = await setup({ mode, timeout: 500, subject: SUBJECTS.clean });
        await until(el, 'error');
        await sweep(el, name);
        // The technical side is there, closed, for the administrator.
        expect(shadow(el).querySelector('details[part="technical"]')?.hasAttribute('open')).to.equal(false);
        mock.faults.clear();
        el.remove();
      }
      // A result, then a failed re-check: stale.
      const { el } = await setup({ mode, timeout: 500, subject: SUBJECTS.clean });
      await until(el, 'done');
      mock.faults.set({ kind: 'status', status: 503 });
      el.recheck();
      await until(el, 'stale');
      await sweep(el, 'stale');
    });

    it('credentials refused, a matter not granted, a matter unknown, settings missing', async () => {
      const bad = await setup({ mode, token: 'cct_not-a-token', subject: SUBJECTS.clean });
      await until(bad.el, 'error');
      await sweep(bad.el, 'token refused');
      const narrow = await mock.platform.tokens.mint(
        { kind: 'app', appId: 'sandbox-app' },
        { department: '苏州市政务服务中心', operator: 'window-01', matters: ['CONSTRUCTION_PERMIT'] },
      );
      const scoped = await setup({ mode, token: narrow.token, subject: SUBJECTS.clean });
      await until(scoped.el, 'error');
      await sweep(scoped.el, 'matter not granted');
      const unknown = await setup({ mode, matter: 'NO_SUCH_MATTER', subject: SUBJECTS.clean });
      await until(unknown.el, 'error');
      await sweep(unknown.el, 'matter unknown');
      const missing = await setup({ mode, subject: SUBJECTS.clean });
      missing.el.removeAttribute('application-id');
      await until(missing.el, 'error');
      await sweep(missing.el, 'settings missing');
    });

    it('no token to be had: the host’s backend does not answer (never “expired”, issue 38)', async () => {
      const noToken = await setup({ mode });
      noToken.el.removeAttribute('token');
      noToken.el.getToken = () => Promise.reject(new TypeError('Failed to fetch'));
      await type(noToken.input, SUBJECTS.clean, 'paste');
      await until(noToken.el, 'error');
      expect(text(noToken.el)).to.contain(mode === 'staff' ? '暂时无法取得核查授权' : '');
      expect(text(noToken.el)).not.to.contain('已失效');
      await sweep(noToken.el, 'no token to be had');
    });
  });
}

/** A clean 应急 database: nothing kept by an earlier test is sent (or shown) during this one, nor after it. */
async function clearIdb() {
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase('credit-check');
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
}

describe('plain words on screen in 应急 mode (staff)', () => {
  beforeEach(() => clearIdb());
  afterEach(async () => {
    mock.faults.clear();
    for (const el of document.querySelectorAll('credit-check')) el.remove();
    await clearIdb();
  });

  it('the offer, the reason form, a refusal, the deferred state, the 补查 withdrawn, a response kept while down', async function () {
    this.timeout(45_000);
    const t = await token(DEFER_SCOPES);
    await deferralPolicy('/api/v1', new Connection({ baseUrl: '/api/v1', token: t }));
    const { el, input } = await setup({ token: t, matter: 'PROCUREMENT_SUPPLIER', timeout: 300 });
    el.outage = 'defer';
    await waitUntil(() => el.deferrable, 'the 应急 policy is known');
    mock.faults.set({ kind: 'outage' });
    await type(input, SUBJECTS.procurement, 'paste');
    await until(el, 'error');
    await waitUntil(() => shadow(el).querySelector('[part="defer-button"]'), 'the offer');
    await sweep(el, 'outage: the 先行受理 offer');
    shadow(el).querySelector<HTMLButtonElement>('[part="defer-button"]')?.click();
    await el.updateComplete;
    shadow(el).querySelector<HTMLFormElement>('[part="defer-form"]')?.requestSubmit();
    await waitUntil(() => shadow(el).querySelector('[part="defer-form"] [role="alert"]'), 'the reason is required');
    await sweep(el, 'outage: the reason form, refused');
    await el.defer({ code: 'platform-unavailable', text: '平台无响应' });
    await sweep(el, 'deferred');
    mock.faults.clear();
    await waitUntil(() => el.state === 'done', '补查 back', { timeout: 15_000 });
    await sweep(el, '补查 withdrawn: the alert');
    el.acknowledge();
    await el.updateComplete;
    mock.faults.set({ kind: 'outage' });
    shadow(el).querySelector<HTMLButtonElement>('[part="feedback"] button[type="submit"]')?.click();
    await waitUntil(() => el.outcome !== undefined, 'the response kept', { timeout: 15_000 });
    await sweep(el, 'response kept while the platform is down');
    mock.faults.clear();
  });

  it('a refused 应急 (this matter forbids it; no grant)', async () => {
    const t = await token(['checks:write', 'checks:read', 'catalog:read', 'feedback:write']);
    await deferralPolicy('/api/v1', new Connection({ baseUrl: '/api/v1', token: t }));
    const { el, input } = await setup({ token: t, timeout: 300 });
    el.outage = 'defer';
    mock.faults.set({ kind: 'outage' });
    await type(input, SUBJECTS.clean, 'paste');
    await until(el, 'error');
    await waitUntil(() => shadow(el).querySelector('[part="defer-blocked"]'), 'why not');
    await sweep(el, 'outage: 先行受理 refused');
    mock.faults.clear();
  });
});

describe('适老化: text-size', () => {
  it('scales the whole element, icons included, by 1.25× or more; the focus ring stands out 3:1 or more', async () => {
    const { el } = await setup({ subject: SUBJECTS.watchlist });
    await until(el, 'done');
    const measure = () => {
      const icon = shadow(el).querySelector('[part="status"] [part="icon"] svg') as SVGElement;
      const headline = shadow(el).querySelector('[part="status"] [part="headline"]') as HTMLElement;
      const button = shadow(el).querySelector('[part="feedback"] button') as HTMLElement;
      return {
        icon: icon.getBoundingClientRect().width,
        text: Number.parseFloat(getComputedStyle(headline).fontSize),
        button: button.getBoundingClientRect().height,
        iconMiddle: icon.getBoundingClientRect().top + icon.getBoundingClientRect().height / 2,
        lineMiddle: headline.getBoundingClientRect().top + Number.parseFloat(getComputedStyle(headline).lineHeight) / 2,
      };
    };
    const normal = measure();
    el.textSize = 'large';
    await el.updateComplete;
    expect(el.getAttribute('text-size')).to.equal('large');
    const large = measure();
    for (const k of ['icon', 'text', 'button'] as const) expect(large[k] / normal[k], k).to.be.at.least(1.25);
    // The icon sits on the headline's first line at either size (within a pixel or two).
    for (const m of [normal, large]) expect(Math.abs(m.iconMiddle - m.lineMiddle)).to.be.below(2.5);
    await sweep(el, 'large text');
    // Keyboard focus on the response's first outcome: its ring against the white it sits on.
    const first = shadow(el).querySelector<HTMLInputElement>('[part="feedback"] input[type="radio"]');
    first?.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowUp' });
    const focused = shadow(el).activeElement as HTMLElement;
    const style = getComputedStyle(focused);
    expect(style.outlineStyle).to.equal('solid');
    expect(contrast(style.outlineColor, 'rgb(255, 255, 255)')).to.be.at.least(3);
  });
});

describe('the tier line (分级分类监管) for every scenario subject', () => {
  it('says each subject’s tier in plain words, with what it rests on', async () => {
    const words = { reduced: '降低', normal: '常规', increased: '提高' } as const;
    const all = scenarios(mock.platform.today());
    expect(all.length).to.be.at.least(12);
    for (const s of all) {
      const { el } = await setup({ idType: s.subject.idType, subject: s.subject.id });
      await until(el, 'done');
      const line = shadow(el).querySelector('[part="supervision"]')?.textContent ?? '';
      expect(line, s.id).to.contain(words[s.tier]);
      expect(el.result?.supervision?.tier, s.id).to.equal(s.tier);
      el.remove();
    }
  });
});

describe('the sweep itself', () => {
  it('went through every state', () => expect(swept.length).to.be.greaterThan(30));
});

/** WCAG contrast ratio of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}
