import { randomId } from '@credit-check/sdk/auth';
import type { Commitment, CommitmentSearchRequest, FulfilmentRequest, SignCommitmentRequest } from '@credit-check/sdk/contract';
import { canSeePii, type Principal, speaksFor } from '../auth/principal.ts';
import { toleranceDeadlineProblem } from '../domain/commitments.ts';
import { eligibility } from '../domain/eligibility.ts';
import { type CommitmentRecord, type SubjectRecord, subjectKey } from '../domain/records.ts';
import { problem } from '../problems.ts';
import { allowMatter, matterOf } from './access.ts';
import { FOREVER, writeOnce } from './claims.ts';
import type { PlatformContext } from './context.ts';
import { emit } from './events.ts';
import { commitmentsOf, recordOf, subjectFile } from './subject-file.ts';
import { commitmentView, maskSubject, subjectView } from './views.ts';

/**
 * POST /commitments — 信用承诺 (002 (一)): the matter's standard text, current version; 告知承诺 and
 * 容缺受理 only where the matter offers them and the subject is eligible (001 (一)2; 004 1).
 */
export async function signCommitment(ctx: PlatformContext, principal: Principal, request: SignCommitmentRequest): Promise<Commitment> {
  const matter = matterOf(ctx, request.matter);
  allowMatter(principal, matter.code);
  if (!matter.commitmentText) throw problem('NOT_OFFERED', `事项“${matter.name}”没有信用承诺书`, 'The matter has no commitment text');
  if (request.type === 'informed' && !matter.informedCommitment) {
    throw problem('NOT_OFFERED', `事项“${matter.name}”不适用告知承诺`, 'The matter does not offer approval on commitment');
  }
  if (request.type === 'tolerance' && !matter.toleranceAcceptance) {
    throw problem('NOT_OFFERED', `事项“${matter.name}”不适用容缺受理`, 'The matter does not offer tolerance acceptance');
  }
  if (request.textVersion !== matter.commitmentText.version) {
    throw problem(
      'TEXT_VERSION',
      `承诺书当前版本为 ${matter.commitmentText.version}`,
      `The current text version is ${matter.commitmentText.version}`,
    );
  }
  const today = ctx.today();
  if (request.type === 'tolerance') {
    const out = toleranceDeadlineProblem(request.deadline as string, today);
    if (out)
      throw problem(
        'DEADLINE_INVALID',
        `补齐材料期限应在今天之后、${out.latest} 之前`,
        `The deadline must be after today and by ${out.latest}`,
      );
  }
  const { key, record, entries, commitments, grade } = await subjectFile(ctx, request.subject.idType, request.subject.id, today);
  if (request.type === 'informed' || request.type === 'tolerance') {
    const status = eligibility(matter, entries, commitments, grade);
    const item = request.type === 'informed' ? status.informedCommitment : status.toleranceAcceptance;
    if (!item.eligible) {
      throw problem(
        'NOT_ELIGIBLE',
        item.reasons.map((r) => r.message['zh-CN']).join('；'),
        item.reasons.map((r) => r.message.en).join('; '),
        { errors: item.reasons.map((r) => ({ pointer: '/subject', code: r.code, message: r.message })) },
      );
    }
  }
  const commitment: CommitmentRecord = {
    commitmentId: randomId('cmt_', 12),
    subjectKey: key,
    type: request.type,
    matterCode: matter.code,
    textVersion: request.textVersion,
    signedAt: ctx.nowIso(),
    deadline: request.deadline ?? null,
    applicationId: request.applicationId ?? null,
    missingMaterials: request.missingMaterials ?? [],
    fulfilment: null,
    department: principal.kind === 'token' ? principal.department : matter.department,
    appId: principal.appId,
  };
  await ctx.store.putCommitment(commitment);
  return presentCommitment(ctx, principal, commitment, record);
}

