import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CreditEvent } from '@credit-check/sdk/contract';
import { Webhook } from 'standardwebhooks';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A webhook receiver on loopback: records every delivery; `answer` decides the status of each
 * (default 204), so a test can be down for a while and come back.
 */
export async function receiver(
  answer: (r: Received, n: number) => number | { status: number; headers: Record<string, string> } = () => 204,
) {
  const received: Received[] = [];
  const accepted: Received[] = [];
  const waiters: (() => void)[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      const r = { headers: req.headers, body };
      received.push(r);
      const answered = answer(r, received.length);
      const { status, headers } = typeof answered === 'number' ? { status: answered, headers: {} } : answered;
      if (status >= 200 && status < 300) accepted.push(r);
      res.statusCode = status;
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      res.end();
      for (const w of waiters.splice(0)) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return {
    url,
    received,
    accepted,
    /** Resolves once `predicate` holds (checked after each delivery), or rejects after `ms`. */
    until(predicate: () => boolean, ms = 10_000): Promise<void> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`receiver: timed out with ${received.length} deliveries`)), ms);
        const check = () => {
          if (predicate()) {
            clearTimeout(timer);
            resolve();
          } else waiters.push(check);
        };
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first accepted delivery of each event, verified as Standard Webhooks with `secret`, by event id. */
export function firstDeliveries(accepted: readonly Received[], secret: string): Map<string, CreditEvent> {
  const wh = new Webhook(secret);
  const first = new Map<string, CreditEvent>();
  for (const r of accepted) {
    const event = wh.verify(r.body, r.headers as Record<string, string>) as CreditEvent;
    if (!first.has(event.eventId)) first.set(event.eventId, event);
  }
  return first;
}

/** Each subject's event sequence numbers, in the order they first arrived (in order: 1, 2, 3 …). */
export function sequencesBySubject(events: Iterable<CreditEvent>): number[][] {
  const bySubject = new Map<string, number[]>();
  for (const e of events) bySubject.set(e.subject.id, [...(bySubject.get(e.subject.id) ?? []), e.sequence]);
  return [...bySubject.values()];
}
