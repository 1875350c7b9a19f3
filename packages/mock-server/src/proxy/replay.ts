import { problem, problemAsResponse } from '../problems.ts';
import { Pseudonyms } from './pseudonyms.ts';
import { authKind, exchangeKey, type RecordedExchange, Recording } from './recording.ts';

/**
 * Serves a recording back (`credit-check-mock --replay DIR`): a request is matched on method,
 * path, how it was authenticated and its body (IDs pseudonymised the same way); the same request
 * recorded several times is answered in the recorded order, the last answer repeating. Signatures
 * are not verified (the recording holds no secret). A request never recorded is a 404 problem that
 * says how to record it.
 */
export function createReplay(dir: string): { handler: (request: Request) => Promise<Response>; size: number } {
  const recording = Recording.open(dir);
  const byKey = new Map<string, RecordedExchange[]>();
  const exchanges = recording.exchanges();
  for (const e of exchanges) byKey.set(e.key, [...(byKey.get(e.key) ?? []), e]);
  const served = new Map<string, number>();
  const handler = async (request: Request) => {
    const url = new URL(request.url);
    const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    const path = recording.pseudonyms.hide(url.pathname + url.search);
    const hidden = recording.pseudonyms.hide(body);
    const key = exchangeKey(request.method, path.text, authKind(request.headers.get('authorization')), hidden.text);
    const candidates = byKey.get(key);
    if (!candidates?.length) {
      return problemAsResponse(
        problem(
          'NOT_FOUND',
          `回放记录中没有与 ${request.method} ${url.pathname} 相同的请求，请先用代理录制（credit-check-mock proxy --record ${dir}）`,
          `No recorded exchange matches ${request.method} ${url.pathname} with this body: record it with credit-check-mock proxy --upstream URL --record ${dir}`,
        ),
      );
    }
    const n = served.get(key) ?? 0;
    served.set(key, n + 1);
    const answer = candidates[Math.min(n, candidates.length - 1)] as RecordedExchange;
    const found = new Map([...path.found, ...hidden.found]);
    return new Response(answer.response.status === 204 ? null : Pseudonyms.restore(answer.response.body, found), {
      status: answer.response.status,
      headers: answer.response.headers,
    });
  };
  return { handler, size: exchanges.length };
}
