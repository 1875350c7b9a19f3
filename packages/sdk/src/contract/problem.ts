import * as z from 'zod/mini';
import { Code, Label, listOf, Message, Prose } from './common.ts';
import './zod.ts';

/**
 * Every refusal the platform makes: a stable code with its HTTP status and title in English and
 * Chinese (RFC 9457 `application/problem+json`). The server raises only these; SDK users switch on
 * `error.problemCode`. Bad input is always a 4xx problem, never a 500.
 */
export const PROBLEMS = {
  VALIDATION_FAILED: [400, 'Validation failed', '请求参数校验未通过'],
  MALFORMED_JSON: [400, 'Malformed JSON', '请求体不是合法的 JSON'],
  BATCH_TOO_LARGE: [400, 'Batch too large', '批量核查数量超过上限'],
  UNAUTHENTICATED: [401, 'Authentication required', '缺少身份认证信息'],
  SIGNATURE_INVALID: [401, 'Invalid signature', '请求签名无效'],
  SIGNATURE_EXPIRED: [401, 'Stale request timestamp', '请求时间戳已过期或与平台时间相差过大'],
  NONCE_REUSED: [401, 'Nonce already used (replay)', '随机数已被使用（疑似重放请求）'],
  TOKEN_INVALID: [401, 'Invalid token', '访问令牌无效'],
  TOKEN_EXPIRED: [401, 'Token expired', '访问令牌已过期'],
  FORBIDDEN: [403, 'Not allowed for this caller', '当前调用方无权执行此操作'],
  ROLE_REQUIRED: [403, 'The app lacks the role this needs (window or authority)', '该应用没有执行此操作的角色'],
  SCOPE_MISSING: [403, 'Token scope does not allow this', '访问令牌的权限范围不包含此操作'],
  SCOPE_MATTER: [403, 'Token not valid for this matter', '访问令牌不适用于该事项'],
  SCOPE_DEPARTMENT: [403, 'Token not valid for this department', '访问令牌不适用于该部门'],
  SCOPE_OPERATOR: [403, 'Token issued to another operator', '访问令牌属于其他经办人'],
  DEFERRAL_FORBIDDEN: [403, 'The matter does not allow deferred checks', '该事项不允许先行受理、事后补查'],
  DEFERRAL_EXPIRED: [422, 'The deferral is older than the matter’s 补查 window', '先行受理已超过补查时限'],
  ORIGIN_NOT_ALLOWED: [403, 'Requests from this web page are not allowed here', '不接受来自该网页的请求'],
  HOST_NOT_ALLOWED: [403, 'Requests addressed to this host name are not allowed here', '不接受发往该主机名的请求'],
  NOT_FOUND: [404, 'Not found', '资源不存在'],
  ROUTE_NOT_FOUND: [404, 'No such endpoint', '接口不存在'],
  METHOD_NOT_ALLOWED: [405, 'Method not allowed', '不支持该请求方法'],
  NOT_ACCEPTABLE: [406, 'Not acceptable: ask for application/json or text/csv', '不支持所请求的响应格式'],
  FEEDBACK_EXISTS: [409, 'Feedback already recorded', '该核查已有不同的反馈记录'],
  FULFILMENT_EXISTS: [409, 'Fulfilment already recorded', '该承诺的履行情况已记录'],
  OBJECTION_PENDING: [409, 'An objection is already pending', '该条目已有待处理的异议'],
  OBJECTION_DECIDED: [409, 'Objection already decided', '该异议已处理'],
  ENTRY_REVOKED: [409, 'Entry already revoked', '该条目已撤销'],
  ENTRY_REPAIRED: [409, 'Entry already repaired', '该条目已完成信用修复'],
  ACK_EXISTS: [409, 'A different acknowledgement is already recorded', '该推送已有不同的反馈记录'],
  IDEMPOTENCY_IN_PROGRESS: [409, 'A request with this Idempotency-Key is in progress', '相同幂等键的请求正在处理中'],
  PAYLOAD_TOO_LARGE: [413, 'Payload too large', '请求体过大'],
  UNSUPPORTED_MEDIA_TYPE: [415, 'Content-Type must be application/json', '请求体类型必须为 application/json'],
  UNKNOWN_MATTER: [422, 'Unknown matter', '事项编码不存在'],
  UNKNOWN_ENTRY: [422, 'Unknown list entry', '名单条目不存在'],
  UNKNOWN_LIST: [422, 'Unknown list', '名单类型不存在'],
  OUTCOME_NOT_PERMITTED: [422, 'Outcome not permitted by the measures of this check', '该处理结果不符合本次核查适用的措施'],
  UNKNOWN_MEASURE: [422, 'Measure not part of this check', '所填措施不属于本次核查结果'],
  NOT_OFFERED: [422, 'The matter does not offer this', '该事项不适用此类承诺'],
  NOT_ELIGIBLE: [422, 'The subject is not eligible', '申请人不符合适用条件'],
  TEXT_VERSION: [422, 'Commitment text version is not current', '承诺书版本不是当前版本'],
  DEADLINE_INVALID: [422, 'Invalid deadline', '补齐材料期限无效'],
  EXPORT_TOO_LARGE: [422, 'Export too large: narrow the date range', '导出数据过多，请缩小日期范围'],
  IDEMPOTENCY_KEY_REUSED: [422, 'Idempotency-Key reused with a different request', '幂等键已用于不同的请求'],
  WEBHOOK_DESTINATION_FORBIDDEN: [422, 'Webhook destination not allowed', '推送地址不被允许'],
  RATE_LIMITED: [429, 'Too many requests', '请求过于频繁，请稍后重试'],
  INTERNAL: [500, 'Internal error', '平台内部错误'],
  UPSTREAM_ERROR: [502, 'Bad gateway', '上游服务错误'],
  UNAVAILABLE: [503, 'Service unavailable', '信用平台暂时不可用'],
  GATEWAY_TIMEOUT: [504, 'Gateway timeout', '上游服务超时'],
} as const satisfies Record<string, readonly [number, string, string]>;

/** A stable problem code (`FEEDBACK_EXISTS`, `SCOPE_MATTER` …). */
export type ProblemCode = keyof typeof PROBLEMS;

/** True when a platform's code is one of the contract's (a real platform may send others). */
export function isProblemCode(code: unknown): code is ProblemCode {
  return typeof code === 'string' && Object.hasOwn(PROBLEMS, code);
}

/** A field-level error: where (JSON Pointer into the request), what (stable code), in both languages. */
export const FieldError = /* @__PURE__ */ z.object({ pointer: Label, code: Code, message: Message });
export type FieldError = z.infer<typeof FieldError>;

/**
 * RFC 9457 problem details (`application/problem+json`). `title` and `detail` are English, as
 * RFC clients expect; `message` carries the same in Chinese and English; `code` is stable.
 */
export const Problem = /* @__PURE__ */ z.object({
  type: Label,
  title: Label,
  status: /* @__PURE__ */ z.int().check(z.gte(400), z.lte(599)),
  detail: Prose,
  /** One of `PROBLEMS` (a string in the schema: a real platform may add codes of its own). */
  code: Code,
  message: Message,
  errors: z.optional(listOf(FieldError)),
  requestId: z.optional(Code),
  /** Seconds, mirrored from the `Retry-After` header on 429/503. */
  retryAfter: z.optional(/* @__PURE__ */ z.number().check(z.gte(0), z.lte(86_400))),
});
export type Problem = z.infer<typeof Problem>;
