import { strings } from './i18n.ts';

/** What a failure says to the staff: a plain sentence, and the technical detail behind 技术详情. */
export interface FailureText {
  text: string;
  /** Codes, HTTP status, request id and the SDK's message, for the administrator; never on the face. */
  detail: string | undefined;
}

interface Failure {
  code?: string;
  problemCode?: string;
  /** A finer reason of the widget's own (`RESULT_PARTS`: the result's chunk could not be loaded). */
  reason?: string;
  status?: number;
  requestId?: string;
  retryAfter?: number;
  message?: string;
  fieldErrors?: readonly { message: { 'zh-CN': string; en: string } }[];
}

/**
 * A failure in the staff's words, from one table keyed by the platform's problem code, else the
 * SDK's error code (`strings(lang).failures`): 信用平台暂时无法连接，请稍后重试或按应急流程办理 — never an
 * error code, HTTP verb or URL. Refused input says what to fix in the contract's own words (they are
 * written for staff). Everything technical goes into `detail`.
 */
export function failureText(error: unknown, lang: string | null | undefined): FailureText {
  const s = strings(lang);
  const e = (typeof error === 'object' && error !== null ? error : {}) as Failure;
  const table = s.failures as Record<string, string>;
  const field = e.code === 'INVALID_INPUT' || e.problemCode === 'VALIDATION_FAILED' ? e.fieldErrors?.[0]?.message : undefined;
  let text =
    (field && (lang === 'en' ? field.en : field['zh-CN'])) ||
    (e.problemCode && table[e.problemCode]) ||
    (e.reason && table[e.reason]) ||
    // No answer from the platform about credentials: the page's own getToken() failed (the host's
    // backend is down), which no reload or new login mends the way an expired one is.
    (e.code === 'AUTH' && e.status === undefined ? table.TOKEN_UNAVAILABLE : undefined) ||
    (e.code && table[e.code]) ||
    (e.status !== undefined && e.status >= 500 ? table.UNAVAILABLE : undefined) ||
    s.failures.UNKNOWN;
  if (e.retryAfter !== undefined && (e.code === 'RATE_LIMITED' || e.problemCode === 'UNAVAILABLE'))
    text += s.retryIn(Math.ceil(e.retryAfter));
  const parts = [
    e.code,
    e.problemCode,
    e.status !== undefined ? `HTTP ${e.status}` : undefined,
    e.requestId ? `request ${e.requestId}` : undefined,
    e.message ?? (e.code ? undefined : String(error)),
  ].filter(Boolean);
  return { text, detail: parts.length ? parts.join(' · ') : undefined };
}
