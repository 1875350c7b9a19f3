import type { Ack, Feedback } from '@credit-check/sdk/contract';
import type { CommitmentRecord, FulfilmentRecord, GradeRecord, ObjectionRecord } from '../../domain/records.ts';
import type { CheckerRecord, StoredCheck } from '../checks/contract.ts';
import type { EventRecord, FeedRecord } from '../events/contract.ts';
import type { IdempotentResponse } from '../guards/contract.ts';
import { keptByReset, keptNonce } from '../meta.ts';
import type { DeliveryRecord, SubscriptionRecord } from '../outbox/contract.ts';
import type { StoredEntry } from '../overlay/contract.ts';
import type { VerificationRecord } from '../verifications/contract.ts';

/**
 * The memory engine: every aggregate's maps, in one place so the in-memory aggregates can read
 * each other's as SQL joins tables (feedback cases read checks; the feed reads events). The
 * default store, msw's and the browser's service worker's.
 */
export class MemoryTables {
  readonly checks = new Map<string, StoredCheck>();
  readonly checksBySerial = new Map<string, string>();
  /** 核查编号 sequences: kept by a reset, so a number is never handed out twice. */
  readonly serials = new Map<string, number>();
  readonly checksBySubject = new Map<string, { total: number; lastAt: string }>();
  /** Per subject, per app, department and matter, the latest check (the routing of 定向推送). */
  readonly checkers = new Map<string, Map<string, CheckerRecord>>();
  readonly feedback = new Map<string, Feedback>();
  readonly commitments = new Map<string, CommitmentRecord>();
  readonly commitmentsBySubject = new Map<string, string[]>();
  readonly fulfilments = new Map<string, FulfilmentRecord>();
  readonly objections = new Map<string, ObjectionRecord>();
  readonly entries = new Map<string, StoredEntry>();
  readonly entriesBySubject = new Map<string, string[]>();
  readonly grades = new Map<string, GradeRecord>();
  readonly events = new Map<string, EventRecord>();
  readonly sequences = new Map<string, number>();
  readonly feeds = new Map<string, FeedRecord[]>();
  readonly feedIndex = new Map<string, FeedRecord>();
  cursor = 0;
  readonly acks = new Map<string, Ack>();
  ackList: { appId: string; ack: Ack }[] = [];
  readonly subscriptions = new Map<string, SubscriptionRecord>();
  readonly deliveries = new Map<string, DeliveryRecord>();
  /** Pending deliveries per chain (subscription × subject), oldest first. */
  readonly chains = new Map<string, DeliveryRecord[]>();
  readonly idempotent = new Map<string, IdempotentResponse>();
  readonly nonces = new Map<string, number>();
  readonly meta = new Map<string, string>();
  readonly buckets = new Map<string, { tokens: number; at: number }>();
  readonly verifications = new Map<string, VerificationRecord>();

  /** Everything but `key:*` meta, signature nonces (POST /__mock/reset; see meta.ts) and serial sequences. */
  clear(): void {
    for (const key of [...this.meta.keys()]) if (!keptByReset(key)) this.meta.delete(key);
    for (const key of [...this.nonces.keys()]) if (!keptNonce(key)) this.nonces.delete(key);
    const kept: unknown[] = [this.meta, this.nonces, this.serials];
    for (const value of Object.values(this)) if (value instanceof Map && !kept.includes(value)) value.clear();
    this.ackList = [];
    this.cursor = 0;
  }
}

/** A recipient's key in the maps: app and department (a department name alone is no key). */
export const recipientKey = (r: { appId: string; department: string }): string => `${r.appId}\u0000${r.department}`;
