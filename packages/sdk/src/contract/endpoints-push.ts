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
  callers: browser,
  scope: 'events:read',
  query: EventFeedQuery,
  response: EventPage,
  status: 200,
});

export const ackEvent = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/events/:eventId/ack',
  callers: browser,
  scope: 'feedback:write',
  body: AckRequest,
  response: Ack,
  status: 201,
});

export const createSubscription = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/subscriptions',
  callers: ['app'],
  body: SubscriptionRequest,
  response: SubscriptionWithSecret,
  status: 201,
});

export const listSubscriptions = /*@__PURE__*/ endpoint({
  method: 'GET',
  path: '/subscriptions',
  callers: ['app'],
  response: SubscriptionList,
  status: 200,
});

export const getSubscription = /*@__PURE__*/ endpoint({
  method: 'GET',
  path: '/subscriptions/:subscriptionId',
  callers: ['app'],
  response: Subscription,
  status: 200,
});

export const deleteSubscription = /*@__PURE__*/ endpoint({
  method: 'DELETE',
  path: '/subscriptions/:subscriptionId',
  callers: ['app'],
  response: Subscription,
  status: 200,
});

export const rotateSubscriptionSecret = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/subscriptions/:subscriptionId/secret',
  callers: ['app'],
  body: RotateSecretRequest,
  response: SubscriptionWithSecret,
  status: 200,
});

export const listDeliveries = /*@__PURE__*/ endpoint({
  method: 'GET',
  path: '/subscriptions/:subscriptionId/deliveries',
  callers: ['app'],
  query: DeliveryQuery,
  response: DeliveryList,
  status: 200,
});

export const redeliver = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/subscriptions/:subscriptionId/deliveries/redeliver',
  callers: ['app'],
  body: RedeliverRequest,
  response: RedeliverResult,
  status: 200,
});

export const listCases = /*@__PURE__*/ endpoint({
  method: 'GET',
  path: '/cases',
  callers: browser,
  scope: 'checks:read',
  query: CaseQuery,
  response: CaseList,
  produces: ['text/csv'],
  status: 200,
});
