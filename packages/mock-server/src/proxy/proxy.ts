import { redact } from '@credit-check/sdk';
import { API_BASE } from '@credit-check/sdk/contract';
import {
  judgeProblemBody,
  judgeProblemMedia,
  judgeRequest,
  judgeResponse,
  matchEndpoint,
  type ObservedResponse,
  type Violation,
} from '../conformance/judge.ts';
import { fetchFailure } from '../io/fetch-failure.ts';
import { problem, problemAsResponse } from '../problems.ts';
import { authKind, exchangeKey, keptHeaders, type Recording } from './recording.ts';

export interface ProxyOptions {
  /** The real platform's origin (paths pass through unchanged: signatures cover them). */
  upstream: string;
  /** Save every exchange here (pseudonymised) for `credit-check-mock --replay`. */
  recording?: Recording;
  /** Told of every contract violation (already redacted). */
  onViolation?: (line: string) => void;
  /** Told when an exchange could not be saved (the client still gets its answer). */
  onRecordingError?: (message: string) => void;
  timeoutMs?: number;
}

/** Hop-by-hop and length headers the proxy must not copy (RFC 9110 §7.6.1). */
const HOP = ['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer', 'host', 'content-length'];

/** The header, like Prism's `sl-violations`: what this exchange broke, for the client to see. */
export const VIOLATIONS_HEADER = 'credit-check-violations';

/**
 * The validating proxy: forwards every request to the real platform untouched, judges the request
 * and the answer against the contract (the same judge as the conformance kit), reports violations
 * (redacted) in the log and in a `credit-check-violations` header, and records when asked.
 * An upstream that does not answer is a 502 problem, never a hang or a crash.
 */
export function createProxy(options: ProxyOptions): (request: Request) => Promise<Response> {
  const upstream = options.upstream.replace(/\/$/, '');
  return async (request) => {
    const url = new URL(request.url);
    const pathAndQuery = url.pathname + url.search;
    const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    const headers = new Headers(request.headers);
    for (const h of HOP) headers.delete(h);
    let answer: Response;
    try {
      answer = await fetch(upstream + pathAndQuery, {
        method: request.method,
        headers,
        ...(body ? { body } : {}),
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      const cause = fetchFailure(error);
      const timeout = cause === 'TimeoutError';
      return problemAsResponse(
        problem(
          timeout ? 'GATEWAY_TIMEOUT' : 'UPSTREAM_ERROR',
          `上游信用平台无响应（${cause}）`,
          `The upstream platform did not answer (${cause})`,
        ),
      );
    }
    const text = await answer.text();
    const responseHeaders = new Headers(answer.headers);
    for (const h of HOP) responseHeaders.delete(h);
    responseHeaders.delete('content-encoding'); // fetch has decoded the body
    const violations = judge(request.method, url.pathname, body, { status: answer.status, headers: answer.headers, body: text });
    if (violations.length > 0) {
      for (const v of violations)
        options.onViolation?.(redact(`${request.method} ${url.pathname} → ${answer.status}: ${v.rule} (${v.message})`));
      responseHeaders.set(VIOLATIONS_HEADER, redact(JSON.stringify(violations.map((v) => v.rule))));
    }
    if (options.recording) record(options, request, pathAndQuery, body, { status: answer.status, headers: responseHeaders, body: text });
    return new Response(request.method === 'HEAD' || answer.status === 204 ? null : text, {
      status: answer.status,
      headers: responseHeaders,
    });
  };
}

/** Saves one exchange, pseudonymised; a failed write is reported, never turned into a failed answer. */
function record(options: ProxyOptions, request: Request, pathAndQuery: string, body: string, answer: ObservedResponse): void {
  const recording = options.recording as Recording;
  try {
    const p = recording.pseudonyms;
    const auth = authKind(request.headers.get('authorization'));
    const hidden = { path: p.hide(pathAndQuery).text, body: p.hide(body).text };
    recording.save({
      key: exchangeKey(request.method, hidden.path, auth, hidden.body),
      request: { method: request.method, path: hidden.path, auth, body: hidden.body },
      response: { status: answer.status, headers: keptHeaders(answer.headers), body: p.hide(answer.body).text },
    });
  } catch (error) {
    options.onRecordingError?.(redact(`${request.method} ${new URL(request.url).pathname} not recorded: ${(error as Error).message}`));
  }
}

/** A platform API call judged against the contract; other paths (health, the mock's controls) pass unjudged. */
function judge(method: string, path: string, body: string, response: { status: number; headers: Headers; body: string }): Violation[] {
  if (!path.startsWith(API_BASE) || path === `${API_BASE}/openapi.json`) return [];
  const match = matchEndpoint(method, path);
  if (!match) {
    // An unknown route must be refused as one; anything else is a route outside the contract.
    if (response.status === 404 || response.status === 405) return [...judgeProblemMedia(response), ...judgeProblemBody(response)];
    return [{ rule: "only the contract's endpoints exist", message: `${method} ${path} answered ${response.status}` }];
  }
  return [...judgeRequest(match.endpoint, body), ...judgeResponse(match.endpoint, response)];
}
