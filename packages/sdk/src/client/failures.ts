import { isHTTPError, isNetworkError, isTimeoutError } from 'ky';
import type * as z from 'zod/mini';
import type { Endpoint } from '../contract/endpoints.ts';
import { Problem } from '../contract/problem.ts';
import { CreditCheckError } from './errors.ts';
import { type CallState, parseRetryAfter } from './transport.ts';

/**
 * Every way a call can fail, as one CreditCheckError with a stable code: the caller aborted
 * (ABORTED), the platform refused (AUTH / RATE_LIMITED / API_ERROR with its problem details and
 * `Retry-After`) or could not serve (UNAVAILABLE, 5xx), no answer in time (TIMEOUT), no connection
 * (NETWORK). The secrets in
 * use are redacted from every message.
 */
export function toError(
  error: unknown,
  state: CallState,
  { signal, secrets, timeout }: { signal: AbortSignal | undefined; secrets: (string | undefined)[]; timeout: number },
): CreditCheckError {
  const details = { attempts: state.attempts, secrets, cause: error };
  if (error instanceof CreditCheckError) return error;
  if (signal?.aborted) return new CreditCheckError('ABORTED', 'The call was aborted by the caller', details);
  if (isHTTPError(error)) {
    const status = error.response.status;
    const parsed = Problem.safeParse(error.data);
    const problem = parsed.success ? parsed.data : undefined;
    const retryAfter = parseRetryAfter(error.response.headers.get('retry-after')) ?? problem?.retryAfter;
    const code = status === 401 || status === 403 ? 'AUTH' : status === 429 ? 'RATE_LIMITED' : status >= 500 ? 'UNAVAILABLE' : 'API_ERROR';
    const message = problem
      ? `${problem.title} (${problem.code}): ${problem.detail}`
      : `The platform answered HTTP ${status} without problem details`;
    const requestId = error.response.headers.get('x-request-id');
    return new CreditCheckError(code, message, {
      ...details,
      status,
      ...(problem ? { problem } : {}),
      ...(retryAfter !== undefined ? { retryAfter } : {}),
      ...(requestId ? { requestId } : {}),
    });
  }
  if (isTimeoutError(error)) return new CreditCheckError('TIMEOUT', `No answer from the platform within ${timeout} ms`, details);
  if (isNetworkError(error) || error instanceof TypeError) {
    return new CreditCheckError('NETWORK', `Could not reach the platform: ${(error as Error).message}`, details);
  }
  return new CreditCheckError('NETWORK', `The request failed: ${(error as Error)?.message ?? String(error)}`, details);
}

/**
 * A 2xx body read against the endpoint's schema: malformed JSON and an off-contract body are both
 * RESPONSE_SHAPE, with the HTTP status, the attempts and the paths of the first issues. (Not ky 2's
 * `.json(schema)`: it validates through Standard Schema's async `validate` and throws one error for
 * both cases.)
 */
export function parseBody<S extends z.ZodMiniType>(
  endpoint: Endpoint & { response: S },
  text: string,
  status: number,
  state: CallState,
): z.infer<S> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new CreditCheckError('RESPONSE_SHAPE', `${endpoint.method} ${endpoint.path}: the platform answered malformed JSON`, {
      status,
      attempts: state.attempts,
    });
  }
  const parsed = endpoint.response.safeParse(data);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 3)
      .map((i) => `/${i.path.join('/')}`)
      .join(', ');
    throw new CreditCheckError('RESPONSE_SHAPE', `${endpoint.method} ${endpoint.path}: the platform answered off-contract (${where})`, {
      status,
      attempts: state.attempts,
      cause: parsed.error,
    });
  }
  return parsed.data;
}
