import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define.ts';
import { checks, DEPARTMENT, OPERATOR, reset, SUBJECTS, token } from '../test/harness.ts';
import type { CreditCheck } from './credit-check.ts';

// 自动触发 (002 (十六)): a check starts however the watched field got its value — one request per
// distinct valid subject, none for a partial or invalid one, and nothing polled.

type JQueryFn = ((el: Element) => { val(v?: string): unknown; trigger(type: string): unknown }) & { fn: { jquery: string } };

/** Loads a jQuery build as a classic <script> (as 2010s pages do) and takes it off the window. */
async function jquery(version: 3 | 4): Promise<JQueryFn> {
  const w = window as unknown as { jQuery?: JQueryFn & { noConflict(all: boolean): JQueryFn } };
  await new Promise<void>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = `/packages/widget/node_modules/jquery${version}/dist/jquery.min.js`;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`jQuery ${version} did not load`));
    document.head.append(script);
  });
  const $ = (w.jQuery as NonNullable<typeof w.jQuery>).noConflict(true);
  expect($.fn.jquery.startsWith(`${version}.`)).to.equal(true);
  return $;
}

async function mount(fields: ReturnType<typeof html>, watch = '#uscc') {
  const root = await fixture<HTMLDivElement>(html`<div>
    <form id="approval" @submit=${(e: Event) => e.preventDefault()}>
      ${fields}
      <credit-check endpoint="/api/v1" token=${await token()} matter="FOOD_BUSINESS_LICENCE" watch=${watch}
        application-id="SZ-WATCH-1" department=${DEPARTMENT} operator=${OPERATOR} guard="#approval" name="creditCheck"></credit-check>
      <button type="submit">受理</button>
    </form>
  </div>`);
  const el = root.querySelector('credit-check') as CreditCheck;
  await el.updateComplete;
  return { root, el, form: root.querySelector('form') as HTMLFormElement };
}

const checked = async (el: CreditCheck, id: string, requests = 1) => {
  await waitUntil(() => el.state === 'done' && el.result?.subject.id === id, `checked ${id} (state ${el.state})`, { timeout: 8000 });
  expect(checks()).to.have.length(requests);
  expect(JSON.parse(checks().at(-1)?.body ?? '').subject.id).to.equal(id);
};

beforeEach(() => reset());

describe('watching that cannot miss: every route of filling the field starts one check', () => {
  it('el.value = … (a "选择企业" dialog or an 电子营业执照 read)', async () => {
    const { root, el } = await mount(html`<input id="uscc" />`);
    (root.querySelector('#uscc') as HTMLInputElement).value = SUBJECTS.clean;
    await checked(el, SUBJECTS.clean);
  });

  it("setAttribute('value', …) on a field nobody has typed in", async () => {
    const { root, el } = await mount(html`<input id="uscc" />`);
    (root.querySelector('#uscc') as HTMLInputElement).setAttribute('value', SUBJECTS.foodBan);
    await checked(el, SUBJECTS.foodBan);
  });

  it('a hidden input filled after 企业选择', async () => {
    const { root, el } = await mount(html`<input type="hidden" id="uscc" />`);
    (root.querySelector('#uscc') as HTMLInputElement).value = SUBJECTS.watchlist;
    await checked(el, SUBJECTS.watchlist);
  });

  for (const version of [3, 4] as const) {
    it(`jQuery ${version}: $('#uscc').val(code), also repeated and with .trigger('change') — one request`, async () => {
      const $ = await jquery(version);
      const { root, el } = await mount(html`<input id="uscc" />`);
      const input = root.querySelector('#uscc') as HTMLInputElement;
      $(input).val(SUBJECTS.clean);
      await checked(el, SUBJECTS.clean);
      $(input).val(SUBJECTS.clean);
      $(input).trigger('change');
      await aTimeout(100);
      expect(checks()).to.have.length(1);
    });

    it(`jQuery ${version}: .val() on a <select> of the applicant's companies`, async () => {
      const $ = await jquery(version);
      const { root, el } = await mount(
        html`<select id="uscc"><option value="">请选择</option><option value=${SUBJECTS.clean}>南京清源</option><option value=${SUBJECTS.redlist}>红名单企业</option></select>`,
      );
      $(root.querySelector('#uscc') as HTMLSelectElement).val(SUBJECTS.redlist);
      await checked(el, SUBJECTS.redlist);
    });
  }

  it('a <select> set by value or selectedIndex', async () => {
    const { root, el } = await mount(
      html`<select id="uscc"><option value="">请选择</option><option value=${SUBJECTS.clean}>A</option><option value=${SUBJECTS.foodBan}>B</option></select>`,
    );
    const select = root.querySelector('#uscc') as HTMLSelectElement;
    select.value = SUBJECTS.clean;
    await checked(el, SUBJECTS.clean);
    select.selectedIndex = 2;
    await checked(el, SUBJECTS.foodBan, 2);
  });

  it('a field rendered after the element, already filled, and one that replaces it (SPA route, v-if, re-render)', async () => {
    const { root, el, form } = await mount(html``);
    const first = Object.assign(document.createElement('input'), { id: 'uscc', value: SUBJECTS.clean as string });
    form.prepend(first);
    await checked(el, SUBJECTS.clean);
    const second = Object.assign(document.createElement('input'), { id: 'uscc', value: SUBJECTS.court as string });
    first.replaceWith(second);
    await checked(el, SUBJECTS.court, 2);
    // The replacement is watched too.
    second.value = SUBJECTS.foodBan;
    await checked(el, SUBJECTS.foodBan, 3);
    expect(root.querySelectorAll('#uscc')).to.have.length(1);
  });

  it('a form reset back to the default code', async () => {
    const { root, el, form } = await mount(html`<input id="uscc" value=${SUBJECTS.clean} />`);
    await checked(el, SUBJECTS.clean);
    const input = root.querySelector('#uscc') as HTMLInputElement;
    input.value = SUBJECTS.foodBan;
    await checked(el, SUBJECTS.foodBan, 2);
    form.reset();
    await waitUntil(() => el.result?.subject.id === SUBJECTS.clean, 'back to the default code', { timeout: 8000 });
    expect(el.state).to.equal('done');
  });

  it('sends nothing while a value set by script is partial or invalid, and says why', async () => {
    const { root, el } = await mount(html`<input id="uscc" />`);
    const input = root.querySelector('#uscc') as HTMLInputElement;
    input.value = SUBJECTS.clean.slice(0, 12);
    await el.updateComplete;
    expect(el.state).to.equal('invalid');
    input.value = `${SUBJECTS.clean.slice(0, 17)}A`;
    await el.updateComplete;
    expect(el.state).to.equal('invalid');
    await aTimeout(100);
    expect(checks()).to.have.length(0);
    expect(el.held).to.equal(true);
  });

  it("keeps the page's own value accessor working (a React-style tracker installed before us)", async () => {
    const input = document.createElement('input');
    input.id = 'uscc';
    const proto = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value') as PropertyDescriptor;
    let tracked = '';
    Object.defineProperty(input, 'value', {
      configurable: true,
      get() {
        return proto.get?.call(this);
      },
      set(v: string) {
        tracked = v;
        proto.set?.call(this, v);
      },
    });
    const { el, form } = await mount(html``);
    form.prepend(input);
    await el.updateComplete;
    input.value = SUBJECTS.clean;
    expect(tracked).to.equal(SUBJECTS.clean);
    expect(input.value).to.equal(SUBJECTS.clean);
    await checked(el, SUBJECTS.clean);
  });
});
