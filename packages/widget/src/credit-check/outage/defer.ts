import { CreditCheckError } from '@credit-check/sdk';
import { DeferralReason, fieldErrors, type DeferralReason as Reason } from '@credit-check/sdk/contract';
import type { nothing, ReactiveController, TemplateResult } from 'lit';
import { type CreditCheckDeferredDetail, emit } from '../events.ts';
import { type CreditCheckHost, hasCredentials, type Readings } from '../host.ts';
import { errorText, time } from '../i18n.ts';
import { type DeferBlock, deferBlock } from './block.ts';
import { NoticesController } from './notices.ts';
import { type DeferralPolicy, deferralPolicy, watchPolicy } from './policy.ts';
import { deferralId } from './records.ts';
import { outageStrings } from './strings.ts';
import { deferTemplate } from './templates/defer.ts';
import * as vault from './vault.ts';

export type DeferReadings = Pick<Readings, 'department' | 'operator' | 'connection' | 'tokenHas' | 'checkKey' | 'checkError' | 'subject'>;

/**
 * 应急 mode (`outage="defer"`): when the platform is unavailable the staff may accept first and
 * check afterwards (先行受理，事后补查) — with a reason, where the token grants `checks:defer` and the
 * matter's catalogue policy allows it (`block.ts`). The deferral is kept sealed in IndexedDB
 * (`vault.ts`) and sent as a 补查 by the one sender of this identity across tabs (`sender.ts`);
 * finished 补查 come back as notices (`notices.ts`).
 *
 * Loaded on demand by the OutageController (a chunk of its own): a counter that holds during
 * outages never downloads it.
 */
export class DeferController implements ReactiveController {
  /** The deferral of what is entered now: while it matches, the state is `deferred`. */
  current: { key: string; detail: CreditCheckDeferredDetail } | undefined;
  /** The defer form is open. */
  formOpen = false;
  formError: string | undefined;
  readonly notices: NoticesController;
  private policy: DeferralPolicy | undefined;
  private policyFor: string | undefined;

  private readonly host: CreditCheckHost;
  private readonly read: DeferReadings;

  constructor(host: CreditCheckHost, read: DeferReadings) {
    this.host = host;
    this.read = read;
    this.notices = new NoticesController(host, read);
    host.addController(this);
  }

  private unwatch: (() => void) | undefined;

  hostUpdated(): void {
    const h = this.host;
    if (h.outage === 'defer' && h.endpoint && hasCredentials(h) && this.policyFor !== h.endpoint) {
      const endpoint = h.endpoint;
      this.policyFor = endpoint;
      this.unwatch?.();
      // A read by any element of the page counts (another element's live answer may bring it).
      this.unwatch = watchPolicy(endpoint, (policy) => this.adopt(endpoint, policy));
      this.readPolicy(false);
    }
  }

  hostDisconnected(): void {
    this.unwatch?.();
    this.unwatch = undefined;
    // Connected again (moved in the page): read and watch again.
    this.policyFor = undefined;
  }

  /** Below the retry button during an outage: the offer, the reason form, or why not. */
  offer(): TemplateResult | typeof nothing {
    return deferTemplate({
      lang: this.host.lang,
      block: this.block(),
      open: this.formOpen,
      error: this.formError,
      onOpen: () => this.open(),
      onClose: () => this.close(),
      onSubmit: (e) => void this.submit(e),
    });
  }

  /** State `deferred` in words. */
  status(): { headline: string; message: string } | undefined {
    const d = this.deferral();
    const s = outageStrings(this.host.lang);
    return d && { headline: s.deferredTitle, message: s.deferredBody(d.deferralId, time(d.at)) };
  }

  /** Why 先行受理 cannot be offered now; undefined when it can. */
  block(): DeferBlock | undefined {
    const h = this.host;
    return deferBlock({
      outage: h.outage,
      state: h.state,
      error: this.read.checkError(),
      key: this.read.checkKey(),
      deferScope: this.read.tokenHas('checks:defer'),
      matter: h.matter,
      policy: this.policy,
    });
  }

