import type { EndpointId } from './endpoints.ts';
import type { TokenScope } from './tokens.ts';

/*
 * The words of the API reference (OpenAPI `description`s) beside the contract they describe, in a
 * module of their own: the server's document generator imports it, browser bundles never do.
 * Typed against the endpoint table and the scopes, so a new endpoint or scope without words does
 * not compile.
 */

/**
 * Each endpoint's group and one line (OpenAPI `tags`, `summary`), in the reference's order: a
 * bundle that calls an endpoint never carries its words.
 */
export const ENDPOINT_REFERENCE: Record<EndpointId, { tag: string; summary: string }> = {
  createCheck: { tag: 'checks', summary: '逢办必查: check a subject for a matter' },
  createCheckBatch: { tag: 'checks', summary: 'Check many subjects for one matter (per-item result or error)' },
  getCheck: { tag: 'checks', summary: 'A stored check with its feedback (audit)' },
  createFeedback: { tag: 'checks', summary: 'Record what the window did (反馈)' },
  getProfile: { tag: 'profiles', summary: "A subject's full credit record, history included" },
  createSheet: { tag: 'records', summary: 'The 信用核查结果单 of a check, with a new 核查码 and its QR' },
  issueVerification: { tag: 'records', summary: 'A new 核查码 for a check (the earlier one is superseded)' },
  withdrawVerification: { tag: 'records', summary: "Withdraw a check's 核查码" },
  getVerification: { tag: 'records', summary: 'What a 核查码 says now (public, masked)' },
  replayCheck: { tag: 'records', summary: 'A check replayed as of its time and as of now, with what changed' },
  listMatters: { tag: 'catalog', summary: '事项 and the credit routes they offer' },
  listMeasures: { tag: 'catalog', summary: '联合奖惩措施清单: measures, list types and matters they bind' },
  listLists: { tag: 'catalog', summary: 'List definitions (black, watch, red)' },
  listGradeScales: { tag: 'catalog', summary: '公共信用综合评价 grade scales' },
  signCommitment: { tag: 'commitments', summary: 'Sign a credit commitment (告知承诺, 容缺受理 …)' },
  searchCommitments: { tag: 'commitments', summary: "A subject's commitments" },
  recordFulfilment: { tag: 'commitments', summary: 'Record fulfilment: fulfilled, partly, violated' },
  createObjection: { tag: 'objections', summary: 'Object to a list entry (异议); the entry shows under-objection' },
  getObjection: { tag: 'objections', summary: 'An objection and its decision' },
  decideObjection: { tag: 'objections', summary: "The listing authority's decision: upheld revokes the entry" },
  createToken: { tag: 'auth', summary: 'Mint a short-lived, scoped bearer token for a browser widget (server to server only)' },
  getKeys: { tag: 'auth', summary: 'Public keys that sign check receipts (JWKS)' },
  getCoverage: { tag: 'stats', summary: 'Checks per matter and verdict, feedback rate' },
  listEvents: { tag: 'events', summary: "定向推送 pull feed: a department's events, resumable by cursor" },
  ackEvent: { tag: 'events', summary: '响应—反馈 on a pushed event: 已惩戒 / 已激励 / 不适用 (idempotent)' },
  createSubscription: {
    tag: 'events',
    summary: 'Subscribe a department to pushed events (webhook and/or pull); the secret is returned once',
  },
  listSubscriptions: { tag: 'events', summary: "The app's subscriptions" },
  getSubscription: { tag: 'events', summary: 'A subscription' },
  deleteSubscription: { tag: 'events', summary: 'Stop a subscription (pending deliveries are dropped; the feed keeps what was routed)' },
  rotateSubscriptionSecret: {
    tag: 'events',
    summary: 'Rotate the webhook secret; the old one keeps signing beside the new one for the overlap',
  },
  listDeliveries: { tag: 'events', summary: 'Webhook deliveries, e.g. the dead letters (status=dead)' },
  redeliver: { tag: 'events', summary: 'Send dead letters again (those named, or all)' },
  listCases: { tag: 'cases', summary: '联合奖惩案例: every feedback, from checks and pushed events (CSV with Accept: text/csv)' },
};

