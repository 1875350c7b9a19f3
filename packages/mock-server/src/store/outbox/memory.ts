import type { MemoryTables } from '../engines/memory.ts';
import { chainOf, type DeliveryRecord, type OutboxStore } from './contract.ts';

/** Queues a pending delivery on its chain, in sequence order. */
export function enqueue(t: MemoryTables, delivery: DeliveryRecord): void {
  const key = chainOf(delivery);
  const chain = t.chains.get(key);
  if (!chain) t.chains.set(key, [delivery]);
  else {
    chain.push(delivery);
    if (chain.length > 1 && (chain.at(-2) as DeliveryRecord).sequence > delivery.sequence) chain.sort((a, b) => a.sequence - b.sequence);
  }
}

export function memoryOutbox(t: MemoryTables): OutboxStore {
  return {
    async putSubscription(record) {
      t.subscriptions.set(record.subscriptionId, record);
    },
    async getSubscription(subscriptionId) {
      return t.subscriptions.get(subscriptionId);
    },
    async subscriptionsOf(appId) {
      return [...t.subscriptions.values()].filter((s) => s.appId === appId && !s.deletedAt);
    },
    async activeSubscriptions() {
      return [...t.subscriptions.values()].filter((s) => !s.deletedAt);
    },
    async dueDeliveries(now, limit, busy) {
      const out: DeliveryRecord[] = [];
      for (const [key, chain] of t.chains) {
        if (out.length >= limit) break;
        const head = chain[0];
        if (head && !busy.has(key) && (head.nextAttemptAt ?? 0) <= now) out.push({ ...head });
      }
      return out;
    },
    async nextDueAt(after) {
      let next: number | null = null;
      for (const chain of t.chains.values()) {
        const at = chain[0]?.nextAttemptAt;
        if (at != null && at > after && (next === null || at < next)) next = at;
      }
      return next;
    },
    async updateDelivery(record) {
      const current = t.deliveries.get(record.deliveryId);
      if (!current) return;
      Object.assign(current, record);
      const key = chainOf(current);
      const chain = t.chains.get(key) ?? [];
      const inChain = chain.indexOf(current);
      if (current.status === 'pending' && inChain < 0) enqueue(t, current);
      if (current.status !== 'pending' && inChain >= 0) {
        chain.splice(inChain, 1);
        if (chain.length === 0) t.chains.delete(key);
      }
    },
    async deliveriesOf(subscriptionId, status, limit) {
      const out: DeliveryRecord[] = [];
      for (const d of t.deliveries.values()) {
        if (d.subscriptionId === subscriptionId && (!status || d.status === status)) out.push({ ...d });
      }
      return out.slice(-limit);
    },
    async countDeliveries(subscriptionId, status) {
      let n = 0;
      for (const d of t.deliveries.values()) if (d.subscriptionId === subscriptionId && d.status === status) n++;
      return n;
    },
    async dropPending(subscriptionId) {
      for (const d of [...t.deliveries.values()]) {
        if (d.subscriptionId === subscriptionId && d.status === 'pending') {
          t.deliveries.delete(d.deliveryId);
          t.chains.delete(chainOf(d));
        }
      }
    },
  };
}
