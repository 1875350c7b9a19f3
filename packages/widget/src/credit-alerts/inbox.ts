import { ackEvent, type Connection, isCreditCheckError, listEvents } from '@credit-check/sdk';
import type { AckInput, FeedItem } from '@credit-check/sdk/contract';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface InboxHost extends ReactiveControllerHost {
  connection(): Connection | undefined;
  /** Poll interval when all is well (ms). */
  readonly interval: number;
  /** New events arrived (count), for the element's event. */
  arrived(items: readonly FeedItem[]): void;
}

/** How long to wait after failures: doubling from the interval, at most 5 minutes, with jitter. */
export function retryDelay(interval: number, failures: number, random: () => number = Math.random): number {
  const step = Math.min(300_000, interval * 2 ** Math.min(10, failures));
  return Math.round(step / 2 + (random() * step) / 2);
}

/**
 * The department's inbox of pushed events (定向推送): the newest 50 first, then polling for what
 * comes after the newest cursor — at the interval while the platform answers, backing off while
 * it does not. A feed that could not be read is shown as such, never as an empty inbox.
 */
export class InboxController implements ReactiveController {
  items: FeedItem[] = [];
  unacknowledged = 0;
  /** null: loaded; otherwise why the inbox could not be read (shown to staff). */
  failure: 'unavailable' | 'forbidden' | null = null;
  loaded = false;
  private failures = 0;
  private newest: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private abort: AbortController | undefined;
  private readonly host: InboxHost;

  constructor(host: InboxHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    void this.poll();
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.abort?.abort();
  }

  /** Reads now (e.g. after the token changed). */
  refresh(): void {
    clearTimeout(this.timer);
    void this.poll();
  }

  private async poll(): Promise<void> {
    const connection = this.host.connection();
    if (!connection) return;
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    try {
      const first = this.newest === undefined;
      const page = await listEvents(connection, first ? { order: 'desc', limit: 50 } : { after: this.newest, limit: 100 }, {
        signal: abort.signal,
      });
      // Newest first on screen; the polled pages come oldest first.
      const fresh = first ? page.items : [...page.items].reverse();
      if (!first && fresh.length) this.host.arrived(fresh);
      this.items = [...fresh, ...this.items.filter((i) => !fresh.some((f) => f.event.eventId === i.event.eventId))];
      this.newest = this.items[0]?.cursor ?? '0';
      this.unacknowledged = page.unacknowledged;
      this.failure = null;
      this.failures = 0;
      this.loaded = true;
      // More already waiting after this page: read on at once.
      this.schedule(!first && page.next ? 0 : this.host.interval);
    } catch (error) {
      if (abort.signal.aborted) return;
      this.failure = isCreditCheckError(error) && error.code === 'AUTH' ? 'forbidden' : 'unavailable';
      this.failures++;
      this.schedule(retryDelay(this.host.interval, this.failures));
    }
    this.host.requestUpdate();
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    if (!this.host.connection()) return;
    this.timer = setTimeout(() => void this.poll(), ms);
  }

  /** Records the department's feedback on one event; the item shows it once the platform has it. */
  async acknowledge(eventId: string, input: AckInput): Promise<void> {
    const connection = this.host.connection();
    if (!connection) throw new Error('no connection');
    const ack = await ackEvent(connection, eventId, input);
    this.items = this.items.map((i) => (i.event.eventId === eventId ? { ...i, ack } : i));
    // The count is the platform's, read again now. Subtracting one here raced the polls: one in
    // flight may have counted after this ack (and then it was taken off twice: 2 → 1 → 0) or
    // before it. A poll started after the ack answered counts it exactly once; it replaces any in flight.
    const before = this.unacknowledged;
    clearTimeout(this.timer);
    await this.poll();
    if (this.failure) this.unacknowledged = Math.max(0, before - 1);
    this.host.requestUpdate();
  }
}
