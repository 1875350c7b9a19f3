import * as z from 'zod/mini';
import { Code, Instant, Label, listOf, MatterCode, Opaque, ResourceId, ShortText } from './common.ts';
import { EventType } from './events.ts';
import './zod.ts';

/** A region code (GB/T 2260): 2 digits a province, 4 a city, 6 a county. */
export const RegionCode = /* @__PURE__ */ z.string().check(z.maxLength(6), z.regex(/^[0-9]{2}([0-9]{2}){0,2}$/));

/** How long after a check the checking department is told of changes (事中事后, 002 (一)), by default. */
export const DEFAULT_MONITORING_DAYS = 180;

/** POST /subscriptions (app callers): what a department receives, and where. */
export const SubscriptionRequest = /* @__PURE__ */ z.strictObject({
  /** The receiving department (the same name its checks and tokens carry). */
  department: ShortText,
  /** Webhook endpoint (http or https); omit for the pull feed only. */
  url: z.optional(/* @__PURE__ */ z.url({ protocol: /^https?$/ }).check(z.maxLength(2000))),
  /** Event types (default: all). */
  types: z.optional(/* @__PURE__ */ z.array(EventType).check(z.minLength(1), z.maxLength(EventType.options.length))),
  /** Only events routed for these matters (measure, check or commitment routes); default: all. */
  matters: z.optional(/* @__PURE__ */ z.array(MatterCode).check(z.maxLength(100))),
  /** 按地区推送: every event of subjects registered in this region. */
  region: z.optional(RegionCode),
  /** Monitoring window after a check, in days (default 180). */
  monitoringDays: z.optional(/* @__PURE__ */ z.int().check(z.gte(1), z.lte(1095))),
  /** Deliver personal identifiers unmasked (the app may see them; default masked, least data). */
  pii: z.optional(z.boolean()),
  description: z.optional(ShortText),
});
export type SubscriptionRequest = z.infer<typeof SubscriptionRequest>;
export type SubscriptionInput = z.input<typeof SubscriptionRequest>;

export const Subscription = /* @__PURE__ */ z.object({
  subscriptionId: ResourceId,
  department: Label,
  url: z.nullable(/* @__PURE__ */ z.string().check(z.maxLength(2000))),
  types: listOf(EventType, 100),
  matters: listOf(Code),
  region: z.nullable(Code),
  monitoringDays: /* @__PURE__ */ z.int().check(z.gte(1)),
  pii: z.boolean(),
  description: Label,
  createdAt: Instant,
  /** Until when the previous secret still signs deliveries (rotation overlap); null when none. */
  previousSecretValidUntil: z.nullable(Instant),
  /** Deliveries that gave up after every retry (see …/deliveries?status=dead). */
  deadLetters: /* @__PURE__ */ z.int().check(z.gte(0)),
});
export type Subscription = z.infer<typeof Subscription>;

/** The answer to creating a subscription or rotating its secret: the secret, shown this once. */
export const SubscriptionWithSecret = /* @__PURE__ */ z.extend(Subscription, {
  /** `whsec_<base64>` (Standard Webhooks). Store it; the platform never shows it again. */
  secret: Opaque,
});
export type SubscriptionWithSecret = z.infer<typeof SubscriptionWithSecret>;

export const SubscriptionList = /* @__PURE__ */ z.object({ subscriptions: listOf(Subscription) });

export const RotateSecretRequest = /* @__PURE__ */ z.strictObject({
  /** How long the old secret keeps signing beside the new one (default 86 400 s, at most 7 days). */
  overlapSeconds: z.optional(/* @__PURE__ */ z.int().check(z.gte(0), z.lte(7 * 86_400))),
});
export type RotateSecretRequest = z.infer<typeof RotateSecretRequest>;

export const DeliveryStatus = /* @__PURE__ */ z.enum(['pending', 'delivered', 'dead']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const Delivery = /* @__PURE__ */ z.object({
  deliveryId: ResourceId,
  eventId: ResourceId,
  type: EventType,
  status: DeliveryStatus,
  attempts: /* @__PURE__ */ z.int().check(z.gte(0)),
  lastAttemptAt: z.nullable(Instant),
  /** What the last attempt met: `HTTP 500`, `timeout`, `connection refused` … */
  lastError: z.nullable(Label),
  nextAttemptAt: z.nullable(Instant),
  deliveredAt: z.nullable(Instant),
});
export type Delivery = z.infer<typeof Delivery>;

export const DeliveryQuery = /* @__PURE__ */ z.strictObject({
  status: z.optional(DeliveryStatus),
  limit: z.optional(z.coerce.number().check(/* @__PURE__ */ z.int(), z.gte(1), z.lte(500))),
});
export const DeliveryList = /* @__PURE__ */ z.object({ deliveries: listOf(Delivery, 500) });

/** Manual redelivery of dead letters: the ones named, or all of the subscription's. */
export const RedeliverRequest = /* @__PURE__ */ z.strictObject({
  deliveryIds: z.optional(/* @__PURE__ */ z.array(ResourceId).check(z.minLength(1), z.maxLength(1000))),
});
export const RedeliverResult = /* @__PURE__ */ z.object({ redelivered: /* @__PURE__ */ z.int().check(z.gte(0)) });
