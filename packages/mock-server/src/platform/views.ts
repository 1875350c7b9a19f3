import type { Check, Commitment, Grade, GradeScale, LinkedSubject, Matter, Objection, SubjectView } from '@credit-check/sdk/contract';
import { maskIdNumber, maskPersonName } from '@credit-check/sdk/identifiers';
import { isOverdue } from '../domain/commitments.ts';
import { type CommitmentRecord, commitmentStatus, type GradeRecord, type ObjectionRecord, type SubjectRecord } from '../domain/records.ts';

/** A subject as the platform returns it, unmasked; `mask` applies per caller on the way out. */
export function subjectView(
  record: SubjectRecord | undefined,
  ref: { idType: SubjectRecord['idType']; id: string; name?: string | undefined },
): SubjectView {
  return { idType: ref.idType, id: ref.id, masked: false, name: record?.name ?? ref.name ?? null, found: record !== undefined };
}

/** 身份证 numbers and persons' names masked (003 §四; 002 (十八)); organisations are public. */
export function maskSubject(subject: SubjectView): SubjectView {
  if (subject.idType !== 'idcard' || subject.masked) return subject;
  return { ...subject, id: maskIdNumber(subject.id), name: subject.name === null ? null : maskPersonName(subject.name), masked: true };
}

export function maskCheck(check: Check): Check {
  return {
    ...check,
    subject: maskSubject(check.subject),
    commitments: check.commitments.map((c) => ({ ...c, subject: maskSubject(c.subject) })),
    linked: check.linked.map((l) => ({ ...l, subject: maskSubject(l.subject) })),
  };
}

export function maskLinked(linked: LinkedSubject[]): LinkedSubject[] {
  return linked.map((l) => ({ ...l, subject: maskSubject(l.subject) }));
}

export function commitmentView(
  record: CommitmentRecord,
  subject: SubjectView,
  today: string,
  matters: readonly Pick<Matter, 'code' | 'name'>[],
): Commitment {
  const { fulfilment } = record;
  const status = commitmentStatus(record);
  return {
    commitmentId: record.commitmentId,
    subject,
    type: record.type,
    matterCode: record.matterCode,
    matterName: matters.find((m) => m.code === record.matterCode)?.name ?? null,
    textVersion: record.textVersion,
    signedAt: record.signedAt,
    deadline: record.deadline,
    status,
    overdue: isOverdue(status, record.deadline, today),
    applicationId: record.applicationId,
    missingMaterials: record.missingMaterials,
    fulfilment,
  };
}

export function gradeView(grade: GradeRecord | undefined, scales: readonly GradeScale[]): Grade | null {
  if (!grade) return null;
  const level = scales.find((s) => s.scaleId === grade.scaleId)?.levels.find((l) => l.level === grade.level);
  if (!level) return null;
  return {
    scaleId: grade.scaleId,
    level: grade.level,
    label: level.label,
    goodStanding: level.goodStanding,
    evaluatedAt: grade.evaluatedAt,
  };
}

/** An objection (异议) as the platform returns it. */
export function objectionView(o: ObjectionRecord): Objection {
  return {
    objectionId: o.objectionId,
    entryId: o.entryId,
    status: o.status,
    reason: o.reason,
    filedAt: o.filedAt,
    decidedAt: o.decidedAt,
    decisionNote: o.decisionNote,
  };
}
