import type { Store } from '../store/store.ts';

/** China Standard Time has no daylight saving: the day a 核查编号 carries is UTC+8's. */
const CST_MS = 8 * 60 * 60 * 1000;

/**
 * 核查编号 (issue 41): `PREFIX-YYYYMMDD-NNNNNN`, a number people read out on the phone and write on
 * the 办件档案. The sequence restarts every day and is decided by the store, so instances sharing a
 * database never hand out the same number. Numbers are reserved `block` at a time: one store write
 * per block instead of per check (PostgreSQL: a round trip). Numbers of a block an instance did not
 * use before it stopped are never handed out — the sequence may have gaps, never repeats.
 */
export class Serials {
  private readonly blocks = new Map<string, { next: number; last: number }>();
  private readonly reserving = new Map<string, Promise<void>>();
  private readonly store: Pick<Store, 'reserveSerials'>;
  private readonly prefix: string;
  private readonly block: number;

  constructor(store: Pick<Store, 'reserveSerials'>, prefix: string, block: number) {
    this.store = store;
    this.prefix = prefix;
    this.block = block;
  }

  /** The next number, for a check made at `now` (ms, the platform's clock). */
  async next(now: number): Promise<string> {
    const day = new Date(now + CST_MS).toISOString().slice(0, 10).replaceAll('-', '');
    const scope = `${this.prefix}-${day}`;
    for (;;) {
      const block = this.blocks.get(scope);
      if (block && block.next <= block.last) return `${scope}-${String(block.next++).padStart(6, '0')}`;
      await this.reserve(scope);
    }
  }

  /** One reservation per scope at a time: the checks of a moment wait for the same block. */
  private reserve(scope: string): Promise<void> {
    let pending = this.reserving.get(scope);
    if (!pending) {
      pending = this.store
        .reserveSerials(scope, this.block)
        .then((last) => {
          // Yesterday's block is done with.
          for (const key of this.blocks.keys()) if (key !== scope) this.blocks.delete(key);
          this.blocks.set(scope, { next: last - this.block + 1, last });
        })
        .finally(() => this.reserving.delete(scope));
      this.reserving.set(scope, pending);
    }
    return pending;
  }
}

/** A platform's 核查编号 prefix: 1–8 capital letters (e.g. a region's abbreviation). */
export const SERIAL_PREFIX = /^[A-Z]{1,8}$/;
