import type { MemoryTables } from '../engines/memory.ts';
import type { VerificationsStore } from './contract.ts';

export function memoryVerifications(t: MemoryTables): VerificationsStore {
  const end = (checkId: string, status: 'superseded' | 'withdrawn', at: string) => {
    let n = 0;
    for (const v of t.verifications.values()) {
      if (v.checkId === checkId && v.status === 'valid') {
        v.status = status;
        v.endedAt = at;
        n++;
      }
    }
    return n;
  };
  return {
    async issueVerification(record) {
      end(record.checkId, 'superseded', record.issuedAt);
      t.verifications.set(record.codeHash, { ...record });
    },
    async getVerification(codeHash) {
      const v = t.verifications.get(codeHash);
      return v && { ...v };
    },
    async withdrawVerifications(checkId, at) {
      return end(checkId, 'withdrawn', at);
    },
  };
}
