import type { GradeScale, TierDefinition } from '@credit-check/sdk/contract';

const m = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/**
 * What each supervision tier means (分级分类监管): 002 (七) "对于信用状况好、风险小的市场主体，合理降低抽查
 * 比例和频次；对于信用状况一般的市场主体，执行常规的抽查比例和频次；对于存在失信行为、风险高的市场主体，增加
 * 抽查比例和频次"; likewise 000 二(二), 001 (七), 004 13.
 */
export const SUPERVISION_TIERS: TierDefinition[] = [
  {
    tier: 'reduced',
    label: m('降低“双随机、一公开”抽查比例和频次', 'Fewer random inspections (lower sampling ratio and frequency)'),
    description: m(
      '信用状况好、风险小：各项信用评价均为较好等级，且无失信记录（002 (七)；004 13）',
      'Good credit, low risk: every evaluation is good and there is no record of dishonesty',
    ),
  },
  {
    tier: 'normal',
    label: m('按常规比例和频次抽查', 'Random inspections at the usual ratio and frequency'),
    description: m('信用状况一般，或暂无信用评价（002 (七)；000 二(二)）', 'Average credit, or not yet evaluated'),
  },
  {
    tier: 'increased',
    label: m('提高抽查比例和频次，依法依规实行严管', 'More random inspections; strict supervision as the law provides'),
    description: m(
      '存在失信行为、风险高：列入失信或重点关注名单、违背信用承诺，或任一信用评价为较差等级（002 (七)；001 (七)）',
      'Dishonest or high risk: on a black- or watchlist, a broken commitment, or any evaluation graded poor',
    ),
  },
];

/**
 * Grade scales are data (domain.md: keep the grade scale data, not a hard-coded enum): the
 * 公共信用综合评价 and the 行业信用评价 the platform holds (002 (六)(七): to be combined, 有机结合、统筹
 * 使用). Each level names the tier it calls for; the combination is `supervisionTier` in domain/tiers.ts.
 */
export const GRADE_SCALES: GradeScale[] = [
  {
    scaleId: 'LOCAL-ABCD',
    name: '公共信用综合评价（地方四级）',
    standard: 'local',
    kind: 'public',
    levels: [
      { level: 'A', label: m('优秀', 'Excellent'), goodStanding: true, tier: 'reduced' },
      { level: 'B', label: m('良好', 'Good'), goodStanding: true, tier: 'normal' },
      { level: 'C', label: m('一般', 'Fair'), goodStanding: false, tier: 'normal' },
      { level: 'D', label: m('差', 'Poor'), goodStanding: false, tier: 'increased' },
    ],
  },
  {
    scaleId: 'GBT45255',
    name: '公共信用综合评价（GB/T 45255-2025）',
    standard: 'GB/T 45255-2025',
    kind: 'public',
    levels: [
      { level: '优', label: m('优', 'Excellent'), goodStanding: true, tier: 'reduced' },
      { level: '良', label: m('良', 'Good'), goodStanding: true, tier: 'normal' },
      { level: '中', label: m('中', 'Fair'), goodStanding: false, tier: 'normal' },
      { level: '差', label: m('差', 'Poor'), goodStanding: false, tier: 'increased' },
    ],
  },
  {
    scaleId: 'TAX-CREDIT',
    name: '纳税信用等级',
    standard: '纳税信用管理办法',
    kind: 'industry',
    levels: [
      { level: 'A', label: m('A级', 'Grade A'), goodStanding: true, tier: 'reduced' },
      { level: 'B', label: m('B级', 'Grade B'), goodStanding: true, tier: 'normal' },
      { level: 'M', label: m('M级（新设立）', 'Grade M (new)'), goodStanding: true, tier: 'normal' },
      { level: 'C', label: m('C级', 'Grade C'), goodStanding: false, tier: 'normal' },
      { level: 'D', label: m('D级', 'Grade D'), goodStanding: false, tier: 'increased' },
    ],
  },
  {
    scaleId: 'FOOD-SAFETY',
    name: '食品生产经营者信用等级',
    standard: '食品安全信用分级分类管理',
    kind: 'industry',
    levels: [
      { level: 'A', label: m('A级（守信）', 'Grade A (reliable)'), goodStanding: true, tier: 'reduced' },
      { level: 'B', label: m('B级（基本守信）', 'Grade B (mostly reliable)'), goodStanding: true, tier: 'normal' },
      { level: 'C', label: m('C级（失信）', 'Grade C (unreliable)'), goodStanding: false, tier: 'increased' },
    ],
  },
  {
    scaleId: 'CONSTRUCTION-MARKET',
    name: '建筑市场主体信用评价',
    standard: '建筑市场信用管理暂行办法',
    kind: 'industry',
    levels: [
      { level: 'A', label: m('A级', 'Grade A'), goodStanding: true, tier: 'reduced' },
      { level: 'B', label: m('B级', 'Grade B'), goodStanding: true, tier: 'normal' },
      { level: 'C', label: m('C级', 'Grade C'), goodStanding: false, tier: 'normal' },
      { level: 'D', label: m('D级', 'Grade D'), goodStanding: false, tier: 'increased' },
    ],
  },
];
