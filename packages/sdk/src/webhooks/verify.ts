import { Webhook } from 'standardwebhooks';
import { CreditCheckError } from '../client/errors.ts';
import { type CreditEvent, CreditEvent as CreditEventSchema } from '../contract/events.ts';

/** Headers as Node (`IncomingHttpHeaders`), fetch (`Headers`) or a plain object give them. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

function header(headers: WebhookHeaders, name: string): string {
  const value = headers instanceof Headers ? headers.get(name) : (headers[name] ?? headers[name.toLowerCase()]);
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

/**
 * Verifies a pushed event (定向推送 by webhook) per the Standard Webhooks specification with the
 * `standardwebhooks` library — the signature over `id.timestamp.body` with the subscription's
 * `whsec_` secret, a timestamp within 5 minutes — then parses it with the contract. Pass both
 * secrets during a rotation. Throws a CreditCheckError `WEBHOOK_INVALID` (with `reason`
 * `SIGNATURE` or `SHAPE`); never returns an unverified event.
 */
export function verifyWebhook(body: string, headers: WebhookHeaders, secret: string | readonly string[]): CreditEvent {
  const wanted = {
    'webhook-id': header(headers, 'webhook-id'),
    'webhook-timestamp': header(headers, 'webhook-timestamp'),
    'webhook-signature': header(headers, 'webhook-signature'),
  };
  let payload: unknown;
  let lastError: unknown;
  for (const s of typeof secret === 'string' ? [secret] : secret) {
    try {
      payload = new Webhook(s).verify(body, wanted);
      break;
    } catch (error) {
      lastError = error;
    }
  }
  if (payload === undefined) {
    throw new CreditCheckError('WEBHOOK_INVALID', `Webhook not verified: ${(lastError as Error)?.message ?? 'no secret'}`, {
      reason: 'SIGNATURE',
      cause: lastError,
      secrets: typeof secret === 'string' ? [secret] : secret,
    });
  }
  const parsed = CreditEventSchema.safeParse(payload);
  if (!parsed.success) {
    throw new CreditCheckError('WEBHOOK_INVALID', 'Webhook verified but off-contract', { reason: 'SHAPE', cause: parsed.error });
  }
  if (parsed.data.eventId !== wanted['webhook-id']) {
    throw new CreditCheckError('WEBHOOK_INVALID', 'webhook-id differs from the event id', { reason: 'SHAPE' });
  }
  return parsed.data;
}
