import { CreditCheckError } from './errors.ts';

interface Entry<T> {
  promise: Promise<T>;
  /** Only when the first waiter can abort: a first waiter without a signal pins the request anyway. */
  controller: AbortController | undefined;
  /** Waiters that could still abort; the shared request is cancelled only when all of them have. */
  abortable: number;
  /** A waiter without a signal keeps the request alive. */
  pinned: boolean;
  settledAt: number | undefined;
}

/**
 * In-flight de-duplication plus a short result cache: identical calls share one request (ten
 * widgets on one page checking the same subject for the same matter make one request), and a
 * result is reused for `ttl` ms. Failures are never cached.
 */
export class SharedCalls<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly ttl: number;
  constructor(ttl: number) {
    this.ttl = ttl;
  }

  run(key: string, signal: AbortSignal | undefined, start: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> {
    let entry = this.entries.get(key);
    if (entry?.settledAt !== undefined && Date.now() - entry.settledAt >= this.ttl) {
      this.entries.delete(key);
      entry = undefined;
    }
    if (!entry) {
      // No signal for the request when nobody could abort it: ky would otherwise join it to its
      // own timeout signal with AbortSignal.any on every call.
      const controller = signal ? new AbortController() : undefined;
      const created: Entry<T> = {
        controller,
        abortable: 0,
        pinned: false,
        settledAt: undefined,
        promise: Promise.resolve(),
      } as unknown as Entry<T>;
      created.promise = start(controller?.signal).then(
        (value) => {
          created.settledAt = Date.now();
          if (this.ttl <= 0 && this.entries.get(key) === created) this.entries.delete(key);
          return value;
        },
        (error: unknown) => {
          if (this.entries.get(key) === created) this.entries.delete(key);
          throw error;
        },
      );
      entry = created;
      this.entries.set(key, entry);
    }
    return this.wait(entry, key, signal);
  }

  private wait(entry: Entry<T>, key: string, signal: AbortSignal | undefined): Promise<T> {
    if (!signal) {
      entry.pinned = true;
      return entry.promise;
    }
    if (signal.aborted) return Promise.reject(aborted());
    entry.abortable++;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        reject(aborted());
        entry.abortable--;
        if (entry.abortable === 0 && !entry.pinned && entry.settledAt === undefined) {
          if (this.entries.get(key) === entry) this.entries.delete(key);
          entry.controller?.abort();
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
      entry.promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }

  /** Forgets cached results (in-flight calls continue). */
  clear(): void {
    for (const [key, entry] of this.entries) if (entry.settledAt !== undefined) this.entries.delete(key);
  }
}

function aborted(): CreditCheckError {
  return new CreditCheckError('ABORTED', 'The call was aborted by the caller');
}
