import { randomId } from '@credit-check/sdk/auth';
import type { Objection, ObjectionDecisionRequest, ObjectionRequest } from '@credit-check/sdk/contract';
import { type Principal, speaksFor } from '../auth/principal.ts';
import { decideObjection as decide, objectionRefusal } from '../domain/objections.ts';
import { type ObjectionRecord, subjectKey } from '../domain/records.ts';
import { problem } from '../problems.ts';
import { FOREVER, writeOnce } from './claims.ts';
import type { PlatformContext } from './context.ts';
import { emit } from './events.ts';
import { entryNow } from './supervision.ts';
import { objectionView } from './views.ts';

/** How long a filing holds its claim: far longer than one filing takes, short enough to heal a crash. */
const FILING_CLAIM_MS = 60_000;

/** POST /objections — 异议 (001 (十六); 002 (十九)): the entry shows under-objection until decided. */
export async function createObjection(ctx: PlatformContext, principal: Principal, request: ObjectionRequest): Promise<Objection> {
  const owner = ctx.subjects.entryOwners.get(request.entryId) ?? (await ctx.store.getEntry(request.entryId))?.subjectKey;
  if (!owner) throw problem('UNKNOWN_ENTRY', `名单条目 ${request.entryId} 不存在`, `No list entry ${request.entryId}`);
  if (owner !== subjectKey(request.subject.idType, request.subject.id)) {
    throw problem('UNKNOWN_ENTRY', '该名单条目不属于所填主体', 'The entry does not belong to this subject');
  }
  const filed = await ctx.store.objectionsOf([request.entryId]);
  const refusal = objectionRefusal(filed);
  if (refusal) throw problem(refusal);
  // One pending at a time also when several arrive at once (instances over one database): they all
  // read the same objections, and the store's claim on "the next one" lets exactly one file it. The
  // claim expires, so a filing that failed half-way does not block the entry for good.
  const record: ObjectionRecord = {
    objectionId: randomId('obj_', 12),
    entryId: request.entryId,
    subjectKey: owner,
    status: 'pending',
    reason: request.reason,
    contact: request.contact ?? null,
    filedAt: ctx.nowIso(),
    decidedAt: null,
    decisionNote: null,
    appId: principal.appId,
  };
  const claim = `objection:${request.entryId}:${filed.length}`;
  if (!(await writeOnce(ctx.store, claim, Date.now() + FILING_CLAIM_MS, () => ctx.store.putObjection(record)))) {
    throw problem('OBJECTION_PENDING');
  }
  const now = await entryNow(ctx, owner, request.entryId);
  await emit(ctx, { type: 'entry.changed', key: owner, entry: now.entry, change: 'objection-raised' }, now);
  return objectionView(record);
}

/**
 * An objection as this caller may know it: its filing belongs to the app that filed it (and that
 * app's tokens), and to the authority that decides it — the entry's 认定部门 or the credit office.
 * To anyone else it does not exist (404, as another app's check). Seeded objections and those filed
 * before filings recorded their app are the subject's record, open to all.
 */
async function knownObjection(ctx: PlatformContext, principal: Principal, objectionId: string) {
  const record = await ctx.store.getObjection(objectionId);
  const authority = record && (await entryNow(ctx, record.subjectKey, record.entryId)).entry?.authority;
  const decides = authority !== undefined && speaksFor(principal, authority);
  if (!record || !(record.appId === undefined || record.appId === principal.appId || decides)) {
    throw problem('NOT_FOUND', `异议 ${objectionId} 不存在`, `No objection ${objectionId}`);
  }
  return { record, decides };
}

export async function getObjection(ctx: PlatformContext, principal: Principal, objectionId: string): Promise<Objection> {
  return objectionView((await knownObjection(ctx, principal, objectionId)).record);
}

/**
 * POST /objections/{id}/decision: the listing authority (认定部门) or the credit office decides once
 * (001 (十六); 002 (十九); 004 32) — never the window that filed it; upheld revokes the entry.
 */
export async function decideObjection(
  ctx: PlatformContext,
  principal: Principal,
  objectionId: string,
  request: ObjectionDecisionRequest,
): Promise<Objection> {
  const { record, decides } = await knownObjection(ctx, principal, objectionId);
  if (!decides) {
    throw problem(
      'FORBIDDEN',
      '该异议涉及的名单条目不由本应用所代表的认定部门认定，应由认定部门或信用办处理',
      'The entry was listed by an authority this app does not speak for: its authority or the credit office decides',
    );
  }
  const decided = decide(record, request.outcome, request.note, ctx.nowIso());
  // Decided once, also when two decisions arrive at once (two instances): the store's claim decides.
  if (!decided || !(await writeOnce(ctx.store, `decision:${objectionId}`, FOREVER, () => ctx.store.putObjection(decided)))) {
    throw problem('OBJECTION_DECIDED');
  }
  const key = record.subjectKey;
  const now = await entryNow(ctx, key, record.entryId);
  const { entry } = now;
  // Upheld: the entry is revoked (001 (十六)); rejected: it stands, and the departments are told so.
  if (decided.status === 'upheld') await emit(ctx, { type: 'entry.revoked', key, entry }, now);
  else await emit(ctx, { type: 'entry.changed', key, entry, change: 'objection-rejected' }, now);
  return objectionView(decided);
}
