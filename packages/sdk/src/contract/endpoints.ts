import { GradeScaleList, ListDefinitionList, MatterList, MeasureList } from './catalog.ts';
import { BatchCheckRequest, BatchResult, Check, CheckRequest } from './checks.ts';
import { Commitment, CommitmentList, CommitmentSearchRequest, FulfilmentRequest, SignCommitmentRequest } from './commitments.ts';
import { browser, endpoint, table } from './endpoint.ts';
import {
  ackEvent,
  createSubscription,
  deleteSubscription,
  getSubscription,
  listCases,
  listDeliveries,
  listEvents,
  listSubscriptions,
  redeliver,
  rotateSubscriptionSecret,
} from './endpoints-push.ts';
import { Feedback, FeedbackRequest } from './feedback.ts';
import { Objection, ObjectionDecisionRequest, ObjectionRequest } from './objections.ts';
import { Profile, ProfileRequest } from './profiles.ts';
import { Coverage, CoverageQuery } from './stats.ts';
import { Jwks, TokenRequest, TokenResponse } from './tokens.ts';

export { API_BASE, type Caller, type Endpoint } from './endpoint.ts';
export * from './endpoints-push.ts';

export const createCheck = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/checks',
  summary: '逢办必查: check a subject for a matter',
  callers: browser,
  scope: 'checks:write',
  body: CheckRequest,
  response: Check,
  status: 201,
  tag: 'checks',
});

export const createCheckBatch = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/checks/batch',
  summary: 'Check many subjects for one matter (per-item result or error)',
  callers: ['app'],
  body: BatchCheckRequest,
  response: BatchResult,
  status: 200,
  tag: 'checks',
});

export const getCheck = /*@__PURE__*/ endpoint({
  method: 'GET',
  path: '/checks/:checkId',
  summary: 'A stored check with its feedback (audit)',
  callers: browser,
  scope: 'checks:read',
  response: Check,
  status: 200,
  tag: 'checks',
});

export const createFeedback = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/checks/:checkId/feedback',
  summary: 'Record what the window did (反馈)',
  callers: browser,
  scope: 'feedback:write',
  body: FeedbackRequest,
  response: Feedback,
  status: 201,
  tag: 'checks',
});

export const getProfile = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/profiles',
  summary: "A subject's full credit record, history included",
  callers: browser,
  scope: 'profiles:read',
  body: ProfileRequest,
  response: Profile,
  status: 200,
  tag: 'profiles',
});

export const listMatters = /*@__PURE__*/ endpoint({
  method: 'GET',
  path: '/catalog/matters',
  summary: '事项 and the credit routes they offer',
  callers: browser,
  scope: 'catalog:read',
  response: MatterList,
  status: 200,
  tag: 'catalog',
});

export const listMeasures = /*@__PURE__*/ endpoint({
  method: 'GET',
  path: '/catalog/measures',
  summary: '联合奖惩措施清单: measures, list types and matters they bind',
  callers: browser,
  scope: 'catalog:read',
  response: MeasureList,
  status: 200,
  tag: 'catalog',
});

export const listLists = /*@__PURE__*/ endpoint({
  method: 'GET',
  path: '/catalog/lists',
  summary: 'List definitions (black, watch, red)',
  callers: browser,
  scope: 'catalog:read',
  response: ListDefinitionList,
  status: 200,
  tag: 'catalog',
});

export const listGradeScales = /*@__PURE__*/ endpoint({
  method: 'GET',
  path: '/catalog/grades',
  summary: '公共信用综合评价 grade scales',
  callers: browser,
  scope: 'catalog:read',
  response: GradeScaleList,
  status: 200,
  tag: 'catalog',
});

export const signCommitment = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/commitments',
  summary: 'Sign a credit commitment (告知承诺, 容缺受理 …)',
  callers: browser,
  scope: 'commitments:write',
  body: SignCommitmentRequest,
  response: Commitment,
  status: 201,
  tag: 'commitments',
});

export const searchCommitments = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/commitments/search',
  summary: "A subject's commitments",
  callers: browser,
  scope: 'commitments:read',
  body: CommitmentSearchRequest,
  response: CommitmentList,
  status: 200,
  tag: 'commitments',
});

export const recordFulfilment = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/commitments/:commitmentId/fulfilment',
  summary: 'Record fulfilment: fulfilled, partly, violated',
  callers: ['app'],
  body: FulfilmentRequest,
  response: Commitment,
  status: 200,
  tag: 'commitments',
});

export const createObjection = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/objections',
  summary: 'Object to a list entry (异议); the entry shows under-objection',
  callers: browser,
  scope: 'objections:write',
  body: ObjectionRequest,
  response: Objection,
  status: 201,
  tag: 'objections',
});

export const getObjection = /*@__PURE__*/ endpoint({
  method: 'GET',
  path: '/objections/:objectionId',
  summary: 'An objection and its decision',
  callers: browser,
  scope: 'objections:write',
  response: Objection,
  status: 200,
  tag: 'objections',
});

export const decideObjection = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/objections/:objectionId/decision',
  summary: "The listing authority's decision: upheld revokes the entry",
  callers: ['app'],
  body: ObjectionDecisionRequest,
  response: Objection,
  status: 200,
  tag: 'objections',
});

export const createToken = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/tokens',
  summary: 'Mint a short-lived, scoped bearer token for a browser widget (server to server only)',
  callers: ['app'],
  body: TokenRequest,
  response: TokenResponse,
  status: 201,
  tag: 'auth',
});

export const getKeys = /*@__PURE__*/ endpoint({
  method: 'GET',
  path: '/keys',
  summary: 'Public keys that sign check receipts (JWKS)',
  callers: ['public'],
  response: Jwks,
  status: 200,
  tag: 'auth',
});

export const getCoverage = /*@__PURE__*/ endpoint({
  method: 'GET',
  path: '/stats/coverage',
  summary: 'Checks per matter and verdict, feedback rate',
  callers: browser,
  scope: 'checks:read',
  query: CoverageQuery,
  response: Coverage,
  status: 200,
  tag: 'stats',
});

/** Every platform endpoint: the server registers its routes from this, the OpenAPI document is built from it. */
export const endpoints = /* @__PURE__ */ table({
  createCheck,
  createCheckBatch,
  getCheck,
  createFeedback,
  getProfile,
  listMatters,
  listMeasures,
  listLists,
  listGradeScales,
  signCommitment,
  searchCommitments,
  recordFulfilment,
  createObjection,
  getObjection,
  decideObjection,
  createToken,
  getKeys,
  getCoverage,
  listEvents,
  ackEvent,
  createSubscription,
  listSubscriptions,
  getSubscription,
  deleteSubscription,
  rotateSubscriptionSecret,
  listDeliveries,
  redeliver,
  listCases,
} as const);

export type EndpointId = keyof typeof endpoints;
