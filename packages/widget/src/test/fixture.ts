import { validateIdNumber } from '@credit-check/sdk/identifiers';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { nothing } from 'lit';
import type { CreditCheck } from '../credit-check/credit-check.ts';
import { DEPARTMENT, eventDetails, OPERATOR, token } from './harness.ts';

// The counter the element tests mount: an approval form with the identifier and name fields, a
// submit button, and <credit-check> watching and guarding them.

export interface Setup {
  matter?: string;
  subject?: string;
  idType?: 'uscc' | 'idcard';
  lang?: string;
  mode?: 'staff' | 'applicant';
  withForm?: boolean;
  token?: string;
  timeout?: number;
  /** Also a 不予受理 submit button (`data-credit-check-path="refuse"`). */
  paths?: boolean;
}

export async function setup(o: Setup = {}) {
  const t = o.token ?? (await token());
  const root = await fixture<HTMLDivElement>(html`<div>
    <form id="approval" @submit=${(e: Event) => e.preventDefault()}>
      <label>统一社会信用代码 <input id="code" autocomplete="off" /></label>
      <label>名称 <input id="name" /></label>
      <button type="submit" id="approve">核准</button>
      ${o.paths ? html`<button type="submit" id="refuse" data-credit-check-path="refuse">不予受理</button>` : nothing}
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
  const refuse = root.querySelector<HTMLButtonElement>('#refuse') ?? undefined;
  await el.updateComplete;
  if (o.subject) await type(input, o.subject, 'paste');
  return { root, el, input, nameInput, form, approve, refuse };
}

/** Types into the input as a person does (real key events) or pastes it in one go. */
export async function type(input: HTMLInputElement, text: string, how: 'keys' | 'paste' = 'keys') {
  input.focus();
  if (how === 'keys') {
    await sendKeys({ type: text });
  } else {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

export const until = (el: CreditCheck, state: string) =>
  waitUntil(() => el.state === state, `state ${state} (now ${el.state})`, { timeout: 8000 });
export const shadow = (el: CreditCheck) => el.shadowRoot as ShadowRoot;
export const text = (el: CreditCheck) => shadow(el).textContent?.replace(/\s+/g, ' ') ?? '';
export const dialog = (el: CreditCheck) => shadow(el).querySelector('dialog') as HTMLDialogElement | null;

/** No event detail of this file's run carried a valid personal ID number (at least `min` were seen). */
export function expectNoIdInEvents(min: number): void {
  expect(eventDetails.length).to.be.greaterThan(min);
  const leaks = eventDetails.filter((d) => [...d.matchAll(/\d{17}[\dXx]/g)].some((m) => validateIdNumber(m[0]).valid));
  expect(leaks).to.deep.equal([]);
}
