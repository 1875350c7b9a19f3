import type { Commitment, LinkedSubject, ListEntry, Profile, SubjectRef } from '@credit-check/sdk/contract';
import { canSeePii, type Principal } from '../auth/principal.ts';
import { entryView } from '../domain/entries.ts';
import { type CommitmentRecord, type ObjectionRecord, type SubjectRecord, subjectKey } from '../domain/records.ts';
import { supervisionTier } from '../domain/tiers.ts';
import type { PlatformContext } from './context.ts';
import { commitmentView, gradeView, maskLinked, maskSubject, objectionView, subjectView } from './views.ts';

/**
 * What the platform knows about a subject today: its record, its entries with today's status
 * (objections applied), commitments, grade, and the linked subjects with their effective entries —
 * a legal representative carries the organisation's liability and the reverse (000 三(四); 003 §八).
 */
export function subjectFile(ctx: PlatformContext, idType: SubjectRecord['idType'], id: string, today: string) {
  const key = subjectKey(idType, id);
  const record = recordOf(ctx, key);
  const linkedRecords = linkedOf(ctx, record);
  const entryIds = [record, ...linkedRecords.map((l) => l.record)].flatMap((r) => r?.entries ?? []).map((e) => e.entryId);
  const objections = ctx.store.objectionsOf(entryIds);
  const linked: LinkedSubject[] = linkedRecords.map(({ relation, record: r }) => ({
    relation,
    subject: subjectView(r, { idType: r.idType, id: r.id }),
    activeEntries: entryViews(ctx, r, today, objections).filter((e) => e.effective),
  }));
  const entries = entryViews(ctx, record, today, objections);
  const commitments = commitmentsOf(ctx, key, record, today);
  return {
    key,
    record,
    objections,
    entries,
    commitments,
    grade: gradeView(record?.grade, ctx.catalog.gradeScales),
    // 分级分类监管 (002 (七)): the public grade and the industry/market evaluations, with its own records.
    supervision: supervisionTier({
      evaluations: [...(record?.grade ? [record.grade] : []), ...(record?.evaluations ?? [])],
      entries,
      commitments,
      scales: ctx.catalog.gradeScales,
      tiers: ctx.catalog.tiers,
    }),
    linked,
  };
}

/**
 * A subject's record: the seeded one with what the platform learnt since laid over it — entries
 * listed, repaired or revoked after seeding and a newer grade (the seed itself is immutable). A
 * subject first listed after seeding gets a record of its own.
 */
export function recordOf(ctx: PlatformContext, key: string): SubjectRecord | undefined {
  const seeded = ctx.subjects.subjects.get(key);
  const stored = ctx.store.entriesOf(key);
  const grade = ctx.store.gradeOf(key);
  if (stored.length === 0 && !grade) return seeded;
  const [idType, id] = key.split(':') as [SubjectRecord['idType'], string];
  const base: SubjectRecord = seeded ?? { idType, id, name: stored.find((s) => s.name)?.name ?? '' };
  const replaced = new Map(stored.map((s) => [s.entry.entryId, s.entry]));
  const entries = [
    ...(base.entries ?? []).map((e) => replaced.get(e.entryId) ?? e),
    ...stored.filter((s) => !base.entries?.some((e) => e.entryId === s.entry.entryId)).map((s) => s.entry),
  ];
  const history = base.gradeHistory ?? (base.grade ? [base.grade] : []);
  return {
    ...base,
    entries,
    ...(grade ? { grade, gradeHistory: [...history, grade] } : {}),
  };
}

/** POST /profiles: the whole file, history included, masked for callers without `pii:read`. */
export function profile(ctx: PlatformContext, principal: Principal, subject: SubjectRef): Profile {
  const { key, record, objections, entries, commitments, grade, linked } = subjectFile(ctx, subject.idType, subject.id, ctx.today());
  const own = new Set(entries.map((e) => e.entryId));
  const full: Profile = {
    subject: subjectView(record, subject),
    entries,
    commitments,
    grade,
    gradeHistory: (record?.gradeHistory ?? (record?.grade ? [record.grade] : []))
      .map((g) => gradeView(g, ctx.catalog.gradeScales))
      .filter((g) => g !== null),
    interviews: record?.interviews ?? [],
    objections: objections.filter((o) => own.has(o.entryId)).map(objectionView),
    linked,
    checks: ctx.store.checkStats(key),
  };
  if (canSeePii(principal)) return full;
  return {
    ...full,
    subject: maskSubject(full.subject),
    commitments: full.commitments.map((c) => ({ ...c, subject: maskSubject(c.subject) })),
    linked: maskLinked(full.linked),
  };
}

/** A subject's commitments, seeded and signed, newest first; seeded ones with their recorded fulfilment. */
export function commitmentsOf(ctx: PlatformContext, key: string, record: SubjectRecord | undefined, today: string): Commitment[] {
  const [idType, id] = key.split(':') as [SubjectRecord['idType'], string];
  const view = subjectView(record, { idType, id });
  return commitmentRecordsOf(ctx, key, record)
    .map((c) => commitmentView(c, view, today, ctx.catalog.matters))
    .sort((a, b) => b.signedAt.localeCompare(a.signedAt));
}

/** A subject's commitment records, seeded (with a fulfilment recorded since laid over) and signed. */
export function commitmentRecordsOf(ctx: PlatformContext, key: string, record: SubjectRecord | undefined): CommitmentRecord[] {
  const seeded = (record?.commitments ?? []).map((c) => {
    const fulfilment = ctx.store.getFulfilment(c.commitmentId);
    return fulfilment ? { ...c, fulfilment } : c;
  });
  return [...seeded, ...ctx.store.commitmentsOf(key)];
}

function entryViews(
  ctx: PlatformContext,
  record: SubjectRecord | undefined,
  today: string,
  objections: readonly ObjectionRecord[],
): ListEntry[] {
  return (record?.entries ?? []).flatMap((e) => {
    const list = ctx.lists.get(e.listCode);
    return list ? [entryView(e, list, today, objections)] : [];
  });
}

function linkedOf(ctx: PlatformContext, record: SubjectRecord | undefined) {
  const out: { relation: LinkedSubject['relation']; record: SubjectRecord }[] = [];
  if (record?.legalRepresentative) {
    const rep = recordOf(ctx, subjectKey('idcard', record.legalRepresentative));
    if (rep) out.push({ relation: 'legal-representative', record: rep });
  }
  for (const org of record?.represents ?? []) {
    const r = recordOf(ctx, subjectKey('uscc', org));
    if (r) out.push({ relation: 'represented-organisation', record: r });
  }
  return out;
}
