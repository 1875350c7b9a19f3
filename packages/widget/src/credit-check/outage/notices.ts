import { type Check, getCheck } from '@credit-check/sdk';
import { nothing, type ReactiveController, type TemplateResult } from 'lit';
import { FeedbackController } from '../controllers/feedback.ts';
import { openModal } from '../dom.ts';
import { emit, resultDetail } from '../events.ts';
import { type CreditCheckHost, hasCredentials, type Readings } from '../host.ts';
import { identityOf, type SettledNotice } from './records.ts';
import { DeferredSender, type SenderListener } from './sender.ts';
import { noticesTemplate } from './templates/notices.ts';
import * as vault from './vault.ts';

export type NoticesReadings = Pick<Readings, 'department' | 'operator' | 'connection'>;

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

  constructor(host: CreditCheckHost, read: NoticesReadings) {
    this.host = host;
    this.read = read;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.sender?.detach(this);
    this.sender = undefined;
    this.identity = '';
  }

  hostUpdated(): void {
    const h = this.host;
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
    const dialog = h.renderRoot.querySelector<HTMLDialogElement>('dialog[part="deferred-alert"]');
    if (dialog) openModal(dialog);
  }

  /** Finished 补查 and the pending count (only the element showing the notices). */
  view(): TemplateResult | typeof nothing {
    if (!this.showsNotices) return nothing;
    const lang = this.host.lang;
    return noticesTemplate({
      lang,
      notices: this.notices,
      pending: this.pendingCount,
      check: (n) => this.check(n),
      feedback: (n, check) => this.feedback(n).view(check, lang),
      alerting: this.alerting(),
      onAcknowledge: (n) => void this.acknowledge(n),
      // Closed other than by confirming (Escape): the next update opens what is still alerting.
      onClose: () => this.host.requestUpdate(),
    });
  }

  // --- SenderListener ---

  connection() {
    return this.read.connection();
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
    return this.notices.find((n) => !n.acknowledged && (n.verdict === 'caution' || n.verdict === 'restrict' || n.failed));
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
