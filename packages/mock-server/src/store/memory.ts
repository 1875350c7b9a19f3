import type { Feedback } from '@credit-check/sdk/contract';
import type { CommitmentRecord, FulfilmentRecord, ObjectionRecord } from '../domain/records.ts';
import { MemorySupervision } from './memory-supervision.ts';
import { keptByReset, keptNonce } from './meta.ts';
import { type CoverageFilter, type CoverageRow, type IdempotentResponse, type Store, type StoredCheck, visibleTo } from './store.ts';
import type { CaseFilter } from './supervision.ts';

/** The default store: everything in memory, gone on exit. */
export class MemoryStore extends MemorySupervision implements Store {
  readonly kind = 'memory';
  readonly keepsNonces = false;
  private checks = new Map<string, StoredCheck>();
  private bySubject = new Map<string, { total: number; lastAt: string }>();
  private feedback = new Map<string, Feedback>();
  private commitments = new Map<string, CommitmentRecord>();
  private commitmentsBySubject = new Map<string, string[]>();
  private fulfilments = new Map<string, FulfilmentRecord>();
  private objections = new Map<string, ObjectionRecord>();
  private idempotent = new Map<string, IdempotentResponse>();
  private nonces = new Map<string, number>();
  private meta = new Map<string, string>();
  private lastSweep = 0;

  async putCheck(record: StoredCheck): Promise<void> {
    this.checks.set(record.check.checkId, record);
    const c = record.check;
    this.noteChecker(record.subjectKey, {
      appId: record.appId,
      department: c.context.department,
      matter: c.matter.code,
      checkedAt: c.checkedAt,
    });
    const s = this.bySubject.get(record.subjectKey);
    if (s) {
      s.total++;
      s.lastAt = record.check.checkedAt;
    } else {
      this.bySubject.set(record.subjectKey, { total: 1, lastAt: record.check.checkedAt });
    }
  }
  async getCheck(checkId: string): Promise<StoredCheck | undefined> {
    return this.checks.get(checkId);
  }
  async checkStats(subjectKey: string) {
    const s = this.bySubject.get(subjectKey);
    return { total: s?.total ?? 0, lastAt: s?.lastAt ?? null };
  }

  async putFeedback(feedback: Feedback): Promise<Feedback> {
    const existing = this.feedback.get(feedback.checkId);
    if (existing) return existing;
    this.feedback.set(feedback.checkId, feedback);
    return feedback;
  }
  async getFeedback(checkId: string) {
    return this.feedback.get(checkId);
  }
  async feedbackCases(filter: CaseFilter, appId?: string) {
    const out: { feedback: Feedback; check: StoredCheck }[] = [];
    for (const feedback of this.feedback.values()) {
      const check = this.checks.get(feedback.checkId);
      const day = feedback.recordedAt.slice(0, 10);
      if (!check || (filter.from && day < filter.from) || (filter.to && day > filter.to)) continue;
      if (filter.department && check.check.context.department !== filter.department) continue;
      if (!visibleTo(check.appId, appId)) continue;
      out.push({ feedback, check });
    }
    return out;
  }

  async putCommitment(record: CommitmentRecord): Promise<void> {
    if (!this.commitments.has(record.commitmentId)) {
      const ids = this.commitmentsBySubject.get(record.subjectKey) ?? [];
      ids.push(record.commitmentId);
      this.commitmentsBySubject.set(record.subjectKey, ids);
    }
    this.commitments.set(record.commitmentId, record);
  }
  async allCommitments(): Promise<CommitmentRecord[]> {
    return [...this.commitments.values()];
  }
  async getCommitment(commitmentId: string) {
    return this.commitments.get(commitmentId);
  }
  async commitmentsOf(subjectKey: string): Promise<CommitmentRecord[]> {
    return (this.commitmentsBySubject.get(subjectKey) ?? []).map((id) => this.commitments.get(id) as CommitmentRecord);
  }
  async putFulfilment(commitmentId: string, fulfilment: FulfilmentRecord): Promise<void> {
    this.fulfilments.set(commitmentId, fulfilment);
  }
  async getFulfilment(commitmentId: string) {
    return this.fulfilments.get(commitmentId);
  }

