import type * as z from 'zod/mini';
import {
  BATCH_MAX,
  type BatchCheckInput,
  BatchCheckRequest,
  type BatchItem,
  type BatchResult,
  type Check,
  type CheckInput,
  CheckRequest,
} from '../contract/checks.ts';
import {
  type CommitmentSearchInput,
  CommitmentSearchRequest,
  type FulfilmentInput,
  FulfilmentRequest,
  type SignCommitmentInput,
  SignCommitmentRequest,
} from '../contract/commitments.ts';
import * as endpoints from '../contract/endpoints.ts';
import { type FeedbackInput, FeedbackRequest } from '../contract/feedback.ts';
import { fieldErrors } from '../contract/issues.ts';
import { type ObjectionDecisionInput, ObjectionDecisionRequest, type ObjectionInput, ObjectionRequest } from '../contract/objections.ts';
import type { Problem } from '../contract/problem.ts';
import { type ProfileInput, ProfileRequest } from '../contract/profiles.ts';
import type { CoverageQuery } from '../contract/stats.ts';
import { SubjectRef } from '../contract/subjects.ts';
import { type TokenInput, TokenRequest } from '../contract/tokens.ts';
import type { Connection } from './connection.ts';
import { CreditCheckError } from './errors.ts';
import { later, resourceId, validate } from './input.ts';
import type { CallOptions } from './options.ts';

export interface CheckCallOptions extends CallOptions {
  /** `false`: skip the short result cache and ask the platform again (in-flight sharing still applies). */
  cache?: boolean;
}

/** 逢办必查: checks a subject for a matter. Identical concurrent checks share one request and a short-lived result. */
export function check(connection: Connection, input: CheckInput, opts: CheckCallOptions = {}): Promise<Check> {
  return later(() => {
    const body = validate(CheckRequest, input, 'check request');
    // The name is part of the key: the platform compares it with the registered one (NAME_MISMATCH).
    const key = JSON.stringify([body.subject.idType, body.subject.id, body.subject.name, body.matter, body.context]);
    const pool = opts.cache === false ? connection.freshChecks : connection.checks;
    // The shared request listens to the pool's signal (if anyone can abort), not to this caller's.
    const { signal: _own, ...rest } = opts;
    return pool.run(key, opts.signal, (signal) => connection.call(endpoints.createCheck, { body }, signal ? { ...rest, signal } : rest));
  });
}

/**
 * Checks many subjects for one matter. Over the platform's cap (BATCH_MAX) the batch is split and
 * sent with bounded parallelism (`batchConcurrency`); items that fail local validation become
 * per-item problems without being sent. `results` keep the input order and indexes.
 */
export function checkBatch(connection: Connection, input: BatchCheckInput, opts: CallOptions = {}): Promise<BatchResult> {
  return later(async () => {
    const envelope = validate(BatchCheckRequest, input, 'batch request');
    const results: BatchItem[] = new Array(envelope.subjects.length);
    const valid: { index: number; subject: z.infer<typeof SubjectRef> }[] = [];
    envelope.subjects.forEach((raw, index) => {
      const parsed = SubjectRef.safeParse(raw);
      if (parsed.success) valid.push({ index, subject: parsed.data });
      else results[index] = { index, ok: false, problem: localProblem(fieldErrors(parsed.error.issues, raw)) };
    });
    const chunks: (typeof valid)[] = [];
    for (let i = 0; i < valid.length; i += BATCH_MAX) chunks.push(valid.slice(i, i + BATCH_MAX));
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) {
        const chunk = chunks[next++] as typeof valid;
        // Each chunk is its own logical call with its own idempotency key.
        const answer = await connection.call(
          endpoints.createCheckBatch,
          { body: { matter: envelope.matter, context: envelope.context, subjects: chunk.map((c) => c.subject) } },
          opts.signal ? { signal: opts.signal } : {},
        );
        for (const item of answer.results) {
          const original = chunk[item.index];
          if (original) results[original.index] = { ...item, index: original.index };
        }
      }
    };
    const parallel = Math.max(1, Math.min(connection.options.batchConcurrency ?? 4, chunks.length));
    await Promise.all(Array.from({ length: parallel }, worker));
    return { matter: envelope.matter, results };
  });
}

