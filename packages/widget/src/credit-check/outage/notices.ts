import { type Check, type Feedback, getCheck } from '@credit-check/sdk';
import { nothing, type ReactiveController, type TemplateResult } from 'lit';
import { FeedbackController } from '../controllers/feedback.ts';
import { openModal } from '../dom.ts';
import { emit, resultDetail } from '../events.ts';
import { type CreditCheckHost, hasCredentials, type Readings } from '../host.ts';
import { identityOf, type SettledNotice } from './records.ts';
import { DeferredSender, type SenderListener } from './sender.ts';
import { noticesTemplate } from './templates/notices.ts';
import * as vault from './vault.ts';

const NONE: ReadonlySet<string> = new Set();

export type NoticesReadings = Pick<Readings, 'department' | 'operator' | 'connection'>;

/** What the notices ask of the 应急 controller that owns them. */
export interface NoticesOwner {
  /** Is `id` the deferral this element accepted and still shows? */
  owns(id: string): boolean;
  /** The 补查 of this element's own deferral came back. */
  ownSettled(notice: SettledNotice, result: Check): void;
  /** A response kept while the platform was down was delivered. */
  delivered(feedback: Feedback): void;
}

/**
 * The 补查 side of 应急 mode: attaches the element to the one sender of its identity (endpoint,
 * department, operator) across tabs, and shows what came back — finished 补查 naming their
 * application, an `alertdialog` for caution/restrict or a refused 补查, feedback as for a live check
 * — and how many are still waiting to be sent. Only the first element of an identity on the page
 * shows them.
 */
export class NoticesController implements ReactiveController, SenderListener {
  /** 补查 not yet sent (this identity, every tab). */
  pendingCount = 0;
  /** Responses kept while the platform was down, not yet delivered (this identity, every tab). */
  feedbackPending = 0;
  /** Finished 补查 waiting for the staff. */
  notices: SettledNotice[] = [];
  /** The sender of this identity (undefined until the element knows endpoint, department and operator). */
  sender: DeferredSender | undefined;
  /** Endpoint, department and operator: whose 补查 these are ('' when not known yet). */
  identity = '';
  private readonly checks = new Map<string, Check>();
  /** Notices whose check is being read (or failed to be, until the next change): read once. */
  private readonly reading = new Set<string>();
  private readonly feedbacks = new Map<string, FeedbackController>();

  private readonly host: CreditCheckHost;
  private readonly read: NoticesReadings;
  private readonly owner: NoticesOwner;

  constructor(host: CreditCheckHost, read: NoticesReadings, owner: NoticesOwner) {
    this.host = host;
    this.read = read;
    this.owner = owner;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.sender?.detach(this);
    this.sender = undefined;
    this.identity = '';
  }

  hostUpdated(): void {
    const h = this.host;
    // An element removed while 应急 mode was loading still updates once: it must not attach, or the
    // sender would keep it (never disconnected again) as the element whose token sends every 补查.
    if (!h.isConnected) return;
    const dept = this.read.department();
    const op = this.read.operator();
    const identity = h.endpoint && dept && op && hasCredentials(h) ? identityOf(h.endpoint, dept, op) : '';
    if (identity !== this.identity) {
      this.sender?.detach(this);
      this.identity = identity;
      this.sender = identity ? DeferredSender.for(identity) : undefined;
      this.sender?.attach(this);
      void this.changed();
    }
    // One modal at a time: the element's own alert first, then the 补查提示 (the next update opens it).
    const dialog = h.renderRoot.querySelector<HTMLDialogElement>('dialog[part="deferred-alert"]');
    if (dialog && !h.renderRoot.querySelector<HTMLDialogElement>('dialog[part="alert"]')?.open) openModal(dialog);
  }

  /** Finished 补查 and the pending count (only the element showing the notices). */
  view(): TemplateResult | typeof nothing {
    if (!this.showsNotices) return nothing;
    const lang = this.host.lang;
    return noticesTemplate({
      lang,
      notices: this.notices.filter((n) => !this.claimedIds.has(n.id)),
      pending: this.pendingCount,
      feedbackPending: this.feedbackPending,
      check: (n) => this.check(n),
      feedback: (n, check) => this.feedback(n).view(check, lang),
      alerting: this.alerting(),
      onAcknowledge: (n) => void this.acknowledge(n),
      // Closed other than by confirming (Escape): the next update opens what is still alerting.
      onClose: () => this.host.requestUpdate(),
    });
  }

