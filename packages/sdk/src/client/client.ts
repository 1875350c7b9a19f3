import type { CaseQueryInput } from '../contract/cases.ts';
import type { BatchCheckInput, CheckInput } from '../contract/checks.ts';
import type { CommitmentSearchInput, FulfilmentInput, SignCommitmentInput } from '../contract/commitments.ts';
import type { AckInput } from '../contract/events.ts';
import type { FeedbackInput } from '../contract/feedback.ts';
import type { ObjectionDecisionInput, ObjectionInput } from '../contract/objections.ts';
import type { ProfileInput } from '../contract/profiles.ts';
import type { CoverageQuery } from '../contract/stats.ts';
import type { DeliveryStatus, RotateSecretRequest, SubscriptionInput } from '../contract/subscriptions.ts';
import type { TokenInput, WidgetTokenInput } from '../contract/tokens.ts';
import { Connection } from './connection.ts';
import * as e from './events.ts';
import * as m from './methods.ts';
import type { CallOptions, ClientOptions } from './options.ts';
import * as r from './records.ts';
import { signWidgetToken } from './widget-token.ts';

/**
 * A client with a method per platform endpoint. For bundle-size-critical pages, use
 * `new Connection(options)` with the standalone functions (`check(connection, …)`) instead:
 * a page then bundles only the endpoints and schemas it calls.
 */
export function createClient(options: ClientOptions) {
  const c = new Connection(options);
  return {
    connection: c,
    check: (input: CheckInput, opts?: m.CheckCallOptions) => m.check(c, input, opts),
    checkBatch: (input: BatchCheckInput, opts?: CallOptions) => m.checkBatch(c, input, opts),
    getCheck: (checkId: string, opts?: CallOptions) => m.getCheck(c, checkId, opts),
    sendFeedback: (checkId: string, input: FeedbackInput, opts?: CallOptions) => m.sendFeedback(c, checkId, input, opts),
    getProfile: (input: ProfileInput, opts?: CallOptions) => m.getProfile(c, input, opts),
    listMatters: (opts?: CallOptions) => m.listMatters(c, opts),
    listMeasures: (opts?: CallOptions) => m.listMeasures(c, opts),
    listLists: (opts?: CallOptions) => m.listLists(c, opts),
    listGradeScales: (opts?: CallOptions) => m.listGradeScales(c, opts),
    signCommitment: (input: SignCommitmentInput, opts?: CallOptions) => m.signCommitment(c, input, opts),
    searchCommitments: (input: CommitmentSearchInput, opts?: CallOptions) => m.searchCommitments(c, input, opts),
    recordFulfilment: (commitmentId: string, input: FulfilmentInput, opts?: CallOptions) =>
      m.recordFulfilment(c, commitmentId, input, opts),
    createObjection: (input: ObjectionInput, opts?: CallOptions) => m.createObjection(c, input, opts),
    getObjection: (objectionId: string, opts?: CallOptions) => m.getObjection(c, objectionId, opts),
    decideObjection: (objectionId: string, input: ObjectionDecisionInput, opts?: CallOptions) =>
      m.decideObjection(c, objectionId, input, opts),
    mintToken: (input: TokenInput, opts?: CallOptions) => m.mintToken(c, input, opts),
    /** Signs a widget token here, offline, with this client's app credentials (no round trip: works while the platform is down). */
    signWidgetToken: (input: WidgetTokenInput) => signWidgetToken(options, input),
    getKeys: (opts?: CallOptions) => m.getKeys(c, opts),
    /** A check replayed as of 受理 (the audit proof) and as of now, with what changed in between (listed since, repaired since …). */
    replayCheck: (checkId: string, opts?: CallOptions) => r.replayCheck(c, checkId, opts),
    /** The 信用核查结果单 of a check, for the 办件档案: a new 核查码, its QR (`verifySheetQr` checks it offline). */
    createSheet: (checkId: string, opts?: CallOptions) => r.createSheet(c, checkId, opts),
    /** 核查码: issue one for a check (its earlier one stops verifying), withdraw it, or look one up (public). */
    verifications: {
      issue: (checkId: string, opts?: CallOptions) => r.issueVerification(c, checkId, opts),
      withdraw: (checkId: string, opts?: CallOptions) => r.withdrawVerification(c, checkId, opts),
      get: (code: string, opts?: CallOptions) => r.verification(c, code, opts),
    },
    getCoverage: (query?: Partial<CoverageQuery>, opts?: CallOptions) => m.getCoverage(c, query, opts),
    /** 定向推送 pull feed, one page. */
    listEvents: (query?: Parameters<typeof e.listEvents>[1], opts?: CallOptions) => e.listEvents(c, query, opts),
    /** The pull feed as an async iterator that resumes from a stored cursor (`follow` keeps polling). */
    events: (options?: e.EventStreamOptions) => e.events(c, options),
    ackEvent: (eventId: string, input: AckInput, opts?: CallOptions) => e.ackEvent(c, eventId, input, opts),
    subscriptions: {
      create: (input: SubscriptionInput, opts?: CallOptions) => e.subscriptions.create(c, input, opts),
      list: (opts?: CallOptions) => e.subscriptions.list(c, opts),
      get: (id: string, opts?: CallOptions) => e.subscriptions.get(c, id, opts),
      delete: (id: string, opts?: CallOptions) => e.subscriptions.delete(c, id, opts),
      rotateSecret: (id: string, input?: RotateSecretRequest, opts?: CallOptions) => e.subscriptions.rotateSecret(c, id, input, opts),
      deliveries: (id: string, query?: { status?: DeliveryStatus; limit?: number }, opts?: CallOptions) =>
        e.subscriptions.deliveries(c, id, query, opts),
      redeliver: (id: string, deliveryIds?: string[], opts?: CallOptions) => e.subscriptions.redeliver(c, id, deliveryIds, opts),
    },
    /** 联合奖惩案例, one page (JSON). */
    listCases: (query?: CaseQueryInput, opts?: CallOptions) => e.listCases(c, query, opts),
    /** 联合奖惩案例, every page: an async iterator (`for await (const c of platform.cases({ from }))`). */
    cases: (query?: Omit<CaseQueryInput, 'after'>, opts?: CallOptions) => e.cases(c, query, opts),
    /** 联合奖惩案例 as CSV (UTF-8 with a BOM). */
    casesCsv: (query?: Omit<CaseQueryInput, 'limit' | 'after'>, opts?: CallOptions) => e.casesCsv(c, query, opts),
    /** Forgets cached check results (in-flight checks continue). */
    clearCache: () => c.checks.clear(),
  };
}

export type CreditCheckClient = ReturnType<typeof createClient>;

/** Server side, one call: mint a widget token with the app's credentials. */
export function mintToken(options: ClientOptions, input: TokenInput, opts?: CallOptions) {
  return m.mintToken(new Connection({ ...options, cache: false }), input, opts);
}
