import { randomId } from '@credit-check/sdk/auth';
import type { Grade, ListEntry } from '@credit-check/sdk/contract';
import { entryView } from '../domain/entries.ts';
import { publicationEnd } from '../domain/publication.ts';
import { type EntryRecord, type SubjectRecord, subjectKey } from '../domain/records.ts';
import { problem } from '../problems.ts';
import type { EventRecord } from '../store/store.ts';
import type { PlatformContext } from './context.ts';
import { emit, type Known } from './events.ts';
import type { MockChange, MockEntryRequest } from './happenings.ts';
import { recordOf, subjectFile } from './subject-file.ts';
import { gradeView } from './views.ts';

/**
 * The mock's controls that make the supervision loop move (`/__mock/entries`, `/grades`,
 * `/clock`): each changes the platform's records as a listing authority, a credit repair or the
 * passing of time would, and emits through the same routing as the platform's own resources.
 */
const summary = (events: EventRecord[]): MockChange['events'] =>
  events.map((e) => ({ eventId: e.eventId, type: e.type, sequence: e.sequence }));

/**
 * An entry as the subject file shows it today (objections and repair applied: the same view), and
 * the subject's record it was read from — handed on to `emit`, so an event reads the subject once.
 * Only the entry is built, not the whole file (linked subjects, commitments, tier).
 */
export async function entryNow(ctx: PlatformContext, key: string, entryId: string): Promise<Known & { entry: ListEntry }> {
  const record = await recordOf(ctx, key);
  const stored = record?.entries?.find((e) => e.entryId === entryId);
  const list = stored && ctx.lists.get(stored.listCode);
  const objections = list ? await ctx.store.objectionsOf([entryId]) : [];
  return { entry: (stored && list ? entryView(stored, list, ctx.today(), objections) : undefined) as ListEntry, record };
}

/** POST /__mock/entries — 认定: the subject is listed today (defaults from the list's definition). */
export async function listEntry(ctx: PlatformContext, request: MockEntryRequest): Promise<MockChange> {
  const list = ctx.lists.get(request.listCode);
  if (!list) {
    throw problem('UNKNOWN_LIST', `名单类型 ${request.listCode} 不存在`, `No list ${request.listCode} (see GET /api/v1/catalog/lists)`);
  }
  const key = subjectKey(request.subject.idType, request.subject.id);
  const severity = request.severity ?? (list.listType === 'blacklist' ? 'serious' : list.listType === 'watchlist' ? 'general' : 'minor');
  const listedAt = request.listedAt ?? ctx.today();
  const entry: EntryRecord = {
    entryId: randomId('ent_', 12),
    listCode: list.code,
    severity,
    listedAt,
    publicationEndsAt: request.publicationEndsAt ?? publicationEnd(listedAt, severity),
    basis: request.basis ?? { kind: 'penalty', document: `沙箱认定〔${listedAt.slice(0, 4)}〕号`, summary: `经认定列入${list.name}` },
  };
  await ctx.store.putEntry({ subjectKey: key, name: request.subject.name ?? null, entry });
  const now = await entryNow(ctx, key, entry.entryId);
  const event = await emit(ctx, { type: 'entry.listed', key, entry: now.entry }, now);
  return { entry: now.entry, events: summary([event]) };
}

async function storedOrSeeded(ctx: PlatformContext, entryId: string): Promise<{ key: string; entry: EntryRecord; name: string | null }> {
  const stored = await ctx.store.getEntry(entryId);
  if (stored) return { key: stored.subjectKey, entry: stored.entry, name: stored.name };
  const key = ctx.subjects.entryOwners.get(entryId);
  const entry = key ? ctx.subjects.subjects.get(key)?.entries?.find((e) => e.entryId === entryId) : undefined;
  if (!key || !entry) throw problem('NOT_FOUND', `名单条目 ${entryId} 不存在`, `No list entry ${entryId}`);
  return { key, entry, name: null };
}

/** POST /__mock/entries/{id}/repair — 信用修复 completed today: publication and measures stop (000 三(六)). */
export function repairEntry(
  ctx: PlatformContext,
  entryId: string,
  method: NonNullable<EntryRecord['repair']>['method'] = 'rectification',
): Promise<MockChange> {
  return changeEntry(ctx, entryId, 'entry.repaired', (entry, today) => ({ ...entry, repair: { method, repairedAt: today } }));
}

/** POST /__mock/entries/{id}/revoke — 撤销 by the listing authority (001 (十六)). */
export function revokeEntry(ctx: PlatformContext, entryId: string): Promise<MockChange> {
  return changeEntry(ctx, entryId, 'entry.revoked', (entry, today) => ({ ...entry, revokedAt: today }));
}

