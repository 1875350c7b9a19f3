import type { Check } from '@credit-check/sdk';
import type { Replay } from '@credit-check/sdk/contract';
import type { ReactiveControllerHost } from 'lit';
import type { Readings } from '../host.ts';

/** What the staff see under a later check of the same application: how it compares with 受理. */
export type SinceView = { state: 'loading' } | { state: 'failed' } | { state: 'done'; replay: Replay };

interface Asked {
  /** The check made at 受理, replayed. */
  firstId: string;
  /** The later check whose details show the comparison. */
  forId: string;
  view: SinceView;
}

/**
 * "Since 受理" (issue 41): the first check of an application (its key holds the 办件编号, subject and
 * matter) is the one made at 受理. When a later check of the same key comes back — 重新核查, or the
 * identifier entered again after the short cache — the platform replays the first one: what it
 * decided then on the data it had, and what changed in the record since (listed, repaired, objection
 * upheld …), in plain words. The replay's code is a chunk loaded then; if it cannot load or the
 * platform does not answer, the staff read that the comparison is missing — the new check stands
 * on its own either way (it is the result; this only explains a difference).
 */
export class SinceController {
  private readonly first = new Map<string, Check>();
  private asked: Asked | undefined;
  private readonly host: ReactiveControllerHost;
  private readonly read: Pick<Readings, 'connection'>;

  constructor(host: ReactiveControllerHost, read: Pick<Readings, 'connection'>) {
    this.host = host;
    this.read = read;
  }

  /** A check for `key` came back. */
  seen(key: string, result: Check): void {
    const first = this.first.get(key);
    if (!first) {
      this.first.set(key, result);
      return;
    }
    if (first.checkId === result.checkId || this.asked?.forId === result.checkId) return;
    const asked: Asked = { firstId: first.checkId, forId: result.checkId, view: { state: 'loading' } };
    this.asked = asked;
    const connection = this.read.connection();
    import('../replay/since.ts')
      .then((m) => m.replaySince(connection, first.checkId))
      .then(
        (replay) => this.settle(asked, { state: 'done', replay }),
        () => this.settle(asked, { state: 'failed' }),
      );
  }

  private settle(asked: Asked, view: SinceView): void {
    if (this.asked !== asked) return;
    asked.view = view;
    this.host.requestUpdate();
  }

  /** The comparison for the result `r` on screen, if one was asked for it. */
  view(r: Check): SinceView | undefined {
    return this.asked?.forId === r.checkId ? this.asked.view : undefined;
  }

  /** The next application: its first check is a new 受理. */
  forget(): void {
    this.first.clear();
    this.asked = undefined;
  }
}