function localProblem(errors: ReturnType<typeof fieldErrors>): Problem {
  const first = errors[0];
  const message = { 'zh-CN': first?.message['zh-CN'] ?? '主体标识无效', en: first?.message.en ?? 'Invalid subject' };
  return {
    type: 'urn:credit-check:problem:validation-failed',
    title: 'Validation failed',
    status: 400,
    code: 'VALIDATION_FAILED',
    detail: message.en,
    message,
    errors,
  };
}

/** A stored check with its feedback (audit). */
export function getCheck(connection: Connection, checkId: string, opts: CallOptions = {}) {
  return later(() => connection.call(endpoints.getCheck, { params: { checkId: resourceId(checkId, 'checkId') } }, opts));
}

/** Records what the window did (反馈). A repeat of the same feedback returns it; a different one fails with 409. */
export function sendFeedback(connection: Connection, checkId: string, input: FeedbackInput, opts: CallOptions = {}) {
  return later(() =>
    connection.call(
      endpoints.createFeedback,
      { params: { checkId: resourceId(checkId, 'checkId') }, body: validate(FeedbackRequest, input, 'feedback') },
      opts,
    ),
  );
}

/** A subject's full credit record, history included. */
export function getProfile(connection: Connection, input: ProfileInput, opts: CallOptions = {}) {
  return later(() => connection.call(endpoints.getProfile, { body: validate(ProfileRequest, input, 'profile request') }, opts));
}

export const listMatters = (connection: Connection, opts: CallOptions = {}) => connection.call(endpoints.listMatters, {}, opts);
export const listMeasures = (connection: Connection, opts: CallOptions = {}) => connection.call(endpoints.listMeasures, {}, opts);
export const listLists = (connection: Connection, opts: CallOptions = {}) => connection.call(endpoints.listLists, {}, opts);
export const listGradeScales = (connection: Connection, opts: CallOptions = {}) => connection.call(endpoints.listGradeScales, {}, opts);

export function signCommitment(connection: Connection, input: SignCommitmentInput, opts: CallOptions = {}) {
  return later(() => connection.call(endpoints.signCommitment, { body: validate(SignCommitmentRequest, input, 'commitment') }, opts));
}

export function searchCommitments(connection: Connection, input: CommitmentSearchInput, opts: CallOptions = {}) {
  return later(() =>
    connection.call(endpoints.searchCommitments, { body: validate(CommitmentSearchRequest, input, 'commitment search') }, opts),
  );
}

export function recordFulfilment(connection: Connection, commitmentId: string, input: FulfilmentInput, opts: CallOptions = {}) {
  return later(() =>
    connection.call(
      endpoints.recordFulfilment,
      { params: { commitmentId: resourceId(commitmentId, 'commitmentId') }, body: validate(FulfilmentRequest, input, 'fulfilment') },
      opts,
    ),
  );
}

export function createObjection(connection: Connection, input: ObjectionInput, opts: CallOptions = {}) {
  return later(() => connection.call(endpoints.createObjection, { body: validate(ObjectionRequest, input, 'objection') }, opts));
}

export function getObjection(connection: Connection, objectionId: string, opts: CallOptions = {}) {
  return later(() => connection.call(endpoints.getObjection, { params: { objectionId: resourceId(objectionId, 'objectionId') } }, opts));
}

export function decideObjection(connection: Connection, objectionId: string, input: ObjectionDecisionInput, opts: CallOptions = {}) {
  return later(() =>
    connection.call(
      endpoints.decideObjection,
      {
        params: { objectionId: resourceId(objectionId, 'objectionId') },
        body: validate(ObjectionDecisionRequest, input, 'objection decision'),
      },
      opts,
    ),
  );
}

/** Server side: mints a short-lived bearer token for a browser widget. Needs appId + appSecret. */
export function mintToken(connection: Connection, input: TokenInput, opts: CallOptions = {}) {
  return later(() => {
    if (!connection.options.appSecret) {
      throw new CreditCheckError('CONFIG', 'mintToken needs appId and appSecret (server side only)');
    }
    return connection.call(endpoints.createToken, { body: validate(TokenRequest, input, 'token request') }, opts);
  });
}

/** The platform's public receipt keys (JWKS), for verifyReceipt. */
export const getKeys = (connection: Connection, opts: CallOptions = {}) => connection.call(endpoints.getKeys, {}, opts);

export function getCoverage(connection: Connection, query: Partial<CoverageQuery> = {}, opts: CallOptions = {}) {
  return connection.call(endpoints.getCoverage, { query: { from: query.from, to: query.to, department: query.department } }, opts);
}
