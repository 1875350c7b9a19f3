/**
 * Staff-facing words. zh-CN is the default and is in the entry; `lang="en"` switches once the
 * English words (a chunk of their own) are loaded — the element waits for them before it renders.
 * Platform texts come in both languages already.
 */
const zh = {
  idle: { uscc: '输入统一社会信用代码后将自动核查信用状况', idcard: '输入身份证号码后将自动核查信用状况' },
  typing: (n: number) => `已输入 ${n}/18 位`,
  checking: '正在核查信用状况…',
  errorTitle: '信用核查未完成',
  errorBody: '未取得核查结果，不能视为“无不良信用记录”。请重试；仍失败时按应急流程处理。',
  staleTitle: '最新核查未完成，以下为此前结果',
  staleAt: (t: string) => `此前核查时间：${t}，仅供参考`,
  retry: '重新核查',
  recheck: '重新核查',
  missingConfig: (what: string) => `信用核查组件缺少配置：${what}`,
  verdict: {
    restrict: ['限制办理', '该申请人存在适用于本事项的限制措施，请依法不予受理或限制办理。'] as [string, string],
    caution: ['从严审核', '请对本次申请从严审核，核实后再办理。'] as [string, string],
    notice: ['提示', '存在需告知的信用信息，请告知申请人，可正常办理。'] as [string, string],
    clear: ['未发现需处理的信用信息', '可正常办理。'] as [string, string],
  },
  fastTrack: '守信激励：可加速办理（绿色通道）',
  noFile: '信用平台暂无该主体档案',
  sections: {
    reasons: '核查依据',
    measures: '本事项适用的措施',
    entries: '名单信息',
    commitments: '信用承诺',
    eligibility: '便利措施',
    grade: '公共信用综合评价',
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
  listed: '列入',
  until: '公示至',
  basis: '依据',
  checkId: '核查编号',
  checkedAt: '核查时间',
  matter: '事项',
  none: '无',
  alertTitle: '信用核查提示，请确认',
  acknowledge: '我已知悉',
  acknowledged: '已确认提示',
  feedbackTitle: '办理情况反馈',
  feedbackHint: '请选择对本次核查结果的处理方式，反馈将记录到信用平台。',
  feedbackAction: {
    restricted: '已限制办理',
    'strict-review': '已从严审核',
    informed: '已告知申请人',
    'fast-tracked': '已加速办理',
    'not-applicable': '不适用',
    overridden: '未按核查结果办理（须说明理由）',
  },
  note: '备注',
  reason: '理由',
  chooseAction: '请选择处理方式',
  sendFeedback: '提交反馈',
  sending: '正在提交…',
  feedbackSent: (action: string, time: string) => `已反馈：${action}（${time}）`,
  feedbackFailed: '反馈未提交成功，请重试',
  print: '打印核查凭证',
  guardHeld: '请先完成信用核查并确认提示',
  applicantTitle: '您在本事项的信用状况',
  modeUnavailable: '在线承诺功能未能加载（请联系系统管理员检查组件文件），暂不能在线签署。',
  deferUnavailable: '应急受理功能未能加载（请联系系统管理员检查组件文件），暂不能先行受理，请按本单位应急流程处理。',
};

export type Strings = typeof zh;

export type Lang = 'zh-CN' | 'en';
let english: Strings | undefined;
let englishLoading: Promise<void> | undefined;

/** The words for `lang`; Chinese until the English ones are loaded (see `loadEnglish`). */
export const strings = (lang: string | null | undefined): Strings => (lang === 'en' && english) || zh;

/** Loads the English words (once per page); undefined once they are here (nothing to wait for). */
export function loadEnglish(): Promise<void> | undefined {
  if (english) return undefined;
  englishLoading ??= import('./i18n-en.ts').then((m) => {
    english = m.en;
  });
  return englishLoading;
}

export const pick = (message: { 'zh-CN': string; en: string }, lang: string | null | undefined) =>
  lang === 'en' ? message.en : message['zh-CN'];

/** Local date-time for staff, e.g. 2026-11-21 14:03. */
export function time(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A failure in the staff's words: the platform's Chinese text when it gave one, else the English message. */
export function errorText(error: unknown, lang: string | null | undefined): string {
  const e = error as { message?: string; messageZh?: string } | null | undefined;
  return (lang === 'en' ? e?.message : (e?.messageZh ?? e?.message)) ?? String(error);
}
