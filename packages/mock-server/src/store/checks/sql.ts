import { filterClause, type SqlEngine } from '../engines/engine.ts';
import type { CheckerRecord, ChecksStore, CoverageRow } from './contract.ts';
import { type CheckRow, checkBody, checkOf } from './rows.ts';

/** The checks table, on either engine. A check is the hot path's write: PostgreSQL groups those of a moment. */
export function sqlChecks(db: SqlEngine): ChecksStore {
  return {
    async putCheck(record) {
      const c = record.check;
      await db.insertGrouped('checks', {
        check_id: c.checkId,
        subject_key: db.rows.subject(record.subjectKey),
        checked_at: c.checkedAt,
        matter: c.matter.code,
        verdict: c.verdict,
        department: c.context.department,
        body: checkBody(db.rows, record),
        deferred: Boolean(c.context.deferred?.at),
        app_id: record.appId,
        serial: c.serial ?? null,
      });
    },
    async getCheck(checkId) {
      const [row] = await db.all<CheckRow>('SELECT subject_key, app_id, body FROM checks WHERE check_id = ?', [checkId]);
      return row ? checkOf(db.rows, row) : undefined;
    },
    async getCheckBySerial(serial) {
      const [row] = await db.all<CheckRow>('SELECT subject_key, app_id, body FROM checks WHERE serial = ?', [serial]);
      return row ? checkOf(db.rows, row) : undefined;
    },
    async reserveSerials(scope, count) {
      const [row] = await db.write<{ last: number | string }>(
        `INSERT INTO serials (scope, last) VALUES (?1, CAST(?2 AS BIGINT))
         ON CONFLICT (scope) DO UPDATE SET last = serials.last + CAST(?2 AS BIGINT) RETURNING last`,
        [scope, count],
      );
      return Number(row?.last);
    },
    async checkStats(subjectKey) {
      const [row] = await db.all<{ total: number | string; last_at: string | null }>(
        'SELECT count(*) AS total, max(checked_at) AS last_at FROM checks WHERE subject_key = ?',
        [db.rows.subject(subjectKey)],
      );
      return { total: Number(row?.total ?? 0), lastAt: row?.last_at ?? null };
    },
    async checkersOf(subjectKey, sinceIso) {
      // The latest row per app, department and matter (a window both engines run), with its id and 核查编号.
      const rows = await db.all<{
        app_id: string;
        department: string;
        matter: string;
        checked_at: string;
        check_id: string;
        serial: string | null;
      }>(
        `SELECT app_id, department, matter, checked_at, check_id, serial FROM (
           SELECT app_id, department, matter, checked_at, check_id, serial,
             row_number() OVER (PARTITION BY app_id, department, matter ORDER BY checked_at DESC, check_id DESC) AS n
           FROM checks WHERE subject_key = ? AND checked_at >= ?) latest
         WHERE n = 1`,
        [db.rows.subject(subjectKey), sinceIso],
      );
      return rows.map(
        (r): CheckerRecord => ({
          appId: r.app_id,
          department: r.department,
          matter: r.matter,
          checkedAt: r.checked_at,
          checkId: r.check_id,
          serial: r.serial ?? null,
        }),
      );
    },
    async coverage(filter) {
      const { where, params } = filterClause(
        'c.checked_at',
        'c.department',
        filter,
        filter.appId === undefined ? undefined : ['c.app_id', filter.appId],
      );
      const rows = await db.all<Record<'total' | 'with_feedback' | 'deferred', number | string> & Pick<CoverageRow, 'matter' | 'verdict'>>(
        `SELECT c.matter, c.verdict, count(*) AS total, count(f.check_id) AS with_feedback,
           sum(CASE WHEN c.deferred THEN 1 ELSE 0 END) AS deferred
         FROM checks c LEFT JOIN feedback f ON f.check_id = c.check_id ${where} GROUP BY c.matter, c.verdict`,
        params,
      );
      return rows.map((r) => ({
        matter: r.matter,
        verdict: r.verdict,
        total: Number(r.total),
        withFeedback: Number(r.with_feedback),
        deferred: Number(r.deferred),
      }));
    },
  };
}
