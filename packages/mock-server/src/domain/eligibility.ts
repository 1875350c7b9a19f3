import type { Commitment, Eligibility, Grade, ListEntry, Matter, Message } from '@credit-check/sdk/contract';

interface Blocker {
  code: string;
  message: Message;
}

/**
 * 告知承诺 and 容缺受理 are for subjects in good standing only (001 (一)2 "申请人信用状况较好";
 * 004 1). An effective blacklist or watchlist entry, or a violated commitment (违诺, 000 一(一);
 * 003 §九), removes both. 容缺受理 also needs a good-standing grade and no overdue 容缺 promise.
 */
export function eligibility(
  matter: Matter,
  entries: readonly ListEntry[],
  commitments: readonly Commitment[],
  grade: Grade | null,
): Eligibility {
  const common: Blocker[] = [];
  for (const entry of entries) {
    if (!entry.effective || entry.listType === 'redlist') continue;
    const onList = entry.listType === 'blacklist' ? '失信联合惩戒对象名单' : '重点关注名单';
    common.push({
      code: entry.listType === 'blacklist' ? 'BLACKLISTED' : 'WATCHLISTED',
      message: {
        'zh-CN': `列入${onList}（${entry.listName}）`,
        en: `On the ${entry.listType} (${entry.listCode})`,
      },
    });
  }
  for (const c of commitments) {
    if (c.status === 'violated') {
      common.push({
        code: 'VIOLATED_COMMITMENT',
        message: { 'zh-CN': '存在违背信用承诺记录', en: 'Has violated a credit commitment' },
      });
      break;
    }
  }
  const tolerance = [...common];
  if (grade && !grade.goodStanding) {
    tolerance.push({
      code: 'GRADE',
      message: {
        'zh-CN': `公共信用综合评价为“${grade.label['zh-CN']}”，信用状况不符合容缺受理条件`,
        en: `Public credit grade "${grade.label.en}" is below good standing`,
      },
    });
  }
  if (commitments.some((c) => c.type === 'tolerance' && c.overdue)) {
    tolerance.push({
      code: 'OVERDUE_TOLERANCE',
      message: { 'zh-CN': '有逾期未补齐材料的容缺受理承诺', en: 'Has an overdue tolerance-acceptance promise' },
    });
  }
  return {
    informedCommitment: item(matter.informedCommitment, common, '告知承诺', 'approval on commitment'),
    toleranceAcceptance: item(matter.toleranceAcceptance, tolerance, '容缺受理', 'tolerance acceptance'),
  };
}

function item(offered: boolean, blockers: Blocker[], zh: string, en: string) {
  if (!offered) {
    return {
      offered,
      eligible: false,
      reasons: [{ code: 'NOT_OFFERED', message: { 'zh-CN': `本事项不适用${zh}`, en: `This matter does not offer ${en}` } }],
    };
  }
  return { offered, eligible: blockers.length === 0, reasons: blockers };
}
