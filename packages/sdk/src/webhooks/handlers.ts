import { isCreditCheckError } from '../client/errors.ts';
import type { CreditEvent } from '../contract/events.ts';
import { verifyWebhook } from './verify.ts';

export interface WebhookHandlerOptions {
  /** The subscription's secret (both during a rotation). */
  secret: string | readonly string[];
  /**
   * Handles one verified event. Resolve once it is safely recorded: the platform then counts it
   * delivered; throw and it retries later. Deduplicate on `event.eventId` (delivery is at least once).
   */
  onEvent: (event: CreditEvent) => void | Promise<void>;
  /** Largest body accepted (default 256 KiB). */
  maxBytes?: number;
}

/**
 * The receiving end as a fetch handler (Hono: `app.post('/hooks', (c) => handle(c.req.raw))`;
 * Deno, Bun, workers): 204 when handled, 400 when not verified (the platform does not fix a
 * bad signature by retrying, but it retries anyway and dead-letters in the end), 500 when
 * `onEvent` failed (retried).
 */
export function webhookHandler(options: WebhookHandlerOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    const body = await request.text();
    if (body.length > (options.maxBytes ?? 262_144)) return new Response('payload too large', { status: 413 });
    return answer(options, body, request.headers);
  };
}

/** What the Node handler uses of `http.IncomingMessage` and `http.ServerResponse` (this entry has no Node types). */
export interface NodeRequest {
  headers: Record<string, string | string[] | undefined>;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
}
export interface NodeResponse {
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(body?: string): unknown;
}

/** The receiving end for Node's http (and therefore Express: `app.post('/hooks', nodeWebhookHandler(…))`, without a body parser). */
export function nodeWebhookHandler(options: WebhookHandlerOptions): (req: NodeRequest, res: NodeResponse) => void {
  return (req, res) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size <= (options.maxBytes ?? 262_144)) chunks.push(chunk);
    });
    req.on('end', async () => {
      const response =
        size > (options.maxBytes ?? 262_144)
          ? new Response('payload too large', { status: 413 })
          : await answer(options, decode(chunks, size), req.headers);
      res.writeHead(response.status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(await response.text());
    });
  };
}

function decode(chunks: readonly Uint8Array[], size: number): string {
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return new TextDecoder().decode(all);
}

async function answer(options: WebhookHandlerOptions, body: string, headers: Parameters<typeof verifyWebhook>[1]): Promise<Response> {
  let event: CreditEvent;
  try {
    event = verifyWebhook(body, headers, options.secret);
  } catch (error) {
    return new Response(isCreditCheckError(error) ? error.message : 'invalid', { status: 400 });
  }
  try {
    await options.onEvent(event);
    return new Response(null, { status: 204 });
  } catch {
    return new Response('not handled', { status: 500 });
  }
}
