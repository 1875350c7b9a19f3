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
export async function subjectFile(ctx: PlatformContext, idType: SubjectRecord['idType'], id: string, today: string) {
  const key = subjectKey(idType, id);
  const record = await recordOf(ctx, key);
  const linkedRecords = await linkedOf(ctx, record);
  const entryIds = [record, ...linkedRecords.map((l) => l.record)].flatMap((r) => r?.entries ?? []).map((e) => e.entryId);
  const objections = await ctx.store.objectionsOf(entryIds);
  const linked: LinkedSubject[] = linkedRecords.map(({ relation, record: r }) => ({
    relation,
    subject: subjectView(r, { idType: r.idType, id: r.id }),
    activeEntries: entryViews(ctx, r, today, objections).filter((e) => e.effective),
  }));
  const entries = entryViews(ctx, record, today, objections);
  const commitments = await commitmentsOf(ctx, key, record, today);
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
export async function recordOf(ctx: PlatformContext, key: string): Promise<SubjectRecord | undefined> {
  const seeded = ctx.subjects.subjects.get(key);
  const [stored, grade] = await Promise.all([ctx.store.entriesOf(key), ctx.store.gradeOf(key)]);
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
export async function profile(ctx: PlatformContext, principal: Principal, subject: SubjectRef): Promise<Profile> {
  const { key, record, objections, entries, commitments, grade, linked } = await subjectFile(ctx, subject.idType, subject.id, ctx.today());
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
    checks: await ctx.store.checkStats(key),
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
export async function commitmentsOf(
  ctx: PlatformContext,
  key: string,
  record: SubjectRecord | undefined,
  today: string,
): Promise<Commitment[]> {
  const [idType, id] = key.split(':') as [SubjectRecord['idType'], string];
  const view = subjectView(record, { idType, id });
  return (await commitmentRecordsOf(ctx, key, record))
    .map((c) => commitmentView(c, view, today, ctx.catalog.matters))
    .sort((a, b) => b.signedAt.localeCompare(a.signedAt));
}

/** A subject's commitment records, seeded (with a fulfilment recorded since laid over) and signed. */
export async function commitmentRecordsOf(
  ctx: PlatformContext,
  key: string,
  record: SubjectRecord | undefined,
): Promise<CommitmentRecord[]> {
  const [fulfilments, signed] = await Promise.all([
    Promise.all((record?.commitments ?? []).map((c) => ctx.store.getFulfilment(c.commitmentId))),
    ctx.store.commitmentsOf(key),
  ]);
  const seeded = (record?.commitments ?? []).map((c, i) => {
    const fulfilment = fulfilments[i];
    return fulfilment ? { ...c, fulfilment } : c;
  });
  return [...seeded, ...signed];
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

async function linkedOf(ctx: PlatformContext, record: SubjectRecord | undefined) {
  const wanted: [LinkedSubject['relation'], string][] = [
    ...(record?.legalRepresentative
      ? [['legal-representative', subjectKey('idcard', record.legalRepresentative)] as [LinkedSubject['relation'], string]]
      : []),
    ...(record?.represents ?? []).map((org): [LinkedSubject['relation'], string] => ['represented-organisation', subjectKey('uscc', org)]),
  ];
  const records = await Promise.all(wanted.map(([, key]) => recordOf(ctx, key)));
  const out: { relation: LinkedSubject['relation']; record: SubjectRecord }[] = [];
  records.forEach((r, i) => {
    if (r) out.push({ relation: (wanted[i] as [LinkedSubject['relation'], string])[0], record: r });
  });
  return out;
}
