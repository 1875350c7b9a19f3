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
import { createSheet, getVerification, issueVerification, replayCheck, withdrawVerification } from './endpoints-records.ts';
import { Feedback, FeedbackRequest } from './feedback.ts';
import { Objection, ObjectionDecisionRequest, ObjectionRequest } from './objections.ts';
import { Profile, ProfileRequest } from './profiles.ts';
import { Coverage, CoverageQuery } from './stats.ts';
import { Jwks, TokenRequest, TokenResponse } from './tokens.ts';

export { API_BASE, type Caller, DEFAULT_MAX_BODY_BYTES, type Endpoint } from './endpoint.ts';
export * from './endpoints-push.ts';

export const createCheck = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/checks',
  callers: browser,
  scope: 'checks:write',
  body: CheckRequest,
  response: Check,
  role: 'window',
  status: 201,
});

export const createCheckBatch = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/checks/batch',
  callers: ['app'],
  body: BatchCheckRequest,
  response: BatchResult,
  role: 'window',
  status: 200,
  // Up to BATCH_MAX subjects with their contexts.
  maxBodyBytes: 1024 * 1024,
});

export const getCheck = /*@__PURE__*/ endpoint({
  method: 'GET',
  path: '/checks/:checkId',
  callers: browser,
  scope: 'checks:read',
  response: Check,
  status: 200,
});

export const createFeedback = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/checks/:checkId/feedback',
  callers: browser,
  scope: 'feedback:write',
  body: FeedbackRequest,
  response: Feedback,
  role: 'window',
  status: 201,
});

export const getProfile = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/profiles',
  callers: browser,
  scope: 'profiles:read',
  body: ProfileRequest,
  response: Profile,
  status: 200,
});

export const listMatters = /*@__PURE__*/ endpoint({
  method: 'GET',
  path: '/catalog/matters',
  callers: browser,
  scope: 'catalog:read',
  response: MatterList,
  status: 200,
});

export const listMeasures = /*@__PURE__*/ endpoint({
  method: 'GET',
  path: '/catalog/measures',
  callers: browser,
  scope: 'catalog:read',
  response: MeasureList,
  status: 200,
});

export const listLists = /*@__PURE__*/ endpoint({
  method: 'GET',
  path: '/catalog/lists',
  callers: browser,
  scope: 'catalog:read',
  response: ListDefinitionList,
  status: 200,
});

export const listGradeScales = /*@__PURE__*/ endpoint({
  method: 'GET',
  path: '/catalog/grades',
  callers: browser,
  scope: 'catalog:read',
  response: GradeScaleList,
  status: 200,
});

export const signCommitment = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/commitments',
  callers: browser,
  scope: 'commitments:write',
  body: SignCommitmentRequest,
  response: Commitment,
  role: 'window',
  status: 201,
});

export const searchCommitments = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/commitments/search',
  callers: browser,
  scope: 'commitments:read',
  body: CommitmentSearchRequest,
  response: CommitmentList,
  status: 200,
});

export const recordFulfilment = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/commitments/:commitmentId/fulfilment',
  callers: ['app'],
  body: FulfilmentRequest,
  response: Commitment,
  role: 'authority',
  status: 200,
});

export const createObjection = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/objections',
  callers: browser,
  scope: 'objections:write',
  body: ObjectionRequest,
  response: Objection,
  role: 'window',
  status: 201,
});

export const getObjection = /*@__PURE__*/ endpoint({
  method: 'GET',
  path: '/objections/:objectionId',
  callers: browser,
  scope: 'objections:write',
  response: Objection,
  status: 200,
});

export const decideObjection = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/objections/:objectionId/decision',
  callers: ['app'],
  body: ObjectionDecisionRequest,
  response: Objection,
  role: 'authority',
  status: 200,
});

export const createToken = /*@__PURE__*/ endpoint({
  method: 'POST',
  path: '/tokens',
  callers: ['app'],
  body: TokenRequest,
  response: TokenResponse,
  role: 'window',
  status: 201,
});

export const getKeys = /*@__PURE__*/ endpoint({
  method: 'GET',
  path: '/keys',
  callers: ['public'],
  response: Jwks,
  status: 200,
});

export const getCoverage = /*@__PURE__*/ endpoint({
  method: 'GET',
  path: '/stats/coverage',
  callers: browser,
  scope: 'checks:read',
  query: CoverageQuery,
  response: Coverage,
  status: 200,
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
  issueVerification,
  withdrawVerification,
  getVerification,
  createSheet,
  replayCheck,
} as const);

export type EndpointId = keyof typeof endpoints;