  async putObjection(record: ObjectionRecord): Promise<void> {
    this.objections.set(record.objectionId, record);
  }
  async getObjection(objectionId: string) {
    return this.objections.get(objectionId);
  }
  async objectionsOf(entryIds: readonly string[]): Promise<ObjectionRecord[]> {
    if (entryIds.length === 0 || this.objections.size === 0) return [];
    const wanted = new Set(entryIds);
    return [...this.objections.values()].filter((o) => wanted.has(o.entryId)).sort((a, b) => a.filedAt.localeCompare(b.filedAt));
  }

  async getIdempotent(key: string, notBefore: number) {
    const saved = this.idempotent.get(key);
    return saved && saved.createdAt >= notBefore ? saved : undefined;
  }
  async putIdempotent(key: string, response: IdempotentResponse, notBefore: number): Promise<void> {
    // Insertion order is creation order: drop expired outcomes from the front.
    for (const [k, v] of this.idempotent) {
      if (v.createdAt >= notBefore) break;
      this.idempotent.delete(k);
    }
    this.idempotent.delete(key);
    this.idempotent.set(key, response);
  }

  async useNonce(key: string, expiresAt: number): Promise<boolean> {
    const now = Date.now();
    if (now - this.lastSweep > 60_000) {
      this.lastSweep = now;
      for (const [k, exp] of this.nonces) if (exp < now) this.nonces.delete(k);
    }
    const seen = this.nonces.get(key);
    if (seen !== undefined && seen >= now) return false;
    this.nonces.set(key, expiresAt);
    return true;
  }

  async releaseNonce(key: string): Promise<void> {
    this.nonces.delete(key);
  }

  async coverage(filter: CoverageFilter): Promise<CoverageRow[]> {
    const rows = new Map<string, CoverageRow>();
    for (const { check, appId } of this.checks.values()) {
      if (!visibleTo(appId, filter.appId)) continue;
      const day = check.checkedAt.slice(0, 10);
      if (filter.from && day < filter.from) continue;
      if (filter.to && day > filter.to) continue;
      if (filter.department && check.context.department !== filter.department) continue;
      const key = `${check.matter.code}\u0000${check.verdict}`;
      let row = rows.get(key);
      if (!row) {
        row = { matter: check.matter.code, verdict: check.verdict, total: 0, withFeedback: 0, deferred: 0 };
        rows.set(key, row);
      }
      row.total++;
      if (this.feedback.has(check.checkId)) row.withFeedback++;
      if (check.context.deferred) row.deferred++;
    }
    return [...rows.values()];
  }

  async getMeta(key: string) {
    return this.meta.get(key);
  }
  async putMeta(key: string, value: string): Promise<void> {
    this.meta.set(key, value);
  }
  async claimMeta(key: string, value: string): Promise<string> {
    const kept = this.meta.get(key);
    if (kept !== undefined) return kept;
    this.meta.set(key, value);
    return value;
  }

  private buckets = new Map<string, { tokens: number; at: number }>();
  async takeToken(bucket: string, perSecond: number, burst: number, now: number) {
    const b = this.buckets.get(bucket) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + (Math.max(0, now - b.at) / 1000) * perSecond);
    b.at = now;
    this.buckets.set(bucket, b);
    const granted = b.tokens >= 1;
    if (granted) b.tokens -= 1;
    return { granted, tokens: b.tokens };
  }

  /** One process: nothing runs the same work beside it. */
  async exclusive<T>(_name: string, fn: () => Promise<T>): Promise<T | undefined> {
    return fn();
  }

  async clear(): Promise<void> {
    this.clearSupervision();
    for (const key of [...this.meta.keys()]) if (!keptByReset(key)) this.meta.delete(key);
    for (const key of [...this.nonces.keys()]) if (!keptNonce(key)) this.nonces.delete(key);
    for (const map of [
      this.checks,
      this.bySubject,
      this.feedback,
      this.commitments,
      this.commitmentsBySubject,
      this.fulfilments,
      this.objections,
      this.idempotent,
      this.buckets,
    ]) {
      map.clear();
    }
  }
  async close(): Promise<void> {}
  async ping(): Promise<void> {}

  // In memory every write is as durable as it will ever be.
  durable(): Promise<void> {
    return Promise.resolve();
  }
  async flush(): Promise<void> {}
  afterCommit(fn: () => void): void {
    fn();
  }
}