/** POST /commitments/search: a subject's commitments, filtered by matter and status. */
export async function searchCommitments(
  ctx: PlatformContext,
  principal: Principal,
  request: CommitmentSearchRequest,
): Promise<{ commitments: Commitment[] }> {
  const key = subjectKey(request.subject.idType, request.subject.id);
  let list = await commitmentsOf(ctx, key, await recordOf(ctx, key), ctx.today());
  if (request.matter) list = list.filter((c) => c.matterCode === request.matter);
  if (request.status) list = list.filter((c) => c.status === request.status);
  if (!canSeePii(principal)) list = list.map((c) => ({ ...c, subject: maskSubject(c.subject) }));
  return { commitments: list };
}

/** POST /commitments/{id}/fulfilment: fulfilled, partly or violated (违诺), recorded once (000 一(一)). */
export async function recordFulfilment(
  ctx: PlatformContext,
  principal: Principal,
  commitmentId: string,
  request: FulfilmentRequest,
): Promise<Commitment> {
  const fulfilment = { outcome: request.outcome, recordedAt: ctx.nowIso(), operator: request.operator, note: request.note ?? '' };
  const signed = await ctx.store.getCommitment(commitmentId);
  const seeded = ctx.seededCommitments.get(commitmentId);
  const record = signed ?? seeded;
  // Whether a promise was kept is for the department that accepted on it — the matter's 审批部门 —
  // or the credit office to say (000 一(一); 002 (一)), never a window: to another authority the
  // commitment is not there.
  const department = (record?.matterCode ? ctx.matters.get(record.matterCode)?.department : undefined) ?? record?.department;
  if (!record || !speaksFor(principal, department ?? '信用办')) {
    throw problem('NOT_FOUND', `承诺 ${commitmentId} 不存在`, `No commitment ${commitmentId}`);
  }
  const recorded = async () => (signed ? signed.fulfilment : ((await ctx.store.getFulfilment(commitmentId)) ?? seeded?.fulfilment ?? null));
  const exists = (current: NonNullable<CommitmentRecord['fulfilment']> | null) =>
    current
      ? problem(
          'FULFILMENT_EXISTS',
          `该承诺已于 ${current.recordedAt} 记录为“${current.outcome}”`,
          `Already recorded as ${current.outcome}`,
        )
      : problem('FULFILMENT_EXISTS', '该承诺的履约情况已在记录中', 'A fulfilment is being recorded for this commitment');
  const current = await recorded();
  if (current) throw exists(current);
  // Recorded once, also when two requests (two instances) record at the same moment: the store
  // decides which claim is first; the other is told it exists.
  // Seeded commitments are immutable: the fulfilment is laid over them from the store.
  const updated: CommitmentRecord = { ...record, fulfilment };
  const write = () => (signed ? ctx.store.putCommitment(updated) : ctx.store.putFulfilment(commitmentId, fulfilment));
  if (!(await writeOnce(ctx.store, `fulfilment:${commitmentId}`, FOREVER, write))) throw exists(await recorded());
  const subject = await recordOf(ctx, record.subjectKey);
  // 事中事后 (002 (一)): whoever accepted on this commitment, and the routes of the subject, hear it.
  await emit(
    ctx,
    {
      type: request.outcome === 'violated' ? 'commitment.violated' : 'commitment.fulfilled',
      key: record.subjectKey,
      commitment: presentCommitment(ctx, { kind: 'app', appId: 'platform' }, updated, subject),
    },
    { record: subject },
  );
  return presentCommitment(ctx, principal, updated, subject);
}

function presentCommitment(
  ctx: PlatformContext,
  principal: Principal,
  record: CommitmentRecord,
  subject: SubjectRecord | undefined,
): Commitment {
  const [idType, id] = record.subjectKey.split(':') as [SubjectRecord['idType'], string];
  const view = commitmentView(record, subjectView(subject, { idType, id }), ctx.today(), ctx.catalog.matters);
  return canSeePii(principal) ? view : { ...view, subject: maskSubject(view.subject) };
}
