import { API_BASE, type EndpointId, type endpoints } from '@credit-check/sdk/contract';
import type * as z from 'zod/mini';
import type { Principal } from '../auth/principal.ts';
import type { Platform } from '../platform/platform.ts';
import { SHEET_CSP, sheetPage } from './sheet-page.ts';

type Endpoints = typeof endpoints;
type Schema<E, K extends string> = E extends { [P in K]: infer S extends z.ZodMiniType } ? z.infer<S> : undefined;
/** `/checks/:checkId/feedback` → `'checkId'`. */
type ParamNames<P extends string> = P extends `${string}:${infer N}/${infer Rest}`
  ? N | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer N}`
    ? N
    : never;

/** What a handler gets: body, query and params typed from the endpoint's own schemas and path. */
export interface HandlerInput<K extends EndpointId> {
  principal: Principal;
  body: Schema<Endpoints[K], 'body'>;
  query: Schema<Endpoints[K], 'query'>;
  params: Record<ParamNames<Endpoints[K]['path']>, string>;
  /** The request's Accept header (for endpoints with other representations, e.g. CSV). */
  accept: string;
  /** The request's origin (links the platform prints when it has no `publicUrl`). */
  origin: string;
  /** The peer's address ('local' where there is none): public endpoints budget by it. */
  client: string;
}

/**
 * What a handler answers: the endpoint's response type (the status defaults to `endpoint.status`),
 * or another representation the endpoint `produces` (e.g. CSV) instead of it.
 */
export type HandlerOutput<K extends EndpointId> = { status?: number; headers?: Record<string, string> } & (
  | { body: z.infer<Endpoints[K]['response']>; text?: undefined }
  | { text: { contentType: string; content: string }; body?: undefined }
);

/** True when the caller asks for CSV rather than JSON. */
const wantsCsv = (accept: string) => /\btext\/csv\b/i.test(accept) && !/\bapplication\/json\b/i.test(accept);

export type Handlers = { [K in EndpointId]: (input: HandlerInput<K>) => HandlerOutput<K> | Promise<HandlerOutput<K>> };

/** Every endpoint of the contract, answered by the platform. The compiler checks each against its schemas. */
export function handlers(platform: Platform, batchMax: number): Handlers {
  return {
    createCheck: async ({ principal, body }) => {
      const check = await platform.checks.create(principal, body);
      return { body: check, headers: { location: `${API_BASE}/checks/${check.checkId}` } };
    },
    createCheckBatch: async ({ principal, body }) => ({ body: await platform.checks.batch(principal, body, batchMax) }),
    getCheck: async ({ principal, params }) => ({ body: await platform.checks.get(principal, params.checkId) }),
    createFeedback: async ({ principal, params, body }) => {
      const { feedback, created } = await platform.feedback.create(principal, params.checkId, body);
      // The same feedback again is answered as it was recorded, with 200 instead of 201.
      return { status: created ? 201 : 200, body: feedback };
    },
    getProfile: async ({ principal, body }) => ({ body: await platform.profiles.get(principal, body.subject) }),
    listMatters: () => ({ body: { matters: platform.catalog.matters } }),
    listMeasures: () => ({ body: { measures: platform.catalog.measures } }),
    listLists: () => ({ body: { lists: platform.catalog.lists } }),
    listGradeScales: () => ({ body: { scales: platform.catalog.gradeScales, tiers: platform.catalog.tiers } }),
    signCommitment: async ({ principal, body }) => ({ body: await platform.commitments.sign(principal, body) }),
    searchCommitments: async ({ principal, body }) => ({ body: await platform.commitments.search(principal, body) }),
    recordFulfilment: async ({ principal, params, body }) => ({
      body: await platform.commitments.recordFulfilment(principal, params.commitmentId, body),
    }),
    createObjection: async ({ principal, body }) => {
      const objection = await platform.objections.create(principal, body);
      return { body: objection, headers: { location: `${API_BASE}/objections/${objection.objectionId}` } };
    },
    getObjection: async ({ principal, params }) => ({ body: await platform.objections.get(principal, params.objectionId) }),
    decideObjection: async ({ principal, params, body }) => ({
      body: await platform.objections.decide(principal, params.objectionId, body),
    }),
    createToken: async ({ principal, body }) => ({ body: await platform.tokens.mint(principal, body) }),
    issueVerification: async ({ principal, params, origin }) => {
      const issued = await platform.verifications.issue(principal, params.checkId, origin);
      return { body: issued };
    },
    withdrawVerification: async ({ principal, params }) => ({ body: await platform.verifications.withdraw(principal, params.checkId) }),
    getVerification: async ({ params, client }) => ({
      body: await platform.verifications.verify(params.code, client),
      headers: { 'cache-control': 'no-store' },
    }),
    replayCheck: async ({ principal, params }) => ({ body: await platform.replays.replay(principal, params.checkId) }),
    createSheet: async ({ principal, params, origin, accept }) => {
      const sheet = await platform.sheets.create(principal, params.checkId, origin);
      if (!/\btext\/html\b/i.test(accept)) return { body: sheet };
      return {
        text: { contentType: 'text/html; charset=utf-8', content: sheetPage(sheet, platform.issuer) },
        headers: { 'content-security-policy': SHEET_CSP, 'cache-control': 'no-store' },
      };
    },
    getKeys: () => ({ body: platform.jwks(), headers: { 'cache-control': 'public, max-age=300' } }),
    getCoverage: async ({ principal, query }) => ({ body: await platform.stats.coverage(principal, query) }),
    listEvents: async ({ principal, query }) => ({ body: await platform.events.feed(principal, query) }),
    ackEvent: async ({ principal, params, body }) => {
      const { ack, created } = await platform.events.ack(principal, params.eventId, body);
      return { status: created ? 201 : 200, body: ack };
    },
    createSubscription: async ({ principal, body }) => {
      const created = await platform.subscriptions.create(principal, body);
      return { body: created, headers: { location: `${API_BASE}/subscriptions/${created.subscriptionId}` } };
    },
    listSubscriptions: async ({ principal }) => ({ body: await platform.subscriptions.list(principal) }),
    getSubscription: async ({ principal, params }) => ({ body: await platform.subscriptions.get(principal, params.subscriptionId) }),
    deleteSubscription: async ({ principal, params }) => ({
      body: await platform.subscriptions.delete(principal, params.subscriptionId),
    }),
    rotateSubscriptionSecret: async ({ principal, params, body }) => ({
      body: await platform.subscriptions.rotate(principal, params.subscriptionId, body),
    }),
    listDeliveries: async ({ principal, params, query }) => ({
      body: await platform.subscriptions.deliveries(principal, params.subscriptionId, query),
    }),
    redeliver: async ({ principal, params, body }) => ({
      body: await platform.subscriptions.redeliver(principal, params.subscriptionId, body.deliveryIds),
    }),
    listCases: async ({ principal, query, accept }) => {
      if (!wantsCsv(accept)) return { body: await platform.cases.list(principal, query) };
      const day = platform.today();
      return {
        text: { contentType: 'text/csv; charset=utf-8', content: await platform.cases.csv(principal, query) },
        headers: { 'content-disposition': `attachment; filename="cases-${day}.csv"` },
      };
    },
  };
}
