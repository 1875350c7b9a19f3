/**
 * `@credit-check/sdk` — a typed client of the shared credit platform (信用信息共享平台) API.
 * Browser and Node ≥ 22; no eval (strict CSP); every response parsed with the contract.
 *
 * @module @credit-check/sdk
 */
export { type CreditCheckClient, createClient, mintToken } from './client/client.ts';
export { Connection } from './client/connection.ts';
export { type DeferredApplication, isPlatformUnavailable, type Settlement, settleDeferred } from './client/deferred.ts';
export { CreditCheckError, type ErrorCode, type ErrorDetails, isCreditCheckError, OUTAGE_CODES } from './client/errors.ts';
export { ackEvent, cases, casesCsv, type EventStreamOptions, events, listCases, listEvents, subscriptions } from './client/events.ts';
export {
  type CheckCallOptions,
  check,
  checkBatch,
  createObjection,
  decideObjection,
  getCheck,
  getCoverage,
  getKeys,
  getObjection,
  getProfile,
  listGradeScales,
  listLists,
  listMatters,
  listMeasures,
  recordFulfilment,
  searchCommitments,
  sendFeedback,
  signCommitment,
} from './client/methods.ts';
export type { Call, CallOptions, ClientOptions, RetryOptions, TokenLike } from './client/options.ts';
export { createSheet, issueVerification, replayCheck, verification, withdrawVerification } from './client/records.ts';
export { redact } from './client/redact.ts';
export type { SharedCalls } from './client/shared-calls.ts';
export { tokenClaims } from './client/token-claims.ts';
export { type SignedWidgetToken, signWidgetToken, type WidgetTokenCredentials } from './client/widget-token.ts';
export type {
  Ack,
  AckInput,
  AppliedMeasure,
  BatchItem,
  BatchResult,
  Case,
  CaseList,
  Check,
  CheckInput,
  Commitment,
  Coverage,
  CreditEvent,
  CreditEventOf,
  Deferral,
  DeferralReason,
  DeferralReasonCode,
  Eligibility,
  EventPage,
  EventType,
  Feedback,
  FeedbackInput,
  FeedItem,
  Grade,
  Jwk,
  Jwks,
  LinkedSubject,
  ListEntry,
  Matter,
  Objection,
  Problem,
  ProblemCode,
  Profile,
  Reason,
  ReceiptClaims,
  Route,
  SubjectView,
  Subscription,
  SubscriptionInput,
  SubscriptionWithSecret,
  TokenClaims,
  TokenResponse,
  Verdict,
  WidgetTokenInput,
} from './contract/index.ts';
export { API_BASE, BATCH_MAX } from './contract/index.ts';
export * from './identifiers/index.ts';
export { type ReceiptExpectations, type SheetVerification, subjectDigest, verifyReceipt, verifySheetQr } from './receipts/index.ts';
