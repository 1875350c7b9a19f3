import { type MemoryTables, recipientKey } from '../engines/memory.ts';
import { type ChecksStore, type CoverageRow, visibleTo } from './contract.ts';

export function memoryChecks(t: MemoryTables): ChecksStore {
  return {
    async putCheck(record) {
      const c = record.check;
      t.checks.set(c.checkId, record);
      if (c.serial) t.checksBySerial.set(c.serial, c.checkId);
      let checkers = t.checkers.get(record.subjectKey);
      if (!checkers) {
        checkers = new Map();
        t.checkers.set(record.subjectKey, checkers);
      }
      const checker = {
        appId: record.appId,
        department: c.context.department,
        matter: c.matter.code,
        checkedAt: c.checkedAt,
        checkId: c.checkId,
        serial: c.serial ?? null,
      };
      checkers.set(`${recipientKey(checker)}\u0000${checker.matter}`, checker);
      const s = t.checksBySubject.get(record.subjectKey);
      if (s) {
        s.total++;
        s.lastAt = c.checkedAt;
      } else {
        t.checksBySubject.set(record.subjectKey, { total: 1, lastAt: c.checkedAt });
      }
    },
    async getCheck(checkId) {
      return t.checks.get(checkId);
    },
    async getCheckBySerial(serial) {
      const checkId = t.checksBySerial.get(serial);
      return checkId === undefined ? undefined : t.checks.get(checkId);
    },
    async reserveSerials(scope, count) {
      const last = (t.serials.get(scope) ?? 0) + count;
      t.serials.set(scope, last);
      return last;
    },
    async checkStats(subjectKey) {
      const s = t.checksBySubject.get(subjectKey);
      return { total: s?.total ?? 0, lastAt: s?.lastAt ?? null };
    },
    async checkersOf(subjectKey, sinceIso) {
      return [...(t.checkers.get(subjectKey)?.values() ?? [])].filter((c) => c.checkedAt >= sinceIso);
    },
    async coverage(filter) {
      const rows = new Map<string, CoverageRow>();
      for (const { check, appId } of t.checks.values()) {
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
        if (t.feedback.has(check.checkId)) row.withFeedback++;
        if (check.context.deferred) row.deferred++;
      }
      return [...rows.values()];
    },
  };
}
