import { eventView } from '../platform/events.ts';
import type { Platform } from '../platform/platform.ts';
import { chainOf, type DeliveryRecord, type EventRecord, type SubscriptionRecord } from '../store/store.ts';
import { signWebhook } from './signature.ts';
import { DestinationRefused, type WebhookTransport, webhookTransport } from './transport.ts';

export interface RetryPolicy {
  /** First retry after about this long (ms, default 5 s); doubling each attempt. */
  baseMs: number;
  /** Never wait longer than this between attempts (default 1 h). */
  maxMs: number;
  /** After this many failed attempts the delivery is a dead letter (default 12: about a day). */
  maxAttempts: number;
}

export interface DelivererOptions {
  /** Deliveries in flight at once (default 128); one per subscription × subject at a time. */
  concurrency?: number;
  /** A receiver that has not answered in this long failed (default 10 s). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Told the outcome of every attempt (the server's metrics count them). */
  onAttempt?: (outcome: DeliveryOutcome) => void;
}

/** What became of one attempt: delivered, to be tried again, or given up (a dead letter). */
export type DeliveryOutcome = 'delivered' | 'retry' | 'dead';

/**
 * A fan-out opens many chains at once: with 32 in flight the outbox fell behind a burst of listings
 * (p50 seconds); 128 keeps up while the platform emits (bench events section). Each receiver still
 * gets at most the agent's 64 connections.
 */
export const DEFAULT_CONCURRENCY = 128;

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 5_000, maxMs: 3_600_000, maxAttempts: 12 };

