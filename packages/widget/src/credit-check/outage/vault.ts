import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { DeferredRecord, QueuedFeedback, Sealed, SettledNotice } from './records.ts';
import { DEFERRAL_DB } from './stored.ts';

interface Schema extends DBSchema {
  keys: { key: string; value: CryptoKey };
  deferred: { key: string; value: DeferredRecord; indexes: { identity: string } };
  settled: { key: string; value: SettledNotice; indexes: { identity: string } };
  /** The catalogue's 应急 policy per matter, kept for when the platform is down (not personal data). */
  policy: { key: string; value: Record<string, 'allowed' | 'forbidden'> };
  /** Responses recorded while the platform was down, until delivered (version 2). */
  feedback: { key: string; value: QueuedFeedback; indexes: { identity: string } };
}

let db: Promise<IDBPDatabase<Schema>> | undefined;

/** The page's database (IndexedDB through `idb`): survives reload, tab close and a browser crash. */
function database(): Promise<IDBPDatabase<Schema>> {
  db ??= openDB<Schema>(DEFERRAL_DB, 2, {
    upgrade(d, from) {
      if (from < 1) {
        d.createObjectStore('keys');
        d.createObjectStore('deferred', { keyPath: 'id' }).createIndex('identity', 'identity');
        d.createObjectStore('settled', { keyPath: 'id' }).createIndex('identity', 'identity');
        d.createObjectStore('policy');
      }
      if (from < 2) d.createObjectStore('feedback', { keyPath: 'id' }).createIndex('identity', 'identity');
    },
    // A newer version in another tab: let it upgrade; the next call reopens.
    blocking() {
      void db?.then((d) => d.close());
      db = undefined;
    },
  });
  return db;
}

let key: Promise<CryptoKey> | undefined;

/**
 * The AES-GCM key that seals subjects: generated in this browser, non-extractable (script can use
 * it but never read it), stored as a CryptoKey object. Two tabs racing keep the first one stored.
 */
function sealingKey(): Promise<CryptoKey> {
  key ??= (async () => {
    const d = await database();
    const stored = await d.get('keys', 'subject');
    if (stored) return stored;
    const fresh = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const tx = d.transaction('keys', 'readwrite');
    const raced = await tx.store.get('subject');
    if (!raced) await tx.store.put(fresh, 'subject');
    await tx.done;
    return raced ?? fresh;
  })();
  key.catch(() => {
    key = undefined;
  });
  return key;
}

export async function seal(value: unknown): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await sealingKey(), new TextEncoder().encode(JSON.stringify(value)));
  return { iv, data };
}

export async function unseal<T>(sealed: Sealed): Promise<T> {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, await sealingKey(), sealed.data);
  return JSON.parse(new TextDecoder().decode(plain)) as T;
}

export async function putDeferred(record: DeferredRecord): Promise<void> {
  await (await database()).put('deferred', record);
}

export async function pending(identity: string): Promise<DeferredRecord[]> {
  return (await database()).getAllFromIndex('deferred', 'identity', identity);
}

/**
 * The platform has the 补查 (or refused a kept record for good): the record (with its sealed
 * content) goes, the notice for the staff comes, in one transaction.
 */
export async function settle(notice: SettledNotice, from: 'deferred' | 'feedback' = 'deferred'): Promise<void> {
  const tx = (await database()).transaction([from, 'settled'], 'readwrite');
  await Promise.all([tx.objectStore(from).delete(notice.id), tx.objectStore('settled').put(notice), tx.done]);
}

export async function notices(identity: string): Promise<SettledNotice[]> {
  return (await database()).getAllFromIndex('settled', 'identity', identity);
}

export async function putNotice(notice: SettledNotice): Promise<void> {
  await (await database()).put('settled', notice);
}

export async function dropNotice(id: string): Promise<void> {
  await (await database()).delete('settled', id);
}

export async function putFeedback(record: QueuedFeedback): Promise<void> {
  await (await database()).put('feedback', record);
}

export async function pendingFeedback(identity: string): Promise<QueuedFeedback[]> {
  return (await database()).getAllFromIndex('feedback', 'identity', identity);
}

export async function dropFeedback(id: string): Promise<void> {
  await (await database()).delete('feedback', id);
}

/** Due now: after a sign that the platform is back, skip what is left of the backoff. */
export async function dueNow(identity: string): Promise<void> {
  const tx = (await database()).transaction(['deferred', 'feedback'], 'readwrite');
  const now = Date.now();
  for (const name of ['deferred', 'feedback'] as const) {
    const store = tx.objectStore(name);
    for (const r of await store.index('identity').getAll(identity)) if (r.nextAt > now) await store.put({ ...r, nextAt: now });
  }
  await tx.done;
}

export async function getPolicy(endpoint: string): Promise<Record<string, 'allowed' | 'forbidden'> | undefined> {
  return (await database()).get('policy', endpoint);
}

export async function putPolicy(endpoint: string, policy: Record<string, 'allowed' | 'forbidden'>): Promise<void> {
  await (await database()).put('policy', policy, endpoint);
}
