import { memoryChecks } from './checks/memory.ts';
import { memoryCommitments } from './commitments/memory.ts';
import { MemoryTables } from './engines/memory.ts';
import { memoryEvents } from './events/memory.ts';
import { memoryFeedback } from './feedback/memory.ts';
import { memoryGuards } from './guards/memory.ts';
import { memoryOutbox } from './outbox/memory.ts';
import { memoryOverlay } from './overlay/memory.ts';
import type { Store } from './store.ts';
import { memoryVerifications } from './verifications/memory.ts';

/** The default store: everything in memory, gone on exit (also msw's and the browser's). */
export function memoryStore(): Store {
  const t = new MemoryTables();
  return {
    kind: 'memory',
    ...memoryChecks(t),
    ...memoryFeedback(t),
    ...memoryCommitments(t),
    ...memoryOverlay(t),
    ...memoryEvents(t),
    ...memoryOutbox(t),
    ...memoryGuards(t),
    ...memoryVerifications(t),
    async clear() {
      t.clear();
    },
    async close() {},
    async ping() {},
    // In memory every write is as durable as it will ever be.
    durable: () => Promise.resolve(),
    async flush() {},
    afterCommit: (fn) => fn(),
  };
}

/** `new MemoryStore()`: the same, for those who construct stores. */
export interface MemoryStore extends Store {}
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the class is the constructor of the interface it merges with.
export class MemoryStore {
  constructor() {
    Object.assign(this, memoryStore());
  }
}