/** Exponential backoff with equal jitter: half the step fixed, half random, so receivers coming back are not stampeded. */
export function backoff(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/**
 * Delivers the outbox (定向推送 by webhook): at least once, in order per subscription and
 * subject, signed per Standard Webhooks. Everything it needs is in the store, so after a crash
 * it picks up where it stopped (an attempt cut off mid-flight is sent again: receivers
 * deduplicate on `webhook-id`, the event id).
 */
export class Deliverer {
  private readonly platform: Platform;
  private readonly concurrency: number;
  private readonly timeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly busy = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pumping = false;
  private again = false;
  private stopped = false;
  private readonly unsubscribe: () => void;
  private readonly inflight = new Set<Promise<void>>();
  private readonly transport: WebhookTransport;
  private readonly onAttempt: ((outcome: DeliveryOutcome) => void) | undefined;

  /** Who this deliverer is, in the leases it takes (instances sharing a PostgreSQL store each have one). */
  private readonly id = `dlv-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;

  constructor(platform: Platform, options: DelivererOptions = {}) {
    this.platform = platform;
    this.transport = webhookTransport(platform.webhookDestinations);
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.onAttempt = options.onAttempt;
    this.unsubscribe = platform.onEvents(() => this.wake());
  }

  start(): void {
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
    clearTimeout(this.timer);
    await Promise.allSettled([...this.inflight]);
    this.transport.close();
  }

  private woken = false;

  /**
   * Sends what is due now; sleeps until the next retry is due. Wake-ups in one turn of the event
   * loop (many deliveries completing, many events appended) share one look at the outbox.
   */
  wake(): void {
    if (this.stopped || this.woken) return;
    this.woken = true;
    setImmediate(() => {
      this.woken = false;
      void this.pump();
    });
  }

  /**
   * A claim on what it hands out, for as long as an attempt can take and then some: deliverers of
   * other instances (PostgreSQL) pass those over, and take them when this one died holding them.
   */
  private lease() {
    return { owner: this.id, until: Date.now() + 2 * this.timeoutMs + 5_000 };
  }

  private async pump(): Promise<void> {
    if (this.stopped) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    let retryIn: number | undefined;
    try {
      do {
        this.again = false;
        while (this.busy.size < this.concurrency && !this.stopped) {
          const due = await this.platform.store.dueDeliveries(Date.now(), this.concurrency - this.busy.size, this.busy, this.lease());
          if (due.length === 0) break;
          for (const d of due) this.track(d);
        }
      } while (this.again);
    } catch (error) {
      // The store is unreachable (a database restarting): nothing is lost — the outbox is there
      // when it is back. Look again in a while.
      this.warn(`outbox unreachable, retrying: ${(error as Error).message}`);
      retryIn = 2_000;
    } finally {
      this.pumping = false;
    }
    await this.sleep(retryIn);
  }

  private warned = 0;
  private warn(message: string): void {
    if (Date.now() - this.warned < 30_000) return;
    this.warned = Date.now();
    console.error(`[credit-check-mock] ${message}`);
  }

  private async sleep(retryIn?: number): Promise<void> {
    clearTimeout(this.timer);
    if (this.stopped || this.busy.size >= this.concurrency) return;
    // Only retries due later: a chain whose head is in flight waits for its answer, which wakes us
    // (counting it here would poll the store every few ms for as long as a slow receiver takes).
    // Where several instances deliver, another's may finish a head this one waits behind: look
    // again now and then.
    const now = Date.now();
    let next: number | null = null;
    try {
      next = retryIn === undefined ? await this.platform.store.nextDueAt(now) : now + retryIn;
    } catch {
      next = now + 2_000;
    }
    if (this.platform.store.kind === 'postgres') next = Math.min(next ?? now + 1_000, now + 1_000);
    if (next === null || this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), Math.max(0, Math.min(60_000, next - now)));
    this.timer.unref?.();
  }

  private track(d: DeliveryRecord): void {
    const chain = chainOf(d);
    this.busy.add(chain);
    const attempt = this.send(d)
      .catch((error) => console.error(`[credit-check-mock] delivery ${d.deliveryId}: ${(error as Error).message}`))
      .finally(() => {
        this.busy.delete(chain);
        this.inflight.delete(attempt);
        this.wake();
      });
    this.inflight.add(attempt);
  }

  /**
   * Events recently delivered: a fan-out sends each to several subscriptions at the same moment,
   * so the read itself is shared (bounded, oldest out).
   */
  private readonly events = new Map<string, Promise<EventRecord | undefined>>();

  private eventOf(eventId: string): Promise<EventRecord | undefined> {
    const known = this.events.get(eventId);
    if (known !== undefined) return known;
    if (this.events.size >= 4096) this.events.delete(this.events.keys().next().value as string);
    const read = this.platform.store.getEvent(eventId);
    this.events.set(eventId, read);
    // Not found or not read (a database restarting): asked again next time — this read only, never
    // a newer one of the same event that replaced it meanwhile.
    const forget = () => this.events.get(eventId) === read && this.events.delete(eventId);
    read.then((found) => found || forget(), forget);
    return read;
  }

  /** The subscription from the store's parsed list of active ones (kept until one changes), else read. */
  private async subscriptionOf(id: string): Promise<SubscriptionRecord | undefined> {
    const { store } = this.platform;
    return (await store.activeSubscriptions()).find((s) => s.subscriptionId === id) ?? (await store.getSubscription(id));
  }

  private async send(d: DeliveryRecord): Promise<void> {
    const { store } = this.platform;
    const [subscription, event] = await Promise.all([this.subscriptionOf(d.subscriptionId), this.eventOf(d.eventId)]);
    if (!subscription?.url || subscription.deletedAt || !event) {
      await store.updateDelivery({ ...d, status: 'dead', nextAttemptAt: null, lastError: 'subscription deleted' });
      return;
    }
    const body = JSON.stringify(eventView(event, d.why, subscription.pii));
    const now = Date.now();
    const timestamp = Math.floor(now / 1000);
    const secrets = [subscription.secret];
    if (subscription.previousSecret && (subscription.previousSecretValidUntil ?? 0) > now) secrets.push(subscription.previousSecret);
    let error: string | null = null;
    try {
      const status = await this.transport.post(
        subscription.url,
        {
          'content-type': 'application/json',
          'user-agent': 'credit-check-mock (Standard Webhooks)',
          'webhook-id': event.eventId,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': secrets.map((s) => signWebhook(s, event.eventId, timestamp, body)).join(' '),
        },
        body,
        this.timeoutMs,
      );
      if (status < 200 || status > 299) error = `HTTP ${status}`;
    } catch (e) {
      error = failure(e);
    }
    const at = Date.now();
    const attempts = d.attempts + 1;
    this.onAttempt?.(error === null ? 'delivered' : attempts >= this.retry.maxAttempts ? 'dead' : 'retry');
    if (error === null) {
      await store.updateDelivery({
        ...d,
        status: 'delivered',
        attempts,
        lastAttemptAt: at,
        lastError: null,
        nextAttemptAt: null,
        deliveredAt: at,
      });
    } else if (attempts >= this.retry.maxAttempts) {
      await store.updateDelivery({ ...d, status: 'dead', attempts, lastAttemptAt: at, lastError: error, nextAttemptAt: null });
    } else {
      await store.updateDelivery({
        ...d,
        attempts,
        lastAttemptAt: at,
        lastError: error,
        nextAttemptAt: at + backoff(attempts, this.retry),
      });
    }
  }
}

/** Why an attempt failed, in the words a delivery record keeps. */
function failure(e: unknown): string {
  if (e instanceof DestinationRefused) return e.message;
  const error = e as { name?: string; code?: string; message?: string; cause?: { name?: string } };
  if (error.name === 'TimeoutError' || error.cause?.name === 'TimeoutError' || error.name === 'AbortError') return 'timeout';
  if (error.code === 'ECONNREFUSED') return 'connection refused';
  return error.code ?? error.message ?? String(e);
}
