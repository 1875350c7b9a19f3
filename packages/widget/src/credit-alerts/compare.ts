import { type Connection, replayCheck } from '@credit-check/sdk';
import type { Replay } from '@credit-check/sdk/contract';
import type { ReactiveControllerHost } from 'lit';
import { failureText } from '../credit-check/messages.ts';

/** One event's comparison with the check it was routed by. */
export type Comparison = { state: 'loading' } | { state: 'failed'; text: string } | { state: 'done'; replay: Replay };

/**
 * "What did we know when we checked?" (issue 41): an event routed to the department because it
 * checked the subject names that check; on request, the platform replays it — the verdict then, the
 * verdict now and what changed in between, in plain words. Asked per event, when the staff click:
 * the inbox does not replay every check it lists.
 */
export class CompareController {
  private readonly asked = new Map<string, Comparison>();
  private readonly host: ReactiveControllerHost;
  private readonly connection: () => Connection | undefined;

  constructor(host: ReactiveControllerHost, connection: () => Connection | undefined) {
    this.host = host;
    this.connection = connection;
  }

  of(eventId: string): Comparison | undefined {
    return this.asked.get(eventId);
  }

  async compare(eventId: string, checkId: string): Promise<void> {
    const connection = this.connection();
    if (!connection || this.asked.get(eventId)?.state === 'loading') return;
    this.asked.set(eventId, { state: 'loading' });
    this.host.requestUpdate();
    try {
      this.asked.set(eventId, { state: 'done', replay: await replayCheck(connection, checkId) });
    } catch (error) {
      this.asked.set(eventId, { state: 'failed', text: `未能对比核查时的结论：${failureText(error, 'zh-CN').text}` });
    }
    this.host.requestUpdate();
  }
}
