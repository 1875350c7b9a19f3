/**
 * The words of a result (issue 42): its details, alert and response form — in the result chunk the
 * element starts loading as it connects, not in the entry. `i18n-en.ts` has the same shape (`enResult`).
 */
export const zhResult = {
  recheck: '重新核查',
  noFile: '信用平台暂无该主体档案',
  sections: {
    reasons: '核查依据',
    measures: '本事项适用的措施',
    entries: '名单信息',
    commitments: '信用承诺',
    eligibility: '便利措施',
    grade: '公共信用综合评价',
    supervision: '分级分类监管',
    linked: '关联主体',
    receipt: '核查凭证',
  },
  listType: { blacklist: '黑名单', watchlist: '重点关注', redlist: '红名单' },
  entryStatus: { active: '有效', repaired: '已修复', expired: '公示期满', 'under-objection': '异议处理中', revoked: '已撤销' },
  category: { administrative: '行政性', market: '市场性', industry: '行业性', ban: '市场和行业禁入' },
  action: { restrict: '限制', 'strict-review': '从严审核', notice: '提示', 'fast-track': '加速办理' },
  commitmentType: {
    informed: '告知承诺',
    tolerance: '容缺受理',
    certification: '证明事项',
    repair: '信用修复',
    'self-discipline': '行业自律',
    voluntary: '主动承诺',
  },
  commitmentStatus: { 'in-force': '履行中', fulfilled: '已履行', 'partly-fulfilled': '部分履行', violated: '违诺' },
  overdue: '已逾期',
  informed: '告知承诺',
  tolerance: '容缺受理',
  eligible: '可适用',
  notEligible: '不适用',
  relation: { 'legal-representative': '法定代表人', 'represented-organisation': '担任法定代表人的组织' },
  activeEntries: (n: number) => (n ? `${n} 条有效名单信息` : '无有效名单信息'),
  evaluatedAt: '评价日期',
  signedAt: '签署',
  deadline: '期限',
  tierBasis: '依据',
  tierNoBasis: '暂无信用评价和失信记录',
  listed: '列入',
  until: '公示至',
  basis: '依据',
  checkId: '核查编号',
  checkedAt: '核查时间',
  matter: '事项',
  alertTitle: '信用核查提示，请确认',
  alertNext: '确认后，请在下方选择处理结果并提交，记录后方可继续办理。',
  acknowledge: '我已知悉',
  feedbackTitle: '处理结果（反馈）',
  /** What the staff must do now, per verdict (the response binds: 002 (十六)). */
  feedbackHint: {
    restrict: '本事项适用限制措施：请选择处理结果并提交。记录后，只能按所选结果继续办理。',
    caution: '请从严审核后选择处理结果并提交，记录后方可继续办理。',
    notice: '请将上述信用信息告知申请人，提交处理结果后方可继续办理。',
    clear: '如需记录处理情况，可提交反馈（选填）。',
  },
  /** The outcomes (响应, recorded as 反馈) by name; which a check permits comes from the contract. */
  feedbackAction: {
    refused: '不予受理',
    restricted: '限制办理（按措施限制后受理）',
    referred: '转人工复核',
    'strict-review': '从严审核后受理',
    informed: '已告知申请人，正常受理',
    'fast-tracked': '加速办理（绿色通道）',
    'not-applicable': '正常受理',
    overridden: '未按核查结果办理（须说明理由）',
  },
  /** Where each outcome lets the application go (the guard opens only that path). */
  pathNext: {
    approve: '可以受理并提交审批。',
    refuse: '本申请不能受理：请按“不予受理”办结，受理按钮保持锁定。',
    refer: '请提交人工复核，复核前不能受理。',
  },
  note: '备注',
  reason: '理由',
  chooseAction: '请在可选的处理结果中选择一项',
  sendFeedback: '提交处理结果',
  sending: '正在提交…',
  feedbackSent: (action: string, time: string) => `已记录处理结果：${action}（${time}）`,
  feedbackQueued: (action: string) => `处理结果“${action}”已暂存在本机，信用平台恢复后自动反馈。`,
  print: '打印核查凭证',
};

/** The shape every language's result words have. */
export type ResultStrings = typeof zhResult;
