import { type CreditCheckClient, isPlatformUnavailable, type ReceiptClaims } from '@credit-check/sdk';
import { type Check, FeedbackAction, OUTCOME_PATH, OUTCOMES, permits, type ResponsePath, type Verdict } from '@credit-check/sdk/contract';

/** What the backend decided for one subject of a submitted form, in the staff's words (`code` for programs). */
export interface Decision {
  approved: boolean;
  code: string;
  message: string;
  checkId?: string;
  verdict?: string;
  outcome?: string;
}

/** The way the clerk submitted the form: its submit button (`decision`), approval by default. */
export function pathOf(value: string): ResponsePath {
  return value === 'refuse' || value === 'refer' ? value : 'approve';
}

export const PATH_WORD: Record<ResponsePath, string> = { approve: '受理并提交审批', refuse: '不予受理', refer: '转人工复核' };
export const VERDICT_WORD: Record<Verdict, string> = {
  restrict: '限制办理',
  caution: '从严审核',
  notice: '提示',
  clear: '未发现需处理的信用信息',
};

/**
 * 自动响应 (002 (十六)) on the backend: a verified receipt is not enough. The response the window
 * recorded (the form's `<name>-outcome`) must exist where the verdict needs one, must open the way the
 * form was submitted (不予受理 never approves), must be one the check's measures permit — read from
 * the platform, which also must not hold a different one. While the platform cannot be asked, the
 * verdict in the receipt decides, and 限制办理 (which only a ban's absence permits) waits for it.
 */
export async function responseDecision(
  platform: Pick<CreditCheckClient, 'getCheck'>,
  input: { label: string; claims: ReceiptClaims; outcome: string; path: ResponsePath },
): Promise<Decision> {
  const { label, claims, path } = input;
  const base = { checkId: claims.checkId, verdict: claims.verdict };
  const verdict = VERDICT_WORD[claims.verdict];
  const refuse = (code: string, message: string): Decision => ({ ...base, approved: false, code, message: `${label}：${message}` });
  const done = (code: string, message: string, outcome?: string): Decision => ({
    ...base,
    approved: path === 'approve',
    code,
    message: `${label}：${message}`,
    ...(outcome ? { outcome } : {}),
  });
  if (!input.outcome) {
    if (claims.verdict !== 'clear') return refuse('RESPONSE_MISSING', `核查结论为“${verdict}”，尚未记录处理结果，不能${PATH_WORD[path]}`);
    return done(path === 'approve' ? 'OK' : 'DECIDED', `核查凭证有效，${verdict}`);
  }
  const parsed = FeedbackAction.safeParse(input.outcome);
  if (!parsed.success) return refuse('RESPONSE_INVALID', '处理结果无法识别，不能办理');
  const outcome = parsed.data;
  const said = OUTCOMES[outcome].label['zh-CN'];
  if (OUTCOME_PATH[outcome] !== path) return refuse('RESPONSE_PATH', `已记录的处理结果为“${said}”，不能${PATH_WORD[path]}`);
  let check: Check | undefined;
  try {
    check = await platform.getCheck(claims.checkId);
  } catch (error) {
    if (!isPlatformUnavailable(error)) throw error;
  }
  if (check) {
    if (!permits(check, outcome)) return refuse('RESPONSE_NOT_PERMITTED', `“${said}”不符合本次核查适用的措施，不能办理`);
    if (check.feedback && check.feedback.action !== outcome)
      return refuse('RESPONSE_MISMATCH', '提交的处理结果与信用平台记录不一致，不能办理');
  } else if (claims.verdict === 'restrict' && outcome === 'restricted') {
    return refuse('RESPONSE_UNCONFIRMED', '信用平台暂时无法确认适用的措施，限制办理须待平台恢复后再受理');
  } else if (!permits({ verdict: claims.verdict, fastTrack: claims.fastTrack, measures: [] }, outcome)) {
    return refuse('RESPONSE_NOT_PERMITTED', `“${said}”不符合核查结论“${verdict}”，不能办理`);
  }
  return done(path === 'approve' ? 'OK' : path.toUpperCase(), `核查结论“${verdict}”，处理结果：${said}`, outcome);
}
