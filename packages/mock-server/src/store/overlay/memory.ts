import type { MemoryTables } from '../engines/memory.ts';
import type { OverlayStore, StoredEntry } from './contract.ts';

export function memoryOverlay(t: MemoryTables): OverlayStore {
  return {
    async putEntry(record) {
      if (!t.entries.has(record.entry.entryId)) {
        const ids = t.entriesBySubject.get(record.subjectKey) ?? [];
        ids.push(record.entry.entryId);
        t.entriesBySubject.set(record.subjectKey, ids);
      }
      t.entries.set(record.entry.entryId, record);
    },
    async entriesOf(subjectKey) {
      return (t.entriesBySubject.get(subjectKey) ?? []).map((id) => t.entries.get(id) as StoredEntry);
    },
    async getEntry(entryId) {
      return t.entries.get(entryId);
    },
    async allEntries() {
      return [...t.entries.values()];
    },
    async putGrade(subjectKey, grade) {
      t.grades.set(subjectKey, grade);
    },
    async gradeOf(subjectKey) {
      return t.grades.get(subjectKey);
    },
  };
}
