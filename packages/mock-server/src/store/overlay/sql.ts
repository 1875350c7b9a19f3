import type { GradeRecord } from '../../domain/records.ts';
import { bodies, type SqlEngine } from '../engines/engine.ts';
import type { OverlayStore, StoredEntry } from './contract.ts';

export function sqlOverlay(db: SqlEngine): OverlayStore {
  const reads = { entries: db.keyed('entries', 'subject_key', true), grades: db.keyed('grades', 'subject_key') };
  // Every check reads the overlay and most sandboxes have none: SQLite skips both reads until there is one.
  const any = () =>
    db.memo
      ? db.memo.get('overlay:any', async () => (await db.all('SELECT 1 FROM entries UNION ALL SELECT 1 FROM grades LIMIT 1')).length > 0)
      : true;
  return {
    async putEntry(record) {
      await db.write(
        'INSERT INTO entries (entry_id, subject_key, body) VALUES (?, ?, ?) ON CONFLICT (entry_id) DO UPDATE SET body = excluded.body',
        [record.entry.entryId, db.rows.subject(record.subjectKey), db.rows.write('entries', record)],
      );
      db.memo?.set('overlay:any', true);
    },
    async entriesOf(subjectKey) {
      return (await any()) ? bodies(db, 'entries', await reads.entries(db.rows.subject(subjectKey))) : [];
    },
    async getEntry(entryId) {
      return bodies<StoredEntry>(db, 'entries', await db.all('SELECT body FROM entries WHERE entry_id = ?', [entryId]))[0];
    },
    async allEntries() {
      return bodies(db, 'entries', await db.all(`SELECT body FROM entries ORDER BY ${db.dialect.seq}`));
    },
    async putGrade(subjectKey, grade) {
      await db.write('INSERT INTO grades (subject_key, body) VALUES (?, ?) ON CONFLICT (subject_key) DO UPDATE SET body = excluded.body', [
        db.rows.subject(subjectKey),
        db.rows.write('grades', grade),
      ]);
      db.memo?.set('overlay:any', true);
    },
    async gradeOf(subjectKey) {
      return (await any()) ? bodies<GradeRecord>(db, 'grades', await reads.grades(db.rows.subject(subjectKey)))[0] : undefined;
    },
  };
}
