import { problem } from '../problems.ts';

/** Reads a request body as text without ever holding more than `limit` bytes (413 beyond it). */
export async function readBody(request: Request, limit: number): Promise<string> {
  const length = request.headers.get('content-length');
  const declared = length === null ? Number.NaN : Number(length);
  if (declared > limit) throw tooLarge(limit);
  if (declared === 0) return '';
  // With a Content-Length the HTTP parser already bounds the body: read it in one go (and
  // without touching `request.body`, which would make the Node adapter build a web stream).
  if (Number.isFinite(declared)) return decode(new Uint8Array(await request.arrayBuffer()));
  // Firefox has no `Request.body` stream (the mock runs there in msw's worker): read it whole.
  if (request.body === undefined) {
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength > limit) throw tooLarge(limit);
    return decode(bytes);
  }
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.byteLength;
  }
  return decode(all);
}

const decoder = new TextDecoder('utf-8', { fatal: true });
function decode(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw problem('MALFORMED_JSON', '请求体不是合法的 UTF-8 文本', 'The body is not valid UTF-8');
  }
}

function tooLarge(limit: number) {
  return problem(
    'PAYLOAD_TOO_LARGE',
    `请求体不能超过 ${Math.round(limit / 1024)} KB`,
    `The body may not exceed ${Math.round(limit / 1024)} KB`,
  );
}

/** `application/json` (any charset) or `application/*+json`. */
export function isJson(contentType: string | undefined | null): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[a-z0-9.-]+\+json$/.test(type);
}

/** Parses JSON without echoing the input (a V8 SyntaxError quotes it, and it may hold an ID number). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const at = /position (\d+)/.exec(String((error as Error).message))?.[1];
    throw problem(
      'MALFORMED_JSON',
      at ? `请求体不是合法的 JSON（第 ${at} 个字符附近）` : '请求体不是合法的 JSON',
      at ? `The body is not valid JSON (near character ${at})` : 'The body is not valid JSON',
    );
  }
}
