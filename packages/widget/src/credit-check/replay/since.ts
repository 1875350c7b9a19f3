import { type Connection, replayCheck } from '@credit-check/sdk';
import type { Replay } from '@credit-check/sdk/contract';

/**
 * The platform's replay of the check made at 受理 (issue 41): what it decided then and what changed
 * since, in plain words. A chunk of its own, loaded when a later check of the same application comes
 * back; the call and its schema sit in the records chunk (vite.config.ts), never in the entry.
 */
export function replaySince(connection: Connection, firstCheckId: string): Promise<Replay> {
  return replayCheck(connection, firstCheckId);
}
