import { type Check, CreditCheckError, getCheck, isPlatformUnavailable } from '@credit-check/sdk';
import { DeferralReason, fieldErrors, type DeferralReason as Reason } from '@credit-check/sdk/contract';
import { nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { CreditCheck } from '../credit-check.ts';
import { type DeferralPolicy, deferralPolicy } from '../deferred/policy.ts';
import { deferralId, identityOf, type SettledNotice } from '../deferred/records.ts';
import { DeferredSender, type SenderListener } from '../deferred/sender.ts';
import * as vault from '../deferred/vault.ts';
import { openModal } from '../dom.ts';
import { type CreditCheckDeferredDetail, emit, resultDetail } from '../events.ts';
import { errorText, time } from '../i18n.ts';
import { outageStrings } from '../i18n-outage.ts';
import { deferTemplate } from '../templates/defer.ts';
import { noticesTemplate } from '../templates/notices.ts';
import { FeedbackController } from './feedback.ts';

/** Why 先行受理 is not offered now (undefined: it is). */
export type DeferBlock = 'hold' | 'not-outage' | 'no-subject' | 'scope' | 'policy-unknown' | 'forbidden';

/**
 * 应急 mode (`outage="defer"`): when the platform is unavailable the staff may accept first and
 * check afterwards (先行受理，事后补查) — with a reason, where the token grants `checks:defer` and the
 * matter's catalogue policy allows it. The deferral is kept sealed in IndexedDB and sent as a 补查 by
 * the one sender of this identity across tabs; finished 补查 come back here as notices (an
 * `alertdialog` for caution/restrict) with feedback, as for a live check.
 *
 * Loaded on demand by the OutageController (a chunk of its own): a counter that holds during
 * outages never downloads it.
 */
export class DeferController implements ReactiveController, SenderListener {
  /** The deferral of what is entered now: while it matches, the state is `deferred`. */
  current: { key: string; detail: CreditCheckDeferredDetail } | undefined;
  /** The defer form is open. */
  formOpen = false;
  formError: string | undefined;
  /** 补查 not yet sent (this identity, every tab). */
  pendingCount = 0;
  /** Finished 补查 waiting for the staff (shown by the first element of the identity on the page). */
  notices: SettledNotice[] = [];
  private readonly checks = new Map<string, Check>();
  /** Notices whose check is being read (or failed to be, until the next change): read once. */
  private readonly reading = new Set<string>();
  private readonly feedbacks = new Map<string, FeedbackController>();
  private policy: DeferralPolicy | undefined;
  private policyFor: string | undefined;
  private sender: DeferredSender | undefined;
  private identity = '';

  private readonly host: CreditCheck;

  constructor(host: CreditCheck) {
    this.host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.sender?.detach(this);
    this.sender = undefined;
    this.identity = '';
  }

  hostUpdated(): void {
    const h = this.host;
    const dept = h.departmentInUse;
    const op = h.operatorInUse;
    const identity = h.endpoint && dept && op && h.hasCredentials() ? identityOf(h.endpoint, dept, op) : '';
    if (identity !== this.identity) {
      this.sender?.detach(this);
      this.identity = identity;
      this.sender = identity ? DeferredSender.for(identity) : undefined;
      this.sender?.attach(this);
      void this.changed();
    }
    if (h.outage === 'defer' && h.endpoint && h.hasCredentials() && this.policyFor !== h.endpoint) {
      this.policyFor = h.endpoint;
      this.readPolicy(false);
    }
    const dialog = h.renderRoot.querySelector<HTMLDialogElement>('dialog[part="deferred-alert"]');
    if (dialog) openModal(dialog);
  }

  // --- what the element renders ---

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

  /** Finished 补查 and the pending count (only the element showing the notices). */
  noticesView(): TemplateResult | typeof nothing {
    if (!this.showsNotices) return nothing;
    return noticesTemplate({
      lang: this.host.lang,
      notices: this.notices,
      pending: this.pendingCount,
      check: (n) => this.check(n),
      feedback: (n) => this.feedback(n),
      alerting: this.alerting(),
      onAcknowledge: (n) => void this.acknowledge(n),
    });
  }

  // --- SenderListener ---

  connection() {
    return this.host.checkConnection();
  }

  settled(notice: SettledNotice, result: Check | undefined): void {
    if (!result) return;
    this.checks.set(notice.id, result);
    emit(this.host, 'credit-check-result', resultDetail(result, '', notice.id));
  }

  async changed(): Promise<void> {
    if (!this.identity) {
      this.notices = [];
      this.pendingCount = 0;
    } else {
      const identity = this.identity;
      const [pending, notices] = await Promise.all([vault.pending(identity), vault.notices(identity)]);
      if (identity !== this.identity) return;
      this.pendingCount = pending.length;
      // In memory a notice stays until reload once fed back, so the staff see it recorded.
      const kept = this.notices.filter((n) => this.feedbacks.get(n.id)?.sent && !notices.some((x) => x.id === n.id));
      this.notices = [...notices.sort((a, b) => a.at.localeCompare(b.at)), ...kept];
      this.reading.clear();
    }
    this.host.requestUpdate();
  }

  // --- deferring ---

  /** Why 先行受理 cannot be offered now; undefined when it can. */
  block(): DeferBlock | undefined {
    const h = this.host;
    if (h.outage !== 'defer') return 'hold';
    if (!(h.state === 'error' || h.state === 'stale') || !isPlatformUnavailable(h.checkError())) return 'not-outage';
    if (!h.checkKey()) return 'no-subject';
    if (h.tokenHas('checks:defer') !== true) return 'scope';
    const policy = this.policy?.[h.matter ?? ''];
    if (!policy) return 'policy-unknown';
    return policy === 'forbidden' ? 'forbidden' : undefined;
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
    const subject = h.checkSubject();
    const key = h.checkKey();
    if (!subject || !key || !this.sender) throw refusal('no-subject');
    const detail: CreditCheckDeferredDetail = {
      deferralId: deferralId(),
      applicationId: h.applicationId as string,
      matter: h.matter as string,
      department: h.departmentInUse as string,
      operator: h.operatorInUse as string,
      at: new Date().toISOString(),
      reason: { code: parsed.data.code, text: parsed.data.text ?? '' },
    };
    try {
      await vault.putDeferred({
        id: detail.deferralId,
        identity: this.identity,
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
    this.sender.added();
    return detail;
  }

  /** The deferral in force for what is entered now. */
  deferral(): CreditCheckDeferredDetail | undefined {
    return this.current && this.current.key === this.host.checkKey() ? this.current.detail : undefined;
  }

  /** A new check or a form reset: a new deferral is needed for anything else. */
  forget(): void {
    this.current = undefined;
    this.formOpen = false;
  }

  /** The platform answered a live check: the 补查 need not wait for their backoff (nothing to do when none is pending). */
  platformBack(): void {
    if (this.pendingCount) void this.sender?.platformBack();
    if (this.policyFor) this.readPolicy(true);
  }

  private readPolicy(again: boolean): void {
    const endpoint = this.policyFor as string;
    void deferralPolicy(endpoint, this.host.checkConnection(), again).then((policy) => {
      if (this.policyFor !== endpoint || policy === this.policy) return;
      this.policy = policy;
      this.host.requestUpdate();
    });
  }

  // --- notices ---

  /** This element shows the notices (the first element of its identity on the page). */
  get showsNotices(): boolean {
    return this.sender?.primary() === this;
  }

  /** The notice's check: from the sender, or read once (after a reload) by the element showing it. */
  check(notice: SettledNotice): Check | undefined {
    const check = this.checks.get(notice.id);
    if (!check && notice.checkId && this.showsNotices && !this.reading.has(notice.id)) {
      this.reading.add(notice.id);
      void getCheck(this.host.checkConnection(), notice.checkId).then(
        (c) => {
          this.checks.set(notice.id, c);
          this.host.requestUpdate();
        },
        // Shown without details until the next change; feedback waits for the platform.
        () => undefined,
      );
    }
    return check;
  }

  feedback(notice: SettledNotice): FeedbackController {
    let f = this.feedbacks.get(notice.id);
    if (!f) {
      f = new FeedbackController(
        this.host,
        () => this.checks.get(notice.id),
        () => void this.fedBack(notice),
      );
      this.feedbacks.set(notice.id, f);
    }
    return f;
  }

  /** The notice whose alert must be confirmed first (caution/restrict, not yet acknowledged). */
  alerting(): SettledNotice | undefined {
    if (!this.showsNotices) return undefined;
    return this.notices.find((n) => !n.acknowledged && (n.verdict === 'caution' || n.verdict === 'restrict' || n.failed));
  }

  async acknowledge(notice: SettledNotice): Promise<void> {
    notice.acknowledged = true;
    this.host.renderRoot.querySelector<HTMLDialogElement>('dialog[part="deferred-alert"]')?.close();
    this.host.requestUpdate();
    // Refused for good: confirming means "I will check by hand" — nothing else to record here.
    if (notice.failed) await vault.dropNotice(notice.id);
    else await vault.putNotice({ ...notice });
    if (notice.checkId && notice.verdict) emit(this.host, 'credit-check-acknowledge', { checkId: notice.checkId, verdict: notice.verdict });
    this.sender?.changed();
  }

  private async fedBack(notice: SettledNotice): Promise<void> {
    await vault.dropNotice(notice.id);
    this.sender?.changed();
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