async function changeEntry(
  ctx: PlatformContext,
  entryId: string,
  type: 'entry.repaired' | 'entry.revoked',
  change: (entry: EntryRecord, today: string) => EntryRecord,
): Promise<MockChange> {
  const { key, entry, name } = await storedOrSeeded(ctx, entryId);
  const before = (await entryNow(ctx, key, entryId)).entry;
  if (before.status === 'revoked') throw problem('ENTRY_REVOKED');
  if (before.status === 'repaired') throw problem('ENTRY_REPAIRED');
  await ctx.store.putEntry({ subjectKey: key, name, entry: change(entry, ctx.today()) });
  const now = await entryNow(ctx, key, entryId);
  return { entry: now.entry, events: summary([await emit(ctx, { type, key, entry: now.entry }, now)]) };
}

/** POST /__mock/grades — a new 公共信用综合评价 result (001 (六): 推送 to the departments). */
export async function setGrade(
  ctx: PlatformContext,
  idType: SubjectRecord['idType'],
  id: string,
  level: string,
  scaleId?: string,
): Promise<MockChange> {
  const key = subjectKey(idType, id);
  const before = await subjectFile(ctx, idType, id, ctx.today());
  const previous: Grade | null = gradeView(before.record?.grade, ctx.catalog.gradeScales);
  const publicScales = ctx.catalog.gradeScales.filter((s) => s.kind === 'public');
  const scale = publicScales.find((s) => s.scaleId === (scaleId ?? previous?.scaleId ?? publicScales[0]?.scaleId));
  if (!scale?.levels.some((l) => l.level === level)) {
    const levels = scale?.levels.map((l) => l.level).join('、') ?? '';
    const why = scale ? `评价等级 ${level} 不在等级表中（${levels}）` : `${scaleId} 不是公共信用综合评价的等级表`;
    throw problem(
      'VALIDATION_FAILED',
      why,
      scale ? `Level ${level} is not on the scale (${levels})` : `${scaleId} is not a public credit scale`,
    );
  }
  const record = { scaleId: scale.scaleId, level, evaluatedAt: ctx.today() };
  await ctx.store.putGrade(key, record);
  const grade = gradeView(record, ctx.catalog.gradeScales);
  // 分级分类 (002 (七)): the departments learn the tier the new grade puts the subject in.
  const after = await subjectFile(ctx, idType, id, ctx.today());
  const change = {
    type: 'grade.changed',
    key,
    grade,
    previous,
    tier: after.supervision.tier,
    previousTier: before.supervision.tier,
  } as const;
  return { grade, events: summary([await emit(ctx, change, after)]) };
}

/**
 * Fires what the passing of days brings, once per day (from the last sweep to today): entries
 * whose publication period ended (公示期满, 000 三(六)) and commitments reaching their deadline
 * while still in force (commitment.due). Called after the clock moves and by the server daily.
 */
export async function sweep(ctx: PlatformContext): Promise<EventRecord[]> {
  // Once however many instances share the store: the one that takes the sweep does it.
  return (await ctx.store.exclusive('sweep', () => sweepNow(ctx))) ?? [];
}

async function sweepNow(ctx: PlatformContext): Promise<EventRecord[]> {
  const today = ctx.today();
  const from = (await ctx.store.getMeta('events:swept')) ?? today;
  if (from >= today) return [];
  const events: EventRecord[] = [];
  // An entry is first shown expired the day after its period ends: from ≤ end < today.
  const ending = (e: EntryRecord) => e.publicationEndsAt >= from && e.publicationEndsAt < today;
  const candidates = new Map<string, { key: string; entryId: string }>();
  for (const [key, subject] of ctx.subjects.subjects) {
    for (const e of subject.entries ?? []) if (ending(e)) candidates.set(e.entryId, { key, entryId: e.entryId });
  }
  for (const s of await ctx.store.allEntries()) {
    if (ending(s.entry)) candidates.set(s.entry.entryId, { key: s.subjectKey, entryId: s.entry.entryId });
    else candidates.delete(s.entry.entryId);
  }
  for (const { key, entryId } of candidates.values()) {
    const now = await entryNow(ctx, key, entryId);
    if (now.entry.status === 'expired') events.push(await emit(ctx, { type: 'entry.expired', key, entry: now.entry }, now));
  }
  // 容缺受理 materials and 告知承诺 verification dates: due on the deadline itself.
  const due = (deadline: string | null) => deadline !== null && deadline > from && deadline <= today;
  const keys = new Set<string>();
  for (const [key, subject] of ctx.subjects.subjects) if (subject.commitments?.some((c) => due(c.deadline))) keys.add(key);
  for (const c of await ctx.store.allCommitments()) if (due(c.deadline)) keys.add(c.subjectKey);
  for (const key of keys) {
    const [idType, id] = key.split(':') as [SubjectRecord['idType'], string];
    const file = await subjectFile(ctx, idType, id, today);
    for (const commitment of file.commitments) {
      if (due(commitment.deadline) && commitment.status === 'in-force')
        events.push(await emit(ctx, { type: 'commitment.due', key, commitment }, file));
    }
  }
  await ctx.store.putMeta('events:swept', today);
  return events;
}

export { summary as eventSummary };
