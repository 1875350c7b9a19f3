import type { CreditCheckClient, CreditEvent } from '@credit-check/sdk';
import { webhookHandler } from '@credit-check/sdk/webhooks';
import type { Hono } from 'hono';

/** What the host backend keeps of a pushed event: enough to act on, nothing more (the subject as the platform masked it). */
export interface ReceivedAlert {
  eventId: string;
  type: CreditEvent['type'];
  occurredAt: string;
  sequence: number;
  subject: string;
  why: string[];
  receivedAt: string;
}

/**
 * The host backend's side of 定向推送: it subscribes its department with a webhook URL (the
 * secret stays here), verifies every delivery (Standard Webhooks, via the SDK), keeps each event
 * once by id (delivery is at least once) and lists what arrived for the page. A real system would
 * open a 监管任务 for the department here; the demo shows it on the 信用提醒 page.
 */
export class PushedAlerts {
  private secret: string | undefined;
  private readonly received = new Map<string, ReceivedAlert>();
  private readonly platform: CreditCheckClient;
  private readonly department: string;

  constructor(platform: CreditCheckClient, department: string) {
    this.platform = platform;
    this.department = department;
  }

  /**
   * Subscribes the department: webhooks to `url`, every event type, a 180-day monitoring window, and
   * — with `region` (GB/T 2260) — every change of the subjects registered there (a city's hall
   * follows its city's subjects).
   */
  async subscribe(url: string, region?: string): Promise<void> {
    const created = await this.platform.subscriptions.create({
      department: this.department,
      url,
      description: '演示后台',
      ...(region ? { region } : {}),
    });
    this.secret = created.secret;
  }

  routes(app: Hono): void {
    app.post('/webhooks', async (c) => {
      if (!this.secret) return new Response('not subscribed', { status: 503 });
      return webhookHandler({
        secret: this.secret,
        onEvent: (event) => {
          if (this.received.has(event.eventId)) return;
          this.received.set(event.eventId, {
            eventId: event.eventId,
            type: event.type,
            occurredAt: event.occurredAt,
            sequence: event.sequence,
            subject: `${event.subject.name ?? ''} ${event.subject.id}`.trim(),
            why: event.why.map((w) => w.message['zh-CN']),
            receivedAt: new Date().toISOString(),
          });
        },
      })(c.req.raw);
    });
    app.get('/alerts', (c) => c.json({ alerts: [...this.received.values()].reverse() }));
  }
}
