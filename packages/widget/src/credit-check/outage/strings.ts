/** Staff-facing words of 应急 mode (`outage="defer"`), loaded with it. zh-CN is the default; `lang="en"` switches. */
const zh = {
  deferOffer: '信用平台暂时无法访问。确需办理的，可先行受理，平台恢复后自动补查。',
  deferButton: '先行受理，事后补查',
  deferTitle: '先行受理（应急）',
  deferReason: '原因',
  deferReasons: {
    'platform-unavailable': '信用平台无法访问',
    'network-failure': '本单位网络故障',
    timeout: '核查长时间无响应',
    other: '其他',
  },
  deferText: '具体情况（必填）',
  deferConfirm: '确认先行受理',
  cancel: '取消',
  deferBlocked: {
    hold: '本窗口未启用应急受理，请待平台恢复后办理。',
    'not-outage': '只有信用平台无法访问时才能先行受理。',
    'no-subject': '请先填写有效的证件号码。',
    scope: '当前账号未获先行受理授权，请按本单位应急流程处理。',
    'policy-unknown': '未能取得本事项的应急受理政策，暂不能先行受理。',
    forbidden: '本事项不允许先行受理（涉及市场禁入等措施），请待平台恢复后再办理。',
    storage: '本机浏览器无法保存先行受理记录（存储不可用），不能先行受理，请按本单位应急流程处理。',
  },
  deferredTitle: '已先行受理，待补查',
  deferredBody: (id: string, t: string) => `应急编号 ${id}，受理时间 ${t}。平台恢复后将自动补查，补查结果会在此提示。`,
  deferredSettled: (verdict: string) => `补查已完成：${verdict}。补查结果见下方提示。`,
  withdrawn: (verdict: string) => `补查结论为“${verdict}”，先行受理已撤回：请确认提示并记录处理结果，按处理结果继续办理。`,
  pending: (n: number) => `${n} 件先行受理的申请待补查`,
  feedbackPending: (n: number) => `${n} 条处理结果已暂存在本机，信用平台恢复后自动反馈`,
  feedbackFailed: '暂存的处理结果未能反馈，请重新核查后记录',
  noticeTitle: '补查结果',
  noticeAlertTitle: '补查提示，请确认',
  // The matter by its name once the 补查 is read (never its code on screen).
  noticeFor: (app: string, matter: string | undefined, t: string) => `办件 ${app}${matter ? ` · ${matter}` : ''} · 先行受理于 ${t}`,
  noticeFailed: '补查未能完成，请人工核查该办件',
  checkByHand: '已知悉，将人工核查',
};

const en: typeof zh = {
  deferOffer:
    'The credit platform cannot be reached. If the application must go ahead, accept it now; it is checked automatically once the platform is back.',
  deferButton: 'Accept now, check afterwards',
  deferTitle: 'Accept during an outage',
  deferReason: 'Reason',
  deferReasons: {
    'platform-unavailable': 'Platform unreachable',
    'network-failure': 'Our network is down',
    timeout: 'The check does not answer',
    other: 'Other',
  },
  deferText: 'What happened (required)',
  deferConfirm: 'Accept now',
  cancel: 'Cancel',
  deferBlocked: {
    hold: 'This counter does not accept during outages; wait for the platform.',
    'not-outage': 'Accepting before the check is only possible while the platform is unreachable.',
    'no-subject': 'Enter a valid identifier first.',
    scope: 'This account may not accept before the check; follow your office’s fallback procedure.',
    'policy-unknown': 'The outage policy of this matter is unknown; it cannot be accepted before the check.',
    forbidden: 'This matter may not be accepted before the check (a market ban may apply); wait for the platform.',
    storage: 'This browser cannot keep the deferral (storage unavailable), so it cannot be accepted before the check.',
  },
  deferredTitle: 'Accepted — check pending',
  deferredBody: (id, t) =>
    `Deferral ${id}, accepted at ${t}. It is checked automatically once the platform is back; the result shows here.`,
  deferredSettled: (verdict) => `The deferred check is done: ${verdict}. See its result below.`,
  withdrawn: (verdict) =>
    `The deferred check says “${verdict}”, so the acceptance is withdrawn: confirm the alert, record what you do, and go on as that says.`,
  pending: (n) => `${n} application(s) accepted during an outage await their check`,
  feedbackPending: (n) => `${n} response(s) kept on this computer are sent once the platform is back`,
  feedbackFailed: 'A response kept on this computer could not be delivered: check again and record it',
  noticeTitle: 'Deferred check result',
  noticeAlertTitle: 'Deferred check — please confirm',
  noticeFor: (app, matter, t) => `Application ${app}${matter ? ` · ${matter}` : ''} · accepted at ${t}`,
  noticeFailed: 'The deferred check could not be completed: check this application by hand',
  checkByHand: 'Understood, I will check by hand',
};

export const outageStrings = (lang: string | null | undefined): typeof zh => (lang === 'en' ? en : zh);
