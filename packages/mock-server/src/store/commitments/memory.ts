import type { CommitmentRecord } from '../../domain/records.ts';
import type { MemoryTables } from '../engines/memory.ts';
import type { CommitmentsStore } from './contract.ts';

export function memoryCommitments(t: MemoryTables): CommitmentsStore {
  return {
    async putCommitment(record) {
      if (!t.commitments.has(record.commitmentId)) {
        const ids = t.commitmentsBySubject.get(record.subjectKey) ?? [];
        ids.push(record.commitmentId);
        t.commitmentsBySubject.set(record.subjectKey, ids);
      }
      t.commitments.set(record.commitmentId, record);
    },
    async allCommitments() {
      return [...t.commitments.values()];
    },
    async getCommitment(commitmentId) {
      return t.commitments.get(commitmentId);
    },
    async commitmentsOf(subjectKey) {
      return (t.commitmentsBySubject.get(subjectKey) ?? []).map((id) => t.commitments.get(id) as CommitmentRecord);
    },
    async putFulfilment(commitmentId, fulfilment) {
      t.fulfilments.set(commitmentId, fulfilment);
    },
    async getFulfilment(commitmentId) {
      return t.fulfilments.get(commitmentId);
    },
    async putObjection(record) {
      t.objections.set(record.objectionId, record);
    },
    async getObjection(objectionId) {
      return t.objections.get(objectionId);
    },
    async objectionsOf(entryIds) {
      if (entryIds.length === 0 || t.objections.size === 0) return [];
      const wanted = new Set(entryIds);
      return [...t.objections.values()].filter((o) => wanted.has(o.entryId)).sort((a, b) => a.filedAt.localeCompare(b.filedAt));
    },
  };
}
