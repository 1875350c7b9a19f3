import type { DeferralReasonCode } from '@credit-check/sdk/contract';
import { html, nothing, type TemplateResult } from 'lit';
import type { DeferBlock } from '../block.ts';
import { outageStrings } from '../strings.ts';

export interface DeferView {
  lang: string;
  /** Why not (undefined: it may be offered). */
  block: DeferBlock | undefined;
  open: boolean;
  error: string | undefined;
  onOpen: () => void;
  onClose: () => void;
  onSubmit: (event: Event) => void;
  /** Any change in the form (the error of the last attempt goes once it no longer holds). */
  onInput: (event: Event) => void;
}

/**
 * 应急 (`outage="defer"`, during an outage only): the offer to accept now and check afterwards, or
 * why it cannot be offered; the reason form (a short list and the staff's words, both required).
 */
export function deferTemplate(v: DeferView): TemplateResult | typeof nothing {
  const s = outageStrings(v.lang);
  if (v.block === 'hold' || v.block === 'not-outage') return nothing;
  if (v.block) return html`<p part="defer-blocked" class="meta" role="note">${s.deferBlocked[v.block]}</p>`;
  if (!v.open) {
    return html`<div part="defer" class="defer"><p class="meta">${s.deferOffer}</p>
        <div class="actions"><button part="defer-button" @click=${v.onOpen}>${s.deferButton}</button></div></div>`;
  }
  return html`<form part="defer-form" class="defer" @submit=${v.onSubmit} @input=${v.onInput}>
      <fieldset>
        <legend>${s.deferTitle} · ${s.deferReason}</legend>
        ${(Object.keys(s.deferReasons) as DeferralReasonCode[]).map(
          (code, i) => html`<label><input type="radio" name="code" value=${code} ?checked=${i === 0} /> ${s.deferReasons[code]}</label>`,
        )}
      </fieldset>
      <label>${s.deferText}<textarea name="text" rows="2" maxlength="200" aria-required="true"
        aria-invalid=${v.error ? 'true' : 'false'} aria-describedby=${v.error ? 'defer-error' : nothing}></textarea></label>
      ${v.error ? html`<p id="defer-error" class="field-error" role="alert">${v.error}</p>` : nothing}
      <div class="actions">
        <button class="primary" type="submit">${s.deferConfirm}</button>
        <button type="button" @click=${v.onClose}>${s.cancel}</button>
      </div>
    </form>`;
}
