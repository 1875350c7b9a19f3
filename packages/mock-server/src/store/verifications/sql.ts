import { LOCKS, type SqlEngine } from '../engines/engine.ts';
import type { VerificationRecord, VerificationsStore } from './contract.ts';

type Row = {
  code_hash: string;
  check_id: string;
  app_id: string;
  issued_at: string;
  expires_at: string;
  status: VerificationRecord['status'];
  ended_at: string | null;
};

export function sqlVerifications(db: SqlEngine): VerificationsStore {
  return {
    issueVerification(record) {
      // Serialised across instances: two issues for one check never leave two valid codes.
      return db.atomically(LOCKS.verify, async (tx) => {
        await tx.write(`UPDATE verifications SET status = 'superseded', ended_at = ? WHERE check_id = ? AND status = 'valid'`, [
          record.issuedAt,
          record.checkId,
        ]);
        await tx.write(
          `INSERT INTO verifications (code_hash, check_id, app_id, issued_at, expires_at, status, ended_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
          [record.codeHash, record.checkId, record.appId, record.issuedAt, record.expiresAt, record.status, record.endedAt],
        );
      });
    },
    async getVerification(codeHash) {
      const [r] = await db.all<Row>('SELECT * FROM verifications WHERE code_hash = ?', [codeHash]);
      return r
        ? {
            codeHash: r.code_hash,
            checkId: r.check_id,
            appId: r.app_id,
            issuedAt: r.issued_at,
            expiresAt: r.expires_at,
            status: r.status,
            endedAt: r.ended_at,
          }
        : undefined;
    },
    async withdrawVerifications(checkId, at) {
      const rows = await db.write(
        `UPDATE verifications SET status = 'withdrawn', ended_at = ? WHERE check_id = ? AND status = 'valid' RETURNING code_hash`,
        [at, checkId],
      );
      return rows.length;
    },
  };
}
