import type {
  AppliedMeasure,
  Commitment,
  Eligibility,
  Grade,
  LinkedSubject,
  ListEntry,
  Matter,
  Measure,
  Reason,
  Verdict,
} from '@credit-check/sdk/contract';
import { eligibility } from './eligibility.ts';
import { applicableMeasures } from './measures.ts';

const RANK: Record<Verdict, number> = { clear: 0, notice: 1, caution: 2, restrict: 3 };
const ACTION_VERDICT = { restrict: 'restrict', 'strict-review': 'caution', notice: 'notice', 'fast-track': 'clear' } as const;

export function strongest(verdicts: readonly Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((a, b) => (RANK[b] > RANK[a] ? b : a), 'clear');
}

export interface EvaluationInput {
  matter: Matter;
  measures: readonly Measure[];
  /** The subject's entries with today's status (all of them: history is shown). */
  entries: readonly ListEntry[];
  commitments: readonly Commitment[];
  grade: Grade | null;
  linked: readonly LinkedSubject[];
  /** The subject is a natural person (legal-representative liability applies to persons). */
  isPerson: boolean;
  /** The platform holds a file for the subject. */
  found: boolean;
}

export interface Evaluation {
  verdict: Verdict;
  fastTrack: boolean;
  reasons: Reason[];
  measures: AppliedMeasure[];
  eligibility: Eligibility;
}

const reason = (
  code: string,
  verdict: Verdict,
  zh: string,
  en: string,
  ids: { entryId?: string; measureId?: string; commitmentId?: string } = {},
): Reason => ({
  code,
  verdict,
  message: { 'zh-CN': zh, en },
  entryId: ids.entryId ?? null,
  measureId: ids.measureId ?? null,
  commitmentId: ids.commitmentId ?? null,
});

/**
 * The verdict for one subject and one matter — 自动比对、自动提示 (002 (十)):
 * - each measure bound to this matter and triggered by an effective entry gives its action:
 *   restrict → `restrict`, strict-review → `caution`, notice → `notice` (000 三(二)(三));
 * - an effective black- or watchlist entry no measure of this matter covers still gives `notice`
 *   (the staff must know; 004 15 proportionate supervision);
 * - a violated commitment gives `caution` (违背信用承诺 → 重点监管, 002 (一));
 *   an overdue 容缺受理 promise gives `notice`;
 * - a person who represents a blacklisted organisation inherits `caution` (000 三(四); 003 §八);
 *   an organisation whose legal representative is blacklisted gets `notice`;
 * - a red-list entry with nothing negative fast-tracks (守信者一路绿灯, 003 §一), verdict `clear`.
 */
export function evaluate(input: EvaluationInput): Evaluation {
  const measures = applicableMeasures(input.matter.code, input.entries, input.measures);
  const reasons: Reason[] = [];
  const covered = new Set<string>();
  const entryById = new Map(input.entries.map((e) => [e.entryId, e]));
  for (const m of measures) {
    if (m.action === 'fast-track') continue;
    for (const id of m.triggeredBy) covered.add(id);
    const entry = entryById.get(m.triggeredBy[0] as string);
    const objection = m.triggeredBy.some((id) => entryById.get(id)?.status === 'under-objection');
    const note = objection ? '（相关名单信息异议处理中，核实前措施仍然适用）' : '';
    const noteEn = objection ? ' (an objection is pending; the measure applies until it is decided)' : '';
    const verdict = ACTION_VERDICT[m.action];
    const how = { restrict: '依法限制办理', 'strict-review': '从严审核', notice: '提示知悉' }[m.action];
    reasons.push(
      reason(
        `MEASURE_${m.action.toUpperCase().replace('-', '_')}`,
        verdict,
        `因列入${entry?.listName ?? '名单'}，本事项适用“${m.name}”：${how}${note}`,
        `On ${entry?.listCode ?? 'a list'}: measure "${m.measureId}" applies to this matter (${m.action})${noteEn}`,
        { measureId: m.measureId, ...(entry ? { entryId: entry.entryId } : {}) },
      ),
    );
  }
  for (const e of input.entries) {
    if (!e.effective || e.listType === 'redlist' || covered.has(e.entryId)) continue;
    reasons.push(
      reason(
        'LISTED_NO_MEASURE',
        'notice',
        `列入${e.listName}（${e.authority}认定），本事项未绑定惩戒措施，请知悉`,
        `On ${e.listCode}; no measure binds this matter — for information`,
        { entryId: e.entryId },
      ),
    );
  }
  const violated = input.commitments.find((c) => c.status === 'violated');
  if (violated) {
    reasons.push(
      reason(
        'VIOLATED_COMMITMENT',
        'caution',
        '存在违背信用承诺记录，依规列入重点监管，请从严审核',
        'Has violated a credit commitment: handle with strict review',
        { commitmentId: violated.commitmentId },
      ),
    );
  }
  for (const c of input.commitments) {
    if (c.type === 'tolerance' && c.overdue) {
      reasons.push(
        reason(
          'OVERDUE_TOLERANCE',
          'notice',
          `容缺受理承诺已逾期（应于${c.deadline}前补齐材料）`,
          `A tolerance promise is overdue (due ${c.deadline})`,
          {
            commitmentId: c.commitmentId,
          },
        ),
      );
    }
  }
  for (const link of input.linked) {
    const blacklisted = link.activeEntries.find((e) => e.listType === 'blacklist');
    if (!blacklisted) continue;
    if (input.isPerson && link.relation === 'represented-organisation') {
      reasons.push(
        reason(
          'LEGAL_REP_OF_BLACKLISTED',
          'caution',
          `系失信主体“${link.subject.name ?? link.subject.id}”的法定代表人，依规对其从严审核`,
          'Legal representative of a blacklisted organisation: strict review',
          { entryId: blacklisted.entryId },
        ),
      );
    } else if (!input.isPerson && link.relation === 'legal-representative') {
      reasons.push(
        reason(
          'LEGAL_REP_LISTED',
          'notice',
          '法定代表人本人列入失信联合惩戒对象名单，请知悉',
          'The legal representative is personally blacklisted',
          {
            entryId: blacklisted.entryId,
          },
        ),
      );
    }
  }
  const verdict = strongest(reasons.map((r) => r.verdict));
  const fastTrackMeasure = measures.find((m) => m.action === 'fast-track');
  const fastTrack = verdict === 'clear' && fastTrackMeasure !== undefined;
  if (fastTrack && fastTrackMeasure) {
    reasons.push(
      reason('REDLIST_FAST_TRACK', 'clear', `列入红名单，适用“${fastTrackMeasure.name}”：可加速办理`, 'On a red list: fast-track', {
        measureId: fastTrackMeasure.measureId,
        entryId: fastTrackMeasure.triggeredBy[0] as string,
      }),
    );
  }
  if (reasons.length === 0) {
    reasons.push(
      input.found
        ? reason('NO_ADVERSE_RECORD', 'clear', '未发现需处理的失信记录', 'No adverse credit record to act on')
        : reason('NO_FILE', 'clear', '信用平台暂无该主体的信用档案（无记录不等于核查失败）', 'The platform holds no file for this subject'),
    );
  }
  return {
    verdict,
    fastTrack,
    reasons,
    measures,
    eligibility: eligibility(input.matter, input.entries, input.commitments, input.grade),
  };
}
