import { type FieldError, type Message, PROBLEMS, type Problem, type ProblemCode } from '@credit-check/sdk/contract';

export type { ProblemCode };

/** A refusal on its way to becoming an `application/problem+json` response. */
export class ProblemError extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly detail: Message;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;
  readonly retryAfter: number | undefined;

  constructor(
    code: ProblemCode,
    detail?: Partial<Message>,
    extra: { errors?: FieldError[]; headers?: Record<string, string>; retryAfter?: number; status?: number } = {},
  ) {
    const [status, en, zh] = PROBLEMS[code];
    super(detail?.en ?? en);
    this.code = code;
    this.status = extra.status ?? status;
    this.detail = { 'zh-CN': detail?.['zh-CN'] ?? zh, en: detail?.en ?? en };
    this.errors = extra.errors;
    this.headers = extra.headers ?? {};
    this.retryAfter = extra.retryAfter;
  }

  toProblem(requestId?: string): Problem {
    const [, title, titleZh] = PROBLEMS[this.code];
    return {
      type: `urn:credit-check:problem:${this.code.toLowerCase().replace(/_/g, '-')}`,
      title,
      status: this.status,
      detail: this.detail.en,
      code: this.code,
      message: { 'zh-CN': this.detail['zh-CN'] === titleZh ? titleZh : `${titleZh}：${this.detail['zh-CN']}`, en: this.detail.en },
      ...(this.errors ? { errors: this.errors } : {}),
      ...(requestId ? { requestId } : {}),
      ...(this.retryAfter !== undefined ? { retryAfter: this.retryAfter } : {}),
    };
  }
}

export const problem = (code: ProblemCode, zh?: string, en?: string, extra?: ConstructorParameters<typeof ProblemError>[2]) =>
  new ProblemError(code, { ...(zh ? { 'zh-CN': zh } : {}), ...(en ? { en } : {}) }, extra);

/** A problem as a fetch Response, outside a Hono context (the proxy, the replay). */
export function problemAsResponse(error: ProblemError): Response {
  return new Response(JSON.stringify(error.toProblem()), {
    status: error.status,
    headers: { 'content-type': 'application/problem+json', 'x-problem-code': error.code, ...error.headers },
  });
}
