import type { Feedback } from '@credit-check/sdk/contract';
import type { CommitmentRecord, FulfilmentRecord, ObjectionRecord } from '../domain/records.ts';
import { MemorySupervision } from './memory-supervision.ts';
import { type CoverageFilter, type CoverageRow, type IdempotentResponse, type Store, type StoredCheck, visibleTo } from './store.ts';
import type { CaseFilter } from './supervision.ts';

/** The default store: everything in memory, gone on exit. */
export class MemoryStore extends MemorySupervision implements Store {
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

  putCheck(record: StoredCheck): void {
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
  getCheck(checkId: string): StoredCheck | undefined {
    return this.checks.get(checkId);
  }
  checkStats(subjectKey: string) {
    const s = this.bySubject.get(subjectKey);
    return { total: s?.total ?? 0, lastAt: s?.lastAt ?? null };
  }

  putFeedback(feedback: Feedback): Feedback {
    const existing = this.feedback.get(feedback.checkId);
    if (existing) return existing;
    this.feedback.set(feedback.checkId, feedback);
    return feedback;
  }
  getFeedback(checkId: string) {
    return this.feedback.get(checkId);
  }
  feedbackCases(filter: CaseFilter, appId?: string) {
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

  putCommitment(record: CommitmentRecord): void {
    if (!this.commitments.has(record.commitmentId)) {
      const ids = this.commitmentsBySubject.get(record.subjectKey) ?? [];
      ids.push(record.commitmentId);
      this.commitmentsBySubject.set(record.subjectKey, ids);
    }
    this.commitments.set(record.commitmentId, record);
  }
  allCommitments(): CommitmentRecord[] {
    return [...this.commitments.values()];
  }
  getCommitment(commitmentId: string) {
    return this.commitments.get(commitmentId);
  }
  commitmentsOf(subjectKey: string): CommitmentRecord[] {
    return (this.commitmentsBySubject.get(subjectKey) ?? []).map((id) => this.commitments.get(id) as CommitmentRecord);
  }
  putFulfilment(commitmentId: string, fulfilment: FulfilmentRecord): void {
    this.fulfilments.set(commitmentId, fulfilment);
  }
  getFulfilment(commitmentId: string) {
    return this.fulfilments.get(commitmentId);
  }

  putObjection(record: ObjectionRecord): void {
    this.objections.set(record.objectionId, record);
  }
  getObjection(objectionId: string) {
    return this.objections.get(objectionId);
  }
  objectionsOf(entryIds: readonly string[]): ObjectionRecord[] {
    if (entryIds.length === 0 || this.objections.size === 0) return [];
    const wanted = new Set(entryIds);
    return [...this.objections.values()].filter((o) => wanted.has(o.entryId)).sort((a, b) => a.filedAt.localeCompare(b.filedAt));
  }

  getIdempotent(key: string, notBefore: number) {
    const saved = this.idempotent.get(key);
    return saved && saved.createdAt >= notBefore ? saved : undefined;
  }
  putIdempotent(key: string, response: IdempotentResponse, notBefore: number): void {
    // Insertion order is creation order: drop expired outcomes from the front.
    for (const [k, v] of this.idempotent) {
      if (v.createdAt >= notBefore) break;
      this.idempotent.delete(k);
    }
    this.idempotent.delete(key);
    this.idempotent.set(key, response);
  }

  useNonce(key: string, expiresAt: number): boolean {
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

  releaseNonce(key: string): void {
    this.nonces.delete(key);
  }

  coverage(filter: CoverageFilter): CoverageRow[] {
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

  getMeta(key: string) {
    return this.meta.get(key);
  }
  putMeta(key: string, value: string): void {
    this.meta.set(key, value);
  }

  clear(): void {
    this.clearSupervision();
    for (const key of [...this.meta.keys()]) if (!key.startsWith('key:')) this.meta.delete(key);
    for (const map of [
      this.checks,
      this.bySubject,
      this.feedback,
      this.commitments,
      this.commitmentsBySubject,
      this.fulfilments,
      this.objections,
      this.idempotent,
      this.nonces,
    ]) {
      map.clear();
    }
  }
  close(): void {}

  // In memory every write is as durable as it will ever be.
  durable(): Promise<void> {
    return Promise.resolve();
  }
  flush(): void {}
  afterCommit(fn: () => void): void {
    fn();
  }
}
