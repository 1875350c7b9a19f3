import type { Feedback } from '@credit-check/sdk/contract';
import { type CheckRow, checkOf } from '../checks/rows.ts';
import { filterClause, type SqlEngine } from '../engines/engine.ts';
import type { FeedbackStore } from './contract.ts';

export function sqlFeedback(db: SqlEngine): FeedbackStore {
  const get = async (checkId: string) => {
    const [row] = await db.all<{ body: string }>('SELECT body FROM feedback WHERE check_id = ?', [checkId]);
    return row ? db.rows.read<Feedback>('feedback', row.body) : undefined;
  };
  return {
    async putFeedback(feedback) {
      // The first feedback of a check stays: whichever instance inserts first, the other reads it
      // back (in PostgreSQL in a statement of its own, whose snapshot sees the committed one).
      const [inserted] = await db.write<{ body: string }>(
        'INSERT INTO feedback (check_id, recorded_at, body) VALUES (?, ?, ?) ON CONFLICT (check_id) DO NOTHING RETURNING body',
        [feedback.checkId, feedback.recordedAt, db.rows.write('feedback', feedback)],
      );
      return inserted ? db.rows.read<Feedback>('feedback', inserted.body) : ((await get(feedback.checkId)) as Feedback);
    },
    getFeedback: get,
    async feedbackCases(filter, appId) {
      const { where, params } = filterClause(
        'f.recorded_at',
        'c.department',
        filter,
        appId === undefined ? undefined : ['c.app_id', appId],
      );
      const rows = await db.all<CheckRow & { feedback: string }>(
        `SELECT f.body AS feedback, c.subject_key, c.app_id, c.body FROM feedback f JOIN checks c ON c.check_id = f.check_id
         ${where} ORDER BY f.${db.dialect.seq}`,
        params,
      );
      return rows.map((r) => ({ feedback: db.rows.read<Feedback>('feedback', r.feedback), check: checkOf(db.rows, r) }));
    },
  };
}
