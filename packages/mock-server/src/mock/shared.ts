import type { Fault } from './schemas.ts';

/**
 * A change to what one process of the mock holds in memory rather than in the store: the scenario
 * fault, the clock offset, a reset, new events for the webhook deliverer. Under `--workers` each
 * worker announces its changes and applies the others' (`node/cluster.ts` relays them), so a
 * control sent to any worker holds for all.
 */
export type SharedChange =
  | { kind: 'scenario'; fault: Fault | null; remaining: number | null }
  | { kind: 'clock'; offsetMs: number }
  | { kind: 'reset' }
  | { kind: 'events' };

/** How a worker reaches the others (node:cluster IPC through the primary, in `node/cluster.ts`). */
export interface SharedChannel {
  publish(change: SharedChange): void;
  subscribe(apply: (change: SharedChange) => void): void;
}
