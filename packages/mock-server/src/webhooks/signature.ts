import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): HMAC-SHA256 with the secret's
 * bytes (base64 after `whsec_`) over `${id}.${timestamp}.${body}`, written `v1,<base64>`. node:crypto
 * here; the SDK verifies with the `standardwebhooks` library, so the two implementations check each other.
 */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** Secrets as key objects, made once each (importing a raw key costs more than the MAC of a delivery). */
const keys = new Map<string, KeyObject>();

function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64'));
    // A bounded cache: rotated and deleted subscriptions' secrets age out.
    if (keys.size >= 1024) keys.delete(keys.keys().next().value as string);
    keys.set(secret, key);
  }
  return key;
}
