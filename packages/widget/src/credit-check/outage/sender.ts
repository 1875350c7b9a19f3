import {
  type Check,
  type Connection,
  check,
  type Feedback,
  type FeedbackInput,
  isCreditCheckError,
  isPlatformUnavailable,
  sendFeedback,
} from '@credit-check/sdk';
import type { SubjectRef } from '@credit-check/sdk/contract';
import { failureText } from '../messages.ts';
import { backoff, type DeferredRecord, type QueuedFeedback, type SettledNotice } from './records.ts';
import * as vault from './vault.ts';

/** What a page element hears from the sender of its identity. */
export interface SenderListener {
  /**
   * A 补查 came back from the platform (this page sent it). Every element hears it; `owner` is the
   * element whose deferral it is (else the one showing the notices) and speaks for it.
   */
  settled(notice: SettledNotice, result: Check | undefined, owner: boolean): void;
  /** A response kept while the platform was down reached it. */
  delivered(feedback: Feedback): void;
  /** Records or notices changed, here or in another tab: read them again. */
  changed(): void;
  /** The connection to send with (the element's token). */
  connection(): Connection;
  /** Is this the element that accepted deferral `id` (and still shows it)? */
  owns(id: string): boolean;
  /** The element itself: the first in the page shows the notices. */
  readonly element: Element;
}

type Message = { identity: string; type: 'wake' | 'back' | 'changed' };
type Due = { kind: 'deferred'; record: DeferredRecord } | { kind: 'feedback'; record: QueuedFeedback };

const CHANNEL = 'credit-check:deferred';
const senders = new Map<string, DeferredSender>();

/** Everything this identity still has to send: 补查 and kept responses. */
async function due(identity: string): Promise<Due[]> {
  const [deferred, feedback] = await Promise.all([vault.pending(identity), vault.pendingFeedback(identity)]);
  return [
    ...deferred.map((record) => ({ kind: 'deferred' as const, record })),
    ...feedback.map((record) => ({ kind: 'feedback' as const, record })),
  ];
}

/**
 * One sender per identity across every tab of this browser, for what the counter kept while the
 * platform was down — 补查 of deferred applications and responses (反馈) not yet delivered: a Web
 * Lock elects it (a tab that closes or crashes releases it, and the next waiting tab takes over); a
 * BroadcastChannel wakes it. Each record goes with its own Idempotency-Key (`defer_<id>`, the
 * feedback's key), so even a tab killed between the platform's answer and the local delete records
 * it once. Retries back off with jitter; nothing is sent while no page of that identity is open,
 * and nothing polls while nothing is pending.
 */
export class DeferredSender {
  private readonly listeners = new Set<SenderListener>();
  /** 补查 an element of this page shows as its own result: the notices do not show them twice. */
  readonly claimed = new Set<string>();
  private readonly channel = new BroadcastChannel(CHANNEL);
  private queued = false;
  private wake: (() => void) | undefined;
  /** The platform refused this page's credentials (scope, operator): wait for a new token. */
  private refused = false;

  private readonly identity: string;

  private constructor(identity: string) {
    this.identity = identity;
    this.channel.onmessage = ({ data }: MessageEvent<Message>) => {
      if (data?.identity !== this.identity) return;
      if (data.type === 'changed') for (const l of this.listeners) l.changed();
      else this.nudge();
    };
  }

  static for(identity: string): DeferredSender {
    let sender = senders.get(identity);
    if (!sender) {
      sender = new DeferredSender(identity);
      senders.set(identity, sender);
    }
    return sender;
  }

  attach(listener: SenderListener): void {
    this.listeners.add(listener);
    this.refused = false;
    this.kick();
  }

  detach(listener: SenderListener): void {
    const wasPrimary = this.primary() === listener;
    this.listeners.delete(listener);
    this.wake?.();
    // Another element of the page shows the notices now.
    if (wasPrimary) for (const l of this.listeners) l.changed();
  }

  /**
   * The page element that shows the notices and speaks for the sender: the first in the page (in
   * document order, not the first whose 应急 chunk happened to load — the same element on every
   * load, so the clerk finds the 补查提示 where it was before).
   */
  primary(): SenderListener | undefined {
    let first: SenderListener | undefined;
    for (const l of this.listeners) {
      if (!first || first.element.compareDocumentPosition(l.element) & Node.DOCUMENT_POSITION_PRECEDING) first = l;
    }
    return first;
  }

  /** A new record here (a deferral, a kept response): tell the other tabs, and make sure someone sends it. */
  added(): void {
    this.post('wake');
    this.changed();
    this.kick();
  }

  /** The platform answered a live check: it is back, so skip the rest of the backoff everywhere. */
  async platformBack(): Promise<void> {
    await vault.dueNow(this.identity);
    this.post('back');
    this.nudge();
  }

  /** An element of this page shows 补查 `id` as its own result (this page only). */
  claim(id: string): void {
    this.claimed.add(id);
    for (const l of this.listeners) l.changed();
  }

  /** Notices changed (acknowledged, fed back): every tab reads them again. */
  changed(): void {
    this.post('changed');
    for (const l of this.listeners) l.changed();
  }

  private post(type: Message['type']): void {
    this.channel.postMessage({ identity: this.identity, type } satisfies Message);
  }

  private nudge(): void {
    this.refused = false;
    if (this.wake) this.wake();
    else this.kick();
  }