  /** Shown on the defer button: open the form. */
  open(): void {
    this.formOpen = true;
    this.formError = undefined;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLInputElement>('[part="defer-form"] input')?.focus());
  }

  close(): void {
    this.formOpen = false;
    this.host.requestUpdate();
  }

  async submit(event: Event): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    try {
      await this.defer({ code: String(data.get('code') ?? '') as Reason['code'], text: String(data.get('text') ?? '') });
    } catch (error) {
      this.formError = errorText(error, this.host.lang);
      this.host.requestUpdate();
    }
  }

  /** `el.defer(reason)`: accepts now, checks afterwards. Refuses (CreditCheckError `INVALID_INPUT`) with the reason in both languages. */
  async defer(reason: { code: Reason['code']; text: string }): Promise<CreditCheckDeferredDetail> {
    const h = this.host;
    const blocked = this.block();
    if (blocked) throw refusal(blocked);
    const parsed = DeferralReason.safeParse(reason);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error.issues, reason).map((e) => ({ ...e, pointer: `/reason${e.pointer}` }));
      throw new CreditCheckError('INVALID_INPUT', `Invalid deferral: ${errors[0]?.message.en ?? 'rejected'}`, {
        fieldErrors: errors,
        reason: 'REASON',
      });
    }
    const subject = this.read.subject();
    const key = this.read.checkKey();
    const { sender, identity } = this.notices;
    if (!subject || !key || !sender) throw refusal('no-subject');
    const detail: CreditCheckDeferredDetail = {
      deferralId: deferralId(),
      applicationId: h.applicationId as string,
      matter: h.matter as string,
      department: this.read.department() as string,
      operator: this.read.operator() as string,
      at: new Date().toISOString(),
      reason: { code: parsed.data.code, text: parsed.data.text ?? '' },
    };
    try {
      await vault.putDeferred({
        id: detail.deferralId,
        identity,
        applicationId: detail.applicationId,
        matter: detail.matter,
        department: detail.department,
        operator: detail.operator,
        channel: h.mode === 'applicant' ? 'online' : 'window',
        at: detail.at,
        reason: detail.reason,
        sealed: await vault.seal({ idType: subject.idType, id: subject.id, ...(subject.name ? { name: subject.name } : {}) }),
        attempts: 0,
        nextAt: Date.now(),
      });
    } catch (cause) {
      // Not kept means no 补查 would follow: refuse rather than accept unchecked (private mode, storage blocked).
      throw refusal('storage', cause);
    }
    this.current = { key, detail };
    this.formOpen = false;
    h.requestUpdate();
    await h.updateComplete;
    emit(h, 'credit-check-deferred', detail);
    sender.added();
    return detail;
  }

  /** The deferral in force for what is entered now. */
  deferral(): CreditCheckDeferredDetail | undefined {
    return this.current && this.current.key === this.read.checkKey() ? this.current.detail : undefined;
  }

  /** A new check or a form reset: a new deferral is needed for anything else. */
  forget(): void {
    this.current = undefined;
    this.formOpen = false;
  }

  /** The platform answered a live check: the 补查 need not wait for their backoff (nothing to do when none is pending). */
  platformBack(): void {
    if (this.notices.pendingCount) void this.notices.sender?.platformBack();
    if (this.policyFor) this.readPolicy(true);
  }

  private readPolicy(again: boolean): void {
    const endpoint = this.policyFor as string;
    void deferralPolicy(endpoint, this.read.connection(), again).then((policy) => this.adopt(endpoint, policy));
  }

  private adopt(endpoint: string, policy: DeferralPolicy | undefined): void {
    if (this.policyFor !== endpoint || policy === this.policy) return;
    this.policy = policy;
    this.host.requestUpdate();
  }
}

function refusal(why: DeferBlock | 'storage', cause?: unknown): CreditCheckError {
  const zh = outageStrings('zh-CN').deferBlocked[why];
  const en = outageStrings('en').deferBlocked[why];
  const code = why.toUpperCase().replace('-', '_');
  return new CreditCheckError('INVALID_INPUT', `Deferral refused: ${en}`, {
    reason: code,
    ...(cause === undefined ? {} : { cause }),
    fieldErrors: [{ pointer: '', code: `DEFER_${code}`, message: { 'zh-CN': zh, en } }],
  });
}
