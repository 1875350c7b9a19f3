import { randomId } from '@credit-check/sdk/auth';
import {
  DEFAULT_MONITORING_DAYS,
  type Delivery,
  EventType,
  type RotateSecretRequest,
  type Subscription,
  type SubscriptionRequest,
  type SubscriptionWithSecret,
} from '@credit-check/sdk/contract';
import type { Principal } from '../auth/principal.ts';
import { problem } from '../problems.ts';
import type { DeliveryRecord, SubscriptionRecord } from '../store/store.ts';
import type { PlatformContext } from './context.ts';

/** The default overlap of a rotated secret: a day, for the receiver to deploy the new one. */
export const SECRET_OVERLAP_SECONDS = 86_400;

/** `whsec_` + base64 of 24 random bytes, as Standard Webhooks secrets are written. */
function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

function appOf(principal: Principal): string {
  if (principal.kind !== 'app') throw problem('FORBIDDEN');
  return principal.appId;
}

export async function subscriptionView(ctx: PlatformContext, s: SubscriptionRecord): Promise<Subscription> {
  const overlap = s.previousSecretValidUntil && s.previousSecretValidUntil > ctx.wallNow() ? s.previousSecretValidUntil : null;
  return {
    subscriptionId: s.subscriptionId,
    department: s.department,
    url: s.url,
    types: s.types,
    matters: s.matters,
    region: s.region,
    monitoringDays: s.monitoringDays,
    pii: s.pii,
    description: s.description,
    createdAt: s.createdAt,
    previousSecretValidUntil: overlap ? new Date(overlap).toISOString() : null,
    deadLetters: await ctx.store.countDeliveries(s.subscriptionId, 'dead'),
  };
}

/**
 * POST /subscriptions: a department's subscription (app callers); the secret is shown this once.
 * A webhook URL must point outside (see `webhooks/destinations.ts`): checked here, and again at
 * every delivery.
 */
export async function createSubscription(
  ctx: PlatformContext & { webhookDestinations: { check?: (url: string) => Promise<void> } },
  principal: Principal,
  request: SubscriptionRequest,
): Promise<SubscriptionWithSecret> {
  const appId = appOf(principal);
  if (request.url) await ctx.webhookDestinations.check?.(request.url);
  const record: SubscriptionRecord = {
    subscriptionId: randomId('sub_', 12),
    appId,
    department: request.department,
    url: request.url ?? null,
    types: request.types ? [...new Set(request.types)] : [...EventType.options],
    matters: request.matters ?? [],
    region: request.region ?? null,
    monitoringDays: request.monitoringDays ?? DEFAULT_MONITORING_DAYS,
    pii: request.pii ?? false,
    description: request.description ?? '',
    createdAt: ctx.nowIso(),
    secret: newSecret(),
    previousSecret: null,
    previousSecretValidUntil: null,
    deletedAt: null,
  };
  await ctx.store.putSubscription(record);
  return { ...(await subscriptionView(ctx, record)), secret: record.secret };
}

/** One of the caller's own subscriptions (another app's is as absent as a missing one). */
export async function ownSubscription(ctx: PlatformContext, principal: Principal, subscriptionId: string): Promise<SubscriptionRecord> {
  const record = await ctx.store.getSubscription(subscriptionId);
  if (!record || record.deletedAt || record.appId !== appOf(principal)) {
    throw problem('NOT_FOUND', `订阅 ${subscriptionId} 不存在`, `No subscription ${subscriptionId}`);
  }
  return record;
}

export async function listSubscriptions(ctx: PlatformContext, principal: Principal) {
  const list = await ctx.store.subscriptionsOf(appOf(principal));
  return { subscriptions: await Promise.all(list.map((s) => subscriptionView(ctx, s))) };
}

export async function deleteSubscription(ctx: PlatformContext, principal: Principal, subscriptionId: string): Promise<Subscription> {
  const record = await ownSubscription(ctx, principal, subscriptionId);
  const deleted = { ...record, deletedAt: ctx.nowIso() };
  await ctx.store.putSubscription(deleted);
  await ctx.store.dropPending(subscriptionId);
  return subscriptionView(ctx, deleted);
}

/** A new secret; the old one keeps signing beside it until the overlap ends (receivers accept either). */
export async function rotateSecret(
  ctx: PlatformContext,
  principal: Principal,
  subscriptionId: string,
  request: RotateSecretRequest,
): Promise<SubscriptionWithSecret> {
  const record = await ownSubscription(ctx, principal, subscriptionId);
  const overlap = (request.overlapSeconds ?? SECRET_OVERLAP_SECONDS) * 1000;
  const rotated: SubscriptionRecord = {
    ...record,
    secret: newSecret(),
    previousSecret: overlap > 0 ? record.secret : null,
    previousSecretValidUntil: overlap > 0 ? ctx.wallNow() + overlap : null,
  };
  await ctx.store.putSubscription(rotated);
  return { ...(await subscriptionView(ctx, rotated)), secret: rotated.secret };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function deliveryView(d: DeliveryRecord): Delivery {
  return {
    deliveryId: d.deliveryId,
    eventId: d.eventId,
    type: d.type,
    status: d.status,
    attempts: d.attempts,
    lastAttemptAt: iso(d.lastAttemptAt),
    lastError: d.lastError,
    nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
    deliveredAt: iso(d.deliveredAt),
  };
}

export async function listDeliveries(
  ctx: PlatformContext,
  principal: Principal,
  subscriptionId: string,
  query: { status?: DeliveryRecord['status'] | undefined; limit?: number | undefined },
) {
  await ownSubscription(ctx, principal, subscriptionId);
  return { deliveries: (await ctx.store.deliveriesOf(subscriptionId, query.status, query.limit ?? 100)).map(deliveryView) };
}

/** Manual redelivery: dead letters go back to the outbox, due now, with a fresh count of attempts. */
export async function redeliver(ctx: PlatformContext, principal: Principal, subscriptionId: string, deliveryIds?: string[]) {
  await ownSubscription(ctx, principal, subscriptionId);
  const dead = await ctx.store.deliveriesOf(subscriptionId, 'dead', 100_000);
  const wanted = deliveryIds ? new Set(deliveryIds) : null;
  const chosen = dead.filter((d) => !wanted || wanted.has(d.deliveryId));
  if (wanted && chosen.length !== wanted.size) {
    const known = new Set(chosen.map((d) => d.deliveryId));
    const missing = [...wanted].filter((id) => !known.has(id));
    throw problem(
      'NOT_FOUND',
      `投递记录 ${missing.join('、')} 不存在或不是死信`,
      `Not dead letters of this subscription: ${missing.join(', ')}`,
    );
  }
  const now = Date.now();
  for (const d of chosen)
    await ctx.store.updateDelivery({ ...d, status: 'pending', attempts: 0, nextAttemptAt: now, lastError: d.lastError });
  return { redelivered: chosen.length };
}