  // --- SenderListener ---

  get element(): Element {
    return this.host;
  }

  connection() {
    return this.read.connection();
  }

  settled(notice: SettledNotice, result: Check | undefined, owner: boolean): void {
    if (!result) return;
    this.checks.set(notice.id, result);
    if (!owner) return;
    emit(this.host, 'credit-check-result', resultDetail(result, '', notice.id));
    if (this.owner.owns(notice.id)) this.owner.ownSettled(notice, result);
  }

  delivered(feedback: Feedback): void {
    this.owner.delivered(feedback);
  }

  owns(id: string): boolean {
    return this.owner.owns(id);
  }

  /** This element shows the 补查 `id` as its own result: its alert and feedback are the element's. */
  claim(id: string): void {
    this.sender?.claim(id);
  }

  /** 补查 an element of this page shows as its own result (shared by the elements of one identity). */
  private get claimedIds(): ReadonlySet<string> {
    return this.sender?.claimed ?? NONE;
  }

  /** The element's alert for a claimed 补查 was confirmed: no other tab alerts again. */
  async acknowledgedCheck(checkId: string): Promise<void> {
    const notice = this.notices.find((n) => n.checkId === checkId && this.claimedIds.has(n.id));
    if (!notice || notice.acknowledged) return;
    notice.acknowledged = true;
    await vault.putNotice({ ...notice });
    this.sender?.changed();
  }

  /** The element recorded the response to a claimed 补查: the notice is done everywhere. */
  async fedBackCheck(checkId: string): Promise<void> {
    const notice = this.notices.find((n) => n.checkId === checkId && this.claimedIds.has(n.id));
    if (notice) await this.fedBack(notice);
  }

  async changed(): Promise<void> {
    if (!this.identity) {
      // Called from hostUpdated: ask for an update only when something shown goes (an update
      // requested during one is Lit's change-in-update inefficiency).
      if (!this.notices.length && !this.pendingCount && !this.feedbackPending) return;
      this.notices = [];
      this.pendingCount = 0;
      this.feedbackPending = 0;
      await Promise.resolve();
    } else {
      const identity = this.identity;
      const [pending, feedback, notices] = await Promise.all([
        vault.pending(identity),
        vault.pendingFeedback(identity),
        vault.notices(identity),
      ]);
      if (identity !== this.identity) return;
      this.pendingCount = pending.length;
      this.feedbackPending = feedback.length;
      // In memory a notice stays until reload once fed back, so the staff see it recorded.
      const kept = this.notices.filter((n) => this.feedbacks.get(n.id)?.sent && !notices.some((x) => x.id === n.id));
      this.notices = [...notices.sort((a, b) => a.at.localeCompare(b.at)), ...kept];
      this.reading.clear();
    }
    this.host.requestUpdate();
  }

  // --- the notices ---

  /** This element shows the notices (the first element of its identity on the page). */
  get showsNotices(): boolean {
    return this.sender?.primary() === this;
  }

  /** The notice's check: from the sender, or read once (after a reload) by the element showing it. */
  private check(notice: SettledNotice): Check | undefined {
    const check = this.checks.get(notice.id);
    if (!check && notice.checkId && this.showsNotices && !this.reading.has(notice.id)) {
      this.reading.add(notice.id);
      void getCheck(this.read.connection(), notice.checkId).then(
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

  private feedback(notice: SettledNotice): FeedbackController {
    let f = this.feedbacks.get(notice.id);
    if (!f) {
      f = new FeedbackController(this.host, this.read, {
        target: () => this.checks.get(notice.id),
        onSent: () => void this.fedBack(notice),
      });
      this.feedbacks.set(notice.id, f);
    }
    return f;
  }

  /** The notice whose alert must be confirmed first (caution/restrict, not yet acknowledged). */
  private alerting(): SettledNotice | undefined {
    if (!this.showsNotices) return undefined;
    return this.notices.find(
      (n) => !n.acknowledged && !this.claimedIds.has(n.id) && (n.verdict === 'caution' || n.verdict === 'restrict' || n.failed),
    );
  }

  private async acknowledge(notice: SettledNotice): Promise<void> {
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
