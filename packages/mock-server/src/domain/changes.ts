import type { Commitment, Grade, ListEntry, RecordChange } from '@credit-check/sdk/contract';

/** What a check recorded of its subject, or what the platform holds now. */
export interface RecordState {
  entries: readonly ListEntry[];
  commitments: readonly Commitment[];
  grade: Grade | null;
}

const COMMITMENT_WORDS: Record<Commitment['status'], [string, string]> = {
  'in-force': ['履行中', 'in force'],
  fulfilled: ['已履行', 'fulfilled'],
  'partly-fulfilled': ['部分履行', 'partly fulfilled'],
  violated: ['未履行（违诺）', 'violated'],
};

const change = (kind: RecordChange['kind'], ref: string | null, zh: string, en: string): RecordChange => ({
  kind,
  ref,
  words: { 'zh-CN': zh, en },
});

/**
 * What changed in a subject's record between a check (`then`, the data it was decided on) and now,
 * in words a clerk reads: listed since, repaired since (信用修复, 《信用修复管理办法》), revoked,
 * publication ended, an objection filed or decided (001; 003 §五), a commitment's fulfilment, the
 * grade. Pure: the replay's "what changed" and its tests.
 */
export function changesSince(then: RecordState, now: RecordState): RecordChange[] {
  const out: RecordChange[] = [];
  const before = new Map(then.entries.map((e) => [e.entryId, e]));
  for (const e of now.entries) {
    const was = before.get(e.entryId);
    const name = `${e.listName}（${e.authority}认定）`;
    if (!was) {
      if (e.effective)
        out.push(change('listed', e.entryId, `受理后新列入${name}，认定日期 ${e.listedAt}`, `Listed since: ${e.listCode} (${e.listedAt})`));
      continue;
    }
    if (was.objection?.status !== e.objection?.status && e.objection) {
      if (e.objection.status === 'pending')
        out.push(change('objection-filed', e.entryId, `${name}已提出异议，处理中`, `Objection filed against ${e.listCode}`));
      if (e.objection.status === 'upheld')
        out.push(change('objection-upheld', e.entryId, `${name}的异议已成立，该信息已撤销`, `Objection upheld: ${e.listCode} revoked`));
      if (e.objection.status === 'rejected')
        out.push(
          change('objection-rejected', e.entryId, `${name}的异议未成立，该信息继续有效`, `Objection rejected: ${e.listCode} stands`),
        );
    }
    if (was.effective && !e.effective) {
      if (e.status === 'repaired')
        out.push(change('repaired', e.entryId, `${name}已于 ${e.repair?.repairedAt ?? ''} 完成信用修复`, `Repaired since: ${e.listCode}`));
      else if (e.status === 'expired')
        out.push(change('expired', e.entryId, `${name}公示期已于 ${e.publicationEndsAt} 届满`, `Publication ended: ${e.listCode}`));
      else if (e.status === 'revoked' && e.objection?.status !== 'upheld')
        out.push(change('revoked', e.entryId, `${name}已被认定部门撤销`, `Revoked since: ${e.listCode}`));
    }
    if (!was.effective && e.effective) out.push(change('reinstated', e.entryId, `${name}重新生效`, `In effect again: ${e.listCode}`));
  }
  const commitmentsBefore = new Map(then.commitments.map((c) => [c.commitmentId, c]));
  for (const c of now.commitments) {
    const was = commitmentsBefore.get(c.commitmentId);
    if (was && was.status !== c.status) {
      const [zh, en] = COMMITMENT_WORDS[c.status];
      out.push(change('commitment', c.commitmentId, `信用承诺（${c.matterName ?? '承诺事项'}）现为${zh}`, `Commitment now ${en}`));
    }
  }
  if ((then.grade?.level ?? null) !== (now.grade?.level ?? null)) {
    out.push(
      change(
        'grade',
        null,
        `信用评价由${then.grade ? then.grade.label['zh-CN'] : '无'}变为${now.grade ? now.grade.label['zh-CN'] : '无'}`,
        `Grade ${then.grade?.level ?? 'none'} → ${now.grade?.level ?? 'none'}`,
      ),
    );
  }
  return out;
}
