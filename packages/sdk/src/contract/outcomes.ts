import type { Check } from './checks.ts';
import type { Message } from './common.ts';
import type { FeedbackAction } from './feedback.ts';

/**
 * Where an outcome lets the application go on the host page: `approve` (受理/提交审批), `refuse`
 * (不予受理), `refer` (转人工复核: neither — a senior reviewer decides).
 */
export type ResponsePath = 'approve' | 'refuse' | 'refer';

/** Every outcome (响应, recorded as 反馈) with the path it opens and its name for staff. */
export const OUTCOMES: Record<FeedbackAction, { path: ResponsePath; label: Message }> = {
  refused: { path: 'refuse', label: { 'zh-CN': '不予受理', en: 'Refused' } },
  restricted: { path: 'approve', label: { 'zh-CN': '限制办理（按措施限制后受理）', en: 'Accepted with the restriction applied' } },
  referred: { path: 'refer', label: { 'zh-CN': '转人工复核', en: 'Referred for review' } },
  'strict-review': { path: 'approve', label: { 'zh-CN': '从严审核后受理', en: 'Accepted after strict review' } },
  informed: { path: 'approve', label: { 'zh-CN': '已告知申请人，正常受理', en: 'Applicant informed, accepted' } },
  'fast-tracked': { path: 'approve', label: { 'zh-CN': '加速办理（绿色通道）', en: 'Fast-tracked' } },
  'not-applicable': { path: 'approve', label: { 'zh-CN': '正常受理', en: 'Accepted' } },
  overridden: { path: 'approve', label: { 'zh-CN': '未按核查结果办理（须说明理由）', en: 'Not as the check says (reason required)' } },
};

/** The path each outcome opens. */
export const OUTCOME_PATH = Object.fromEntries(Object.entries(OUTCOMES).map(([a, o]) => [a, o.path])) as Record<
  FeedbackAction,
  ResponsePath
>;

type Judged = Pick<Check, 'verdict' | 'fastTrack' | 'measures'>;

/**
 * The outcomes the window may record for a check — 自动响应 (002 (十六)): the measure binds, the
 * clerk does not choose whether to apply it.
 * - `restrict`: 不予受理 or 转人工复核; 限制办理 (accept with the restriction applied) only when no
 *   binding measure is a 市场和行业禁入 (`ban`, 000 三(三): a ban admits no acceptance at all). No
 *   override: a clerk alone cannot set a legal restriction aside — that is what 转人工复核 is for.
 * - `caution`: 从严审核后受理, 不予受理 (the review found cause) or 转人工复核 (002 (十); 000 三(二)).
 * - `notice`: 已告知 (and proceed), or not following it with a reason.
 * - `clear`: 正常受理 (or 加速办理 on the fast track, 003 §一), or not following it with a reason.
 * The first outcome is the one offered first.
 */
export function permittedOutcomes(check: Judged): FeedbackAction[] {
  switch (check.verdict) {
    case 'restrict': {
      const banned = check.measures.some((m) => m.action === 'restrict' && m.category === 'ban');
      return banned ? ['refused', 'referred'] : ['refused', 'restricted', 'referred'];
    }
    case 'caution':
      return ['strict-review', 'refused', 'referred'];
    case 'notice':
      return ['informed', 'overridden'];
    case 'clear':
      return check.fastTrack ? ['fast-tracked', 'not-applicable', 'overridden'] : ['not-applicable', 'overridden'];
  }
}

/** Whether `action` is an outcome the check permits. */
export function permits(check: Judged, action: FeedbackAction): boolean {
  return permittedOutcomes(check).includes(action);
}
