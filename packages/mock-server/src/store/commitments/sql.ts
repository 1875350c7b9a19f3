import type { CommitmentRecord, FulfilmentRecord, ObjectionRecord } from '../../domain/records.ts';
import { bodies, type SqlEngine } from '../engines/engine.ts';
import type { CommitmentsStore } from './contract.ts';

export function sqlCommitments(db: SqlEngine): CommitmentsStore {
  const one = async <T>(table: string, text: string, key: string): Promise<T | undefined> =>
    bodies<T>(db, table, await db.all(text, [key]))[0];
  // What every check reads of a subject: PostgreSQL answers a moment's requests in one statement each.
  const reads = {
    commitments: db.keyed('commitments', 'subject_key', true),
    fulfilments: db.keyed('fulfilments', 'commitment_id'),
    objections: db.keyed('objections', 'entry_id'),
  };
  // Most sandboxes have no objection: SQLite knows it without a read per check.
  const anyObjection = () =>
    db.memo ? db.memo.get('objections:any', async () => (await db.all('SELECT 1 FROM objections LIMIT 1')).length > 0) : true;
  return {
    async putCommitment(record) {
      await db.write(
        `INSERT INTO commitments (commitment_id, subject_key, body) VALUES (?, ?, ?)
         ON CONFLICT (commitment_id) DO UPDATE SET body = excluded.body`,
        [record.commitmentId, db.rows.subject(record.subjectKey), db.rows.write('commitments', record)],
      );
    },
    async allCommitments() {
      return bodies(db, 'commitments', await db.all(`SELECT body FROM commitments ORDER BY ${db.dialect.seq}`));
    },
    getCommitment: (commitmentId) =>
      one<CommitmentRecord>('commitments', 'SELECT body FROM commitments WHERE commitment_id = ?', commitmentId),
    async commitmentsOf(subjectKey) {
      return bodies(db, 'commitments', await reads.commitments(db.rows.subject(subjectKey)));
    },
    async putFulfilment(commitmentId, fulfilment) {
      await db.write(
        'INSERT INTO fulfilments (commitment_id, body) VALUES (?, ?) ON CONFLICT (commitment_id) DO UPDATE SET body = excluded.body',
        [commitmentId, db.rows.write('fulfilments', fulfilment)],
      );
    },
    async getFulfilment(commitmentId) {
      return bodies<FulfilmentRecord>(db, 'fulfilments', await reads.fulfilments(commitmentId))[0];
    },
    async putObjection(record) {
      await db.write(
        `INSERT INTO objections (objection_id, entry_id, filed_at, body) VALUES (?, ?, ?, ?)
         ON CONFLICT (objection_id) DO UPDATE SET body = excluded.body`,
        [record.objectionId, record.entryId, record.filedAt, db.rows.write('objections', record)],
      );
      db.memo?.set('objections:any', true);
    },
    getObjection: (objectionId) => one<ObjectionRecord>('objections', 'SELECT body FROM objections WHERE objection_id = ?', objectionId),
    async objectionsOf(entryIds) {
      if (entryIds.length === 0 || !(await anyObjection())) return [];
      const rows = (await Promise.all([...new Set(entryIds)].map((id) => reads.objections(id)))).flat();
      return bodies<ObjectionRecord>(db, 'objections', rows).sort((a, b) => a.filedAt.localeCompare(b.filedAt));
    },
  };
}
