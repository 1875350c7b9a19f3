import type { Check } from '@credit-check/sdk';
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Readings } from '../host.ts';
import { strings } from '../i18n.ts';
import type { SinceState } from '../replay/since.ts';

type SinceModule = typeof import('../replay/since.ts');

interface Asked {
  /** The later check whose details show the comparison. */
  forId: string;
  state: SinceState;
  /** The chunk with the replay call, the words and the template, once here. */
  module: SinceModule | undefined;
  /** The chunk could not be loaded. */
  unavailable: boolean;
}

/**
 * "Since 受理" (issue 41): the first check of an application (its key holds the 办件编号, subject and
 * matter) is the one made at 受理. When a later check of the same key comes back — 重新核查, or the
 * identifier entered again after the short cache — the platform replays the first one: what it
 * decided then on the data it had, and what changed in the record since (listed, repaired, objection
 * upheld …), in plain words. The call, the words and the template are a chunk loaded then; if it
 * cannot load or the platform does not answer, the staff read that the comparison is missing — the
 * new check stands on its own either way (it is the result; this only explains a difference).
 */
export class SinceController {
  /** The check made at 受理, by key: its id is all the replay needs. */
  private readonly first = new Map<string, string>();
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
      this.first.set(key, result.checkId);
      return;
    }
    if (first === result.checkId || this.asked?.forId === result.checkId) return;
    const asked: Asked = { forId: result.checkId, state: { state: 'loading' }, module: undefined, unavailable: false };
    this.asked = asked;
    const connection = this.read.connection();
    const settle = (state: SinceState) => {
      asked.state = state;
      if (this.asked === asked) this.host.requestUpdate();
    };
    import('../replay/since.ts').then(
      (m) => {
        asked.module = m;
        this.host.requestUpdate();
        m.replaySince(connection, first).then(
          (replay) => settle({ state: 'done', replay }),
          () => settle({ state: 'failed' }),
        );
      },
      () => {
        asked.unavailable = true;
        settle({ state: 'failed' });
      },
    );
  }

  /** The comparison under the result `r` on screen, if one was asked for it. */
  render(r: Check, lang: string): TemplateResult | typeof nothing {
    const a = this.asked;
    if (a?.forId !== r.checkId) return nothing;
    if (a.module) return a.module.sinceTemplate(a.state, lang);
    return a.unavailable ? html`<section part="since"><p class="meta">${strings(lang).sinceFailed}</p></section>` : nothing;
  }

  /** The next application: its first check is a new 受理. */
  forget(): void {
    this.first.clear();
    this.asked = undefined;
  }
}
