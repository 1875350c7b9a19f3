import { CaseList, CaseQuery } from './cases.ts';
import { browser, endpoint } from './endpoint.ts';
import { Ack, AckRequest, EventFeedQuery, EventPage } from './events.ts';
import {
  DeliveryList,
  DeliveryQuery,
  RedeliverRequest,
  RedeliverResult,
  RotateSecretRequest,
  Subscription,
  SubscriptionList,
  SubscriptionRequest,
  SubscriptionWithSecret,
} from './subscriptions.ts';

// 定向推送 and 反馈 (003 §六§七): the event feed, webhook subscriptions and their deliveries, and
// the cases (办件) the checks and feedback make up. Listed in `endpoints` with the rest.

export const listEvents = /*@__PURE__*/ endpoint({
  method: 'GET',
  path: '/events',
  summary: "定向推送 pull feed: a department's events, resumable by cursor",
  callers: browser,
  scope: 'events:read',
  query: EventFeedQuery,
  response: EventPage,
  status: 200,
  tag: 'events',
});

export const ackEvent = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/events/:eventId/ack',
  summary: '响应—反馈 on a pushed event: 已惩戒 / 已激励 / 不适用 (idempotent)',
  callers: browser,
  scope: 'feedback:write',
  body: AckRequest,
  response: Ack,
  status: 201,
  tag: 'events',
});

export const createSubscription = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/subscriptions',
  summary: 'Subscribe a department to pushed events (webhook and/or pull); the secret is returned once',
  callers: ['app'],
  body: SubscriptionRequest,
  response: SubscriptionWithSecret,
  status: 201,
  tag: 'events',
});

export const listSubscriptions = /*@__PURE__*/ endpoint({
  method: 'GET',
  path: '/subscriptions',
  summary: "The app's subscriptions",
  callers: ['app'],
  response: SubscriptionList,
  status: 200,
  tag: 'events',
});

export const getSubscription = /*@__PURE__*/ endpoint({
  method: 'GET',
  path: '/subscriptions/:subscriptionId',
  summary: 'A subscription',
  callers: ['app'],
  response: Subscription,
  status: 200,
  tag: 'events',
});

export const deleteSubscription = /*@__PURE__*/ endpoint({
  method: 'DELETE',
  path: '/subscriptions/:subscriptionId',
  summary: 'Stop a subscription (pending deliveries are dropped; the feed keeps what was routed)',
  callers: ['app'],
  response: Subscription,
  status: 200,
  tag: 'events',
});

export const rotateSubscriptionSecret = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/subscriptions/:subscriptionId/secret',
  summary: 'Rotate the webhook secret; the old one keeps signing beside the new one for the overlap',
  callers: ['app'],
  body: RotateSecretRequest,
  response: SubscriptionWithSecret,
  status: 200,
  tag: 'events',
});

export const listDeliveries = /*@__PURE__*/ endpoint({
  method: 'GET',
  path: '/subscriptions/:subscriptionId/deliveries',
  summary: 'Webhook deliveries, e.g. the dead letters (status=dead)',
  callers: ['app'],
  query: DeliveryQuery,
  response: DeliveryList,
  status: 200,
  tag: 'events',
});

export const redeliver = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/subscriptions/:subscriptionId/deliveries/redeliver',
  summary: 'Send dead letters again (those named, or all)',
  callers: ['app'],
  body: RedeliverRequest,
  response: RedeliverResult,
  status: 200,
  tag: 'events',
});

export const listCases = /*@__PURE__*/ endpoint({
  method: 'GET',
  path: '/cases',
  summary: '联合奖惩案例: every feedback, from checks and pushed events (CSV with Accept: text/csv)',
  callers: browser,
  scope: 'checks:read',
  query: CaseQuery,
  response: CaseList,
  produces: ['text/csv'],
  status: 200,
  tag: 'cases',
});