/** Each group of the reference, in a line (OpenAPI `tags`). */
export const TAG_DESCRIPTIONS: Record<string, string> = {
  checks: '逢办必查: a check of a subject for the matter being handled, its receipt, and what the window did with it (反馈)',
  profiles: "A subject's whole credit record (lists, commitments, grades, history)",
  catalog: 'The published catalogue: matters and their credit routes, measures, lists, grade scales',
  commitments: '信用承诺: signing, searching and the fulfilment an authority records',
  objections: '异议: filed by a window for a subject, decided by the listing authority or the credit office',
  auth: 'Browser tokens and the public keys that sign check receipts',
  stats: '逢办必查 coverage: checks per matter and verdict, and the feedback rate',
  events: '定向推送: pushed events by webhook or pull feed, their acknowledgement, subscriptions and deliveries',
  cases: '联合奖惩案例: every feedback, from checks and pushed events, as JSON or CSV',
  records: 'The check as a record people hold: the 信用核查结果单, its 核查码 and the public verification',
};

/** What each endpoint does, for whom, and what to watch for. */
export const ENDPOINT_DESCRIPTIONS: Record<EndpointId, string> = {
  createCheck:
    'Checks one subject (USCC or 身份证 number) for the matter being handled and returns the verdict (clear / notice / caution / restrict), the reasons, the measures that bind the matter, commitments, eligibility for 告知承诺/容缺受理, the grade, and a signed receipt the host backend verifies offline. Identifiers travel in the body, never in the URL.',
  createSheet:
    "The 信用核查结果单 of a check the caller may read, for the 办件档案: the check with 身份证 and persons' names masked (it is printed and filed), the response the window recorded, a new 核查码 (the check's earlier one answers `superseded` from now on) and a QR whose text is the public page's link with the masked summary signed by the receipt key after `#` (verify it offline with the SDK's `verifySheetQr`). `Accept: text/html` answers the A4 page to print (no script).",
  issueVerification:
    "Issues a new 核查码 for a check the caller may read: 8 characters of Crockford base32, valid for the platform's stated period (`validDays`). The check's earlier code stops verifying (`superseded`). The platform stores only its hash.",
  withdrawVerification: "Withdraws the check's 核查码 (apps only): it answers `withdrawn` from now on.",
  replayCheck:
    "Replays a check the caller may read: `atCheck` applies the rules again to the data the check was decided on (the entries, commitments, grade and linked subjects it recorded) — `matchesReceipt` says whether that gives the verdict its receipt signed, the audit proof; `now` decides the same subject and matter on today's data (nothing is stored); `changes` lists, in plain words, what changed in between (listed since, repaired since, objection upheld, grade changed …).",
  getVerification:
    'Public, no credentials: what a 核查码 says now — `valid`, `superseded`, `expired` or `withdrawn` — with the masked summary (matter, verdict, when, masked subject). A code never issued is a 404 like a malformed one. Lookups are budgeted per client address (429 with Retry-After beyond).',
  createCheckBatch:
    'Checks up to 100 subjects for one matter (apps only). Each item succeeds or fails on its own: a bad identifier fails its item with a problem, not the batch.',
  getCheck: 'Reads a stored check with its feedback, for audit. Another app’s check is not found (404).',
  createFeedback:
    'Records what the window did with the result (反馈, 003 §七): once per check; the same feedback again returns it (200), a different one is 409 FEEDBACK_EXISTS.',
  getProfile:
    'A subject’s whole credit file, history included (可查可核可溯): entries, commitments, grades, interviews, objections, links.',
  listMatters: 'The matters (事项) with the credit routes each offers (告知承诺, 容缺受理) and its 应急 deferral policy.',
  listMeasures:
    'The 联合奖惩措施清单: every measure, the lists that trigger it, the matters it binds and the departments that implement it.',
  listLists: 'The list definitions (blacklists, watchlists, red lists) with their authorities.',
  listGradeScales: 'The grade scales of 公共信用综合评价 and industry evaluations, best level first.',
  signCommitment:
    'Signs a credit commitment (告知承诺, 容缺受理 …) on the matter’s current standard text; 容缺受理 needs a deadline for the missing materials.',
  searchCommitments: 'A subject’s commitments, filtered by matter and status.',
  recordFulfilment:
    'Records whether a commitment was fulfilled, partly fulfilled or violated (apps only); a violation emits commitment.violated.',
  createObjection: 'Files an objection (异议) to a list entry; the entry shows under-objection and keeps its measures until decided.',
  getObjection: 'An objection and, once made, its decision.',
  decideObjection: 'The listing authority’s decision (apps only): upheld revokes the entry, rejected restores it.',
  createToken:
    'Mints a browser token for one department, operator, matters and scopes (apps only; a token cannot mint tokens). At most one hour; the token names its app’s key, and rotating the app’s secret revokes it.',
  getKeys: 'The public keys that sign check receipts (JWKS): Ed25519, or SM2 under 国密. Public and cacheable.',
  getCoverage: '逢办必查 coverage: checks per matter and verdict, feedback rates, 补查 counted apart. A token sees its own department.',
  listEvents:
    'The pull feed of pushed events (定向推送) for one department of the caller’s app, oldest first from a stable cursor (or newest first with order=desc).',
  ackEvent:
    'Acknowledges a pushed event with what the department did (已惩戒 / 已激励 / 不适用 with a reason): once per department of the caller’s app, idempotent.',
  createSubscription:
    'Subscribes a department to pushed events, by webhook and/or the pull feed; the signing secret is returned this once. A webhook URL must point to a public address: loopback, private, link-local and other internal addresses are refused (422 WEBHOOK_DESTINATION_FORBIDDEN), and checked again after DNS at every delivery.',
  listSubscriptions: 'The app’s own subscriptions.',
  getSubscription: 'One of the app’s subscriptions (another app’s is not found).',
  deleteSubscription: 'Stops a subscription: its pending deliveries are dropped; the feed keeps what was routed.',
  rotateSubscriptionSecret:
    'Rotates the webhook secret; during the overlap (default a day) deliveries carry both signatures, so receivers switch without a gap.',
  listDeliveries: 'The subscription’s webhook deliveries, newest last; status=dead lists the dead letters.',
  redeliver: 'Sends dead letters again, due now with a fresh count of attempts: those named, or all of the subscription’s.',
  listCases:
    '联合奖惩案例: every feedback, at the counter and on pushed events, filtered and paginated; with Accept: text/csv the same as CSV (UTF-8 with a BOM, formula cells defused).',
};

/** What each browser-token scope allows (the OpenAPI document lists them once, on the bearer scheme). */
export const SCOPE_DESCRIPTIONS: Record<TokenScope, string> = {
  'checks:write': 'Check subjects (POST /checks)',
  'checks:read': 'Read the department’s checks, coverage and cases',
  'checks:defer': '先行受理，事后补查: send a deferred check after an outage (never a default scope)',
  'feedback:write': 'Record feedback on checks and acknowledge pushed events',
  'commitments:write': 'Sign credit commitments',
  'commitments:read': 'Read a subject’s commitments',
  'objections:write': 'File and read objections',
  'profiles:read': 'Read a subject’s full credit file',
  'catalog:read': 'Read the catalogue (matters, measures, lists, grade scales)',
  'events:read': 'Read the department’s pull feed of pushed events',
  'pii:read': 'See personal identifiers unmasked (never a default scope)',
};