  /** Queues for the lock when this identity has anything to send; the holder sends until none is left. */
  private kick(): void {
    if (this.queued || !this.listeners.size) return;
    this.queued = true;
    void (async () => {
      try {
        if (!(await due(this.identity)).length) return;
        await navigator.locks.request(`${CHANNEL}:${this.identity}`, () => this.run());
      } finally {
        this.queued = false;
      }
      // Added while the lock was being given up: go again.
      if (this.listeners.size && !this.refused && (await due(this.identity)).length) this.kick();
    })().catch(() => {
      this.queued = false;
    });
  }

  private async run(): Promise<void> {
    while (this.listeners.size && !this.refused) {
      const records = await due(this.identity);
      if (!records.length) return;
      const now = Date.now();
      for (const d of records) {
        if (d.record.nextAt > now) continue;
        await (d.kind === 'deferred' ? this.send(d.record) : this.deliver(d.record));
        if (this.refused || !this.listeners.size) return;
      }
      const left = await due(this.identity);
      if (!left.length) return;
      await this.sleep(Math.max(0, Math.min(...left.map((d) => d.record.nextAt)) - Date.now()));
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private async send(r: DeferredRecord): Promise<void> {
    const listener = this.primary();
    if (!listener) return;
    let subject: SubjectRef;
    try {
      subject = await vault.unseal<SubjectRef>(r.sealed);
    } catch {
      // The key is gone (site data partly cleared): the subject cannot be read back — say so, by hand.
      return this.fail(r, 'deferred', 'UNREADABLE', {
        'zh-CN': '本地记录无法解密，请人工补查',
        en: 'The local record cannot be decrypted: check by hand',
      });
    }
    try {
      const result = await check(
        listener.connection(),
        {
          subject,
          matter: r.matter,
          context: {
            applicationId: r.applicationId,
            department: r.department,
            operator: r.operator,
            channel: r.channel,
            deferred: { at: r.at, reason: r.reason },
          },
        },
        { cache: false, idempotencyKey: `defer_${r.id}` },
      );
      const notice = noticeOf(r, { checkId: result.checkId, verdict: result.verdict });
      await vault.settle(notice);
      this.tell(notice, result);
      this.changed();
    } catch (error) {
      await this.failed(r, 'deferred', error, () =>
        vault.putDeferred({ ...r, attempts: r.attempts + 1, nextAt: Date.now() + backoff(r.attempts + 1) }),
      );
    }
  }

  /** A response kept while the platform was down: delivered with its own key, so at most once. */
  private async deliver(r: QueuedFeedback): Promise<void> {
    const listener = this.primary();
    if (!listener) return;
    let body: FeedbackInput;
    try {
      body = await vault.unseal<FeedbackInput>(r.sealed);
    } catch {
      return this.fail(r, 'feedback', 'UNREADABLE', {
        'zh-CN': '本机暂存的处理结果无法读取，请重新记录',
        en: 'The response kept here cannot be read: record it again',
      });
    }
    try {
      const feedback = await sendFeedback(listener.connection(), r.checkId, body, { idempotencyKey: r.id });
      await vault.dropFeedback(r.id);
      for (const l of this.listeners) l.delivered(feedback);
      this.changed();
    } catch (error) {
      await this.failed(r, 'feedback', error, () =>
        vault.putFeedback({ ...r, attempts: r.attempts + 1, nextAt: Date.now() + backoff(r.attempts + 1) }),
      );
    }
  }

  /** After a failed send: later (no answer), another page's turn (this page's credentials), or never (refused for good). */
  private async failed(
    r: DeferredRecord | QueuedFeedback,
    from: 'deferred' | 'feedback',
    error: unknown,
    later: () => Promise<void>,
  ): Promise<void> {
    // No answer, or no token to be had (the host mints tokens through the platform): try again later.
    if (isPlatformUnavailable(error) || (isCreditCheckError(error) && error.code === 'AUTH' && error.status === undefined)) {
      await later();
      return;
    }
    const e = isCreditCheckError(error) ? error : undefined;
    // Credentials of this page (expired, another operator, no checks:defer): keep it for a page that can.
    if (e?.code === 'AUTH' || e?.problemCode?.startsWith('SCOPE_')) {
      this.refused = true;
      return;
    }
    // In the staff's words from the one table (a 补查 past its window: check by hand), never the
    // platform's own message, which may name scopes or fields.
    await this.fail(r, from, e?.problemCode ?? e?.code ?? 'ERROR', {
      'zh-CN': failureText(error, 'zh-CN').text,
      en: failureText(error, 'en').text,
    });
  }

  /** Refused for good: the staff must act by hand — kept as a notice until confirmed. */
  private async fail(
    r: DeferredRecord | QueuedFeedback,
    from: 'deferred' | 'feedback',
    code: string,
    message: { 'zh-CN': string; en: string },
  ): Promise<void> {
    const notice = noticeOf(r, { failed: { code, message }, ...(from === 'feedback' ? { kind: 'feedback' as const } : {}) });
    await vault.settle(notice, from);
    this.tell(notice, undefined);
    this.changed();
  }

  /** Every element hears it; the one that owns the deferral (else the primary) speaks for it. */
  private tell(notice: SettledNotice, result: Check | undefined): void {
    const owner = [...this.listeners].find((l) => l.owns(notice.id)) ?? this.primary();
    for (const l of this.listeners) l.settled(notice, result, l === owner);
  }
}

function noticeOf(
  r: DeferredRecord | QueuedFeedback,
  outcome: Pick<SettledNotice, 'checkId' | 'verdict' | 'failed' | 'kind'>,
): SettledNotice {
  return {
    id: r.id,
    identity: r.identity,
    applicationId: r.applicationId,
    matter: r.matter,
    at: r.at,
    ...('checkId' in r ? { checkId: r.checkId } : {}),
    ...outcome,
    acknowledged: false,
  };
}
