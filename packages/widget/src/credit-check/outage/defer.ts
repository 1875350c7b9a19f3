import { type Check, CreditCheckError, type Feedback, type FeedbackInput } from '@credit-check/sdk';
import { DeferralReason, fieldErrors, type DeferralReason as Reason } from '@credit-check/sdk/contract';
import type { nothing, ReactiveController, TemplateResult } from 'lit';
import { type CreditCheckDeferredDetail, emit } from '../events.ts';
import { type CreditCheckHost, hasCredentials, type Readings } from '../host.ts';
import { strings, time } from '../i18n.ts';
import { failureText } from '../messages.ts';
import { type DeferBlock, deferBlock } from './block.ts';
import { NoticesController } from './notices.ts';
import { type DeferralPolicy, deferralPolicy, watchPolicy } from './policy.ts';
import type { SettledNotice } from './records.ts';
import { deferralId } from './records.ts';
import { outageStrings } from './strings.ts';
import { deferTemplate } from './templates/defer.ts';
import * as vault from './vault.ts';

export type DeferReadings = Pick<
  Readings,
  'department' | 'operator' | 'connection' | 'tokenHas' | 'tokenDeferrals' | 'checkKey' | 'checkError' | 'subject'
>;

/** What 应急 mode tells its element (wired by the element). */
export interface OutageHooks {
  /** The 补查 of this element's deferral came back caution/restrict: it is the element's result now. */
  adopt(check: Check): void;
  /** A response this page kept while the platform was down reached it. */
  delivered(feedback: Feedback): void;
}

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
  /** The 补查 of the current deferral came back clear/notice: said in the `deferred` state. */
  settledVerdict: Check['verdict'] | undefined;
  /** The 补查 of this element's deferral came back caution/restrict: the deferral is withdrawn. */
  withdrawn: { deferralId: string; verdict: Check['verdict'] } | undefined;
  readonly notices: NoticesController;
  private policy: DeferralPolicy | undefined;
  private policyFor: string | undefined;

  private readonly host: CreditCheckHost;
  private readonly read: DeferReadings;
  private readonly hooks: OutageHooks;

  constructor(host: CreditCheckHost, read: DeferReadings, hooks: OutageHooks) {
    this.host = host;
    this.read = read;
    this.hooks = hooks;
    this.notices = new NoticesController(host, read, {
      owns: (id) => this.current?.detail.deferralId === id,
      ownSettled: (notice, result) => this.ownSettled(notice, result),
      delivered: (feedback) => hooks.delivered(feedback),
    });
    host.addController(this);
  }

  private unwatch: (() => void) | undefined;

  hostUpdated(): void {
    const h = this.host;
    // Removed while loading: nothing to watch (hostDisconnected has already passed).
    if (!h.isConnected) return;
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
      onInput: (e) => this.edited(e),
    });
  }

  /** State `deferred` in words. */
  status(): { headline: string; message: string } | undefined {
    const d = this.deferral();
    const s = outageStrings(this.host.lang);
    if (!d) return undefined;
    const settled = this.settledVerdict && strings(this.host.lang).verdict[this.settledVerdict][0];
    return { headline: s.deferredTitle, message: settled ? s.deferredSettled(settled) : s.deferredBody(d.deferralId, time(d.at)) };
  }

  /** Said above the result when the element shows the 补查 of its withdrawn deferral. */
  withdrawal(): string | undefined {
    const w = this.withdrawn;
    return w && outageStrings(this.host.lang).withdrawn(strings(this.host.lang).verdict[w.verdict][0]);
  }

  /**
   * The 补查 of this element's deferral came back. Caution/restrict withdraws the 先行受理 on the
   * page: the 补查 becomes the element's result (alert, response, the guard) and its notice is not
   * shown twice. Clear/notice leave the deferral standing and say the 补查 is done.
   */
  private ownSettled(notice: SettledNotice, result: Check): void {
    if (result.verdict === 'caution' || result.verdict === 'restrict') {
      this.current = undefined;
      this.withdrawn = { deferralId: notice.id, verdict: result.verdict };
      this.notices.claim(notice.id);
      this.hooks.adopt(result);
    } else {
      this.settledVerdict = result.verdict;
    }
    this.host.requestUpdate();
  }

  /**
   * The platform did not answer a response (反馈): keep it sealed in IndexedDB and deliver it when
   * the platform is back — with the same Idempotency-Key, so it is recorded once. Rejects when this
   * browser cannot keep it (then nothing was kept and the form stays held).
   */
  async queueFeedback(check: Check, body: FeedbackInput, idempotencyKey: string): Promise<void> {
    const { sender, identity } = this.notices;
    if (!sender) throw refusal('no-subject');
    try {
      await vault.putFeedback({
        id: idempotencyKey,
        identity,
        checkId: check.checkId,
        applicationId: check.context.applicationId,
        matter: check.matter.code,
        at: new Date().toISOString(),
        sealed: await vault.seal(body),
        attempts: 0,
        nextAt: Date.now(),
      });
    } catch (cause) {
      throw refusal('storage', cause);
    }
    sender.added();
  }

  /** The element's alert for `checkId` was confirmed (a claimed 补查: no other tab alerts again). */
  acknowledgedCheck(checkId: string): void {
    void this.notices.acknowledgedCheck(checkId);
  }

  /** The element's response to `checkId` was recorded (a claimed 补查: its notice is done everywhere). */
  fedBackCheck(checkId: string): void {
    void this.notices.fedBackCheck(checkId);
  }

  /**
   * Would 先行受理 be offered if the platform went down now? The matter's policy is known and allows
   * it, and the token grants `checks:defer` — the element's own readiness signal for 应急 mode.
   */
  deferrable(): boolean {
    const h = this.host;
    return h.outage === 'defer' && this.read.tokenHas('checks:defer') === true && this.knownPolicy()?.[h.matter ?? ''] === 'allowed';
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
      policy: this.knownPolicy(),
    });
  }

  /**
   * The 应急 policy this counter goes by: the catalogue's, read now or kept in IndexedDB from an
   * earlier read — else, on a page opened while the platform was already down (a fresh profile, a
   * reload), what the backend's token says it last read (matters listed are allowed, the rest are
   * not). Neither: undefined, and nothing is deferred.
   */
  private knownPolicy(): DeferralPolicy | undefined {
    if (this.policy) return this.policy;
    const allowed = this.read.tokenDeferrals();
    if (!allowed) return undefined;
    const matter = this.host.matter ?? '';
    return { [matter]: allowed.includes(matter) ? 'allowed' : 'forbidden' };
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

  /** The last attempt's error goes once the form has a reason in words (the list always has a choice). */
  private edited(event: Event): void {
    const form = (event.target as HTMLElement).closest('form');
    if (!this.formError || !form) return;
    if (String(new FormData(form).get('text') ?? '').trim() === '') return;
    this.formError = undefined;
    this.host.requestUpdate();
  }

  async submit(event: Event): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    try {
      await this.defer({ code: String(data.get('code') ?? '') as Reason['code'], text: String(data.get('text') ?? '') });
    } catch (error) {
      this.formError = failureText(error, this.host.lang).text;
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
    this.settledVerdict = undefined;
    this.withdrawn = undefined;
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
    this.settledVerdict = undefined;
    this.withdrawn = undefined;
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
