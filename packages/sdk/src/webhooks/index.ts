/**
 * `@credit-check/sdk/webhooks` — receiving 定向推送 (pushed events) in a backend: verify a Standard
 * Webhooks delivery, or mount a ready handler for Node's http / Express or any fetch server (Hono).
 * A separate entry: a browser bundle never includes it.
 *
 * @module @credit-check/sdk/webhooks
 */
export { type NodeRequest, type NodeResponse, nodeWebhookHandler, type WebhookHandlerOptions, webhookHandler } from './handlers.ts';
export { verifyWebhook, type WebhookHeaders } from './verify.ts';
