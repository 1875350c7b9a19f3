import { createHmac } from 'node:crypto';

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): HMAC-SHA256 with the secret's
 * bytes (base64 after `whsec_`) over `${id}.${timestamp}.${body}`, written `v1,<base64>`. node:crypto
 * here; the SDK verifies with the `standardwebhooks` library, so the two implementations check each other.
 */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}
