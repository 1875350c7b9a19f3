/** The staff-facing words in Chinese (the default, in the entry); `i18n-en.ts` has the same shape. */
export const zh = {
  idle: { uscc: '输入统一社会信用代码后将自动核查信用状况', idcard: '输入身份证号码后将自动核查信用状况' },
  typing: (n: number) => `已输入 ${n}/18 位`,
  checking: '正在核查信用状况…',
  errorTitle: '信用核查未完成',
  errorBody: '未取得核查结果，不能视为“无不良信用记录”。请重试；仍失败时按应急流程处理。',
  staleTitle: '最新核查未完成，以下为此前结果',
  staleAt: (t: string) => `此前核查时间：${t}，仅供参考`,
  retry: '重新核查',
  missingConfig: '信用核查组件尚未配置完整，暂不能核查，请联系系统管理员。',
  technical: '技术详情（供系统管理员排查）',
  retryIn: (seconds: number) => `约 ${seconds} 秒后可重试。`,
  /**
   * Failures in plain words, keyed by the platform's problem code, else the SDK's error code
   * (`messages.ts`): what happened and what to do, never a code, an HTTP verb or an address.
   */
  failures: {
    NETWORK: '信用平台暂时无法连接，请稍后重试或按应急流程办理。',
    TIMEOUT: '信用平台长时间没有响应，请稍后重试或按应急流程办理。',
    UNAVAILABLE: '信用平台暂时不可用，请稍后重试或按应急流程办理。',
    INTERNAL: '信用平台出现故障，请稍后重试或按应急流程办理。',
    UPSTREAM_ERROR: '信用平台出现故障，请稍后重试或按应急流程办理。',
    GATEWAY_TIMEOUT: '信用平台长时间没有响应，请稍后重试或按应急流程办理。',
    RATE_LIMITED: '核查请求过于频繁，请稍等片刻再试。',
    RESPONSE_SHAPE: '信用平台返回的结果无法识别，不能作为核查结论。请重试；仍出现时请联系系统管理员。',
    AUTH: '本窗口的核查授权已失效，请刷新页面或重新登录；仍不行请联系系统管理员。',
    TOKEN_UNAVAILABLE: '暂时无法取得核查授权（本系统后台无法连接），请稍后重试；仍不行请联系系统管理员。',
    TOKEN_EXPIRED: '登录已过期，请刷新页面或重新登录。',
    TOKEN_INVALID: '本窗口的核查授权无效，请刷新页面或重新登录。',
    SCOPE_MISSING: '当前账号没有这项操作的权限，请联系系统管理员开通。',
    SCOPE_MATTER: '当前账号无权核查本事项，请联系系统管理员开通。',
    SCOPE_DEPARTMENT: '当前账号不属于本经办部门，请重新登录。',
    SCOPE_OPERATOR: '当前账号与经办人不一致，请重新登录。',
    FORBIDDEN: '当前账号无权进行此操作，请联系系统管理员。',
    UNKNOWN_MATTER: '本事项未在信用平台登记，请联系系统管理员核对事项设置。',
    DEFERRAL_FORBIDDEN: '本事项不允许先行受理，请待信用平台恢复后办理。',
    DEFERRAL_EXPIRED: '先行受理已超过补查时限，信用平台不再事后补查：请对该申请人工核查，再按核查结果处理。',
    OUTCOME_NOT_PERMITTED: '所选处理结果不符合本次核查结论，请重新选择。',
    FEEDBACK_EXISTS: '本次核查已记录了不同的处理结果，不能更改。',
    NOT_FOUND: '信用平台找不到这条核查记录，请重新核查。',
    CONFIG: '信用核查组件设置有误，请联系系统管理员。',
    RECEIPT_INVALID: '核查凭证未通过校验，请重新核查。',
    INVALID_INPUT: '填写的内容有误，请检查后重试。',
    VALIDATION_FAILED: '填写的内容有误，请检查后重试。',
    API_ERROR: '信用平台未能处理本次请求，请重试；仍失败时请联系系统管理员。',
    UNKNOWN: '操作未完成，请重试；仍失败时请联系系统管理员。',
    RESULT_PARTS: '核查结果的显示部分未能加载，暂不能显示核查结论，申请不能提交。请刷新页面重试；仍不行请联系系统管理员检查组件文件。',
  },
  // What each verdict asks of the clerk: only ways the check offers (a ban offers no 限制办理), and
  // the response it needs before the form goes on (issue 38: no "可正常办理" over held buttons).
  verdict: {
    restrict: ['限制办理', '该申请人存在适用于本事项的限制措施：请依法不予受理或限制办理，并记录处理结果。'] as [string, string],
    caution: ['从严审核', '请对本次申请从严审核：确认提示并记录处理结果后再办理。'] as [string, string],
    notice: ['提示', '存在需告知的信用信息：请告知申请人，记录处理结果后正常办理。'] as [string, string],
    clear: ['未发现需处理的信用信息', '可正常办理。'] as [string, string],
  },
  /** `restrict` under a 市场和行业禁入: 限制办理 is not offered. */
  restrictBan: '该申请人存在适用于本事项的市场和行业禁入措施：请依法不予受理（有疑问的转人工复核），并记录处理结果。',
  fastTrack: '守信激励：可加速办理（绿色通道）',
  /** A later check of the application could not be compared with the one made at 受理 (the rest of those words are in the since chunk). */
  sinceFailed: '暂时未能比对受理时的核查结果。以上为本次核查结论，不受影响。',
  feedbackFailed: '处理结果未提交成功，请重试',
  feedbackNotKept: '信用平台暂时无法连接，本机也无法暂存处理结果，请稍后重试或按应急流程办理。',
  guardHeld: '请先完成信用核查，确认提示并记录处理结果',
  /** What still holds the form (the element's `holdReason`), per id type where it names the field. */
  hold: {
    empty: (idType: string): string => (idType === 'idcard' ? '尚未填写身份证号码' : '尚未填写统一社会信用代码'),
    incomplete: (idType: string): string => (idType === 'idcard' ? '身份证号码不完整或无效' : '统一社会信用代码不完整或无效'),
    checking: (): string => '正在核查，请稍候',
    failed: (): string => '信用核查未完成',
    confirm: (): string => '请确认核查提示',
    respond: (): string => '请记录处理结果',
    restricted: (): string => '存在限制措施，不能在线提交',
  },
  applicantTitle: '您在本事项的信用状况',
  modeUnavailable: '在线承诺功能未能加载（请联系系统管理员检查组件文件），暂不能在线签署。',
  deferUnavailable: '应急受理功能未能加载（请联系系统管理员检查组件文件），暂不能先行受理，请按本单位应急流程处理。',
};

/** The shape every language's words have. */
export type Strings = typeof zh;
