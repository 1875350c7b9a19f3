import { PUBLICATION_MONTHS, publicationEnd } from '../domain/publication.ts';
import { type CommitmentRecord, type EntryRecord, type SubjectRecord, subjectKey } from '../domain/records.ts';
import { LISTS, MATTERS } from './catalog.ts';
import { makeIdNumber, makeUscc, REGIONS } from './identifiers.ts';
import { companyName, personName } from './names.ts';
import { Random } from './prng.ts';
import { scenarios, supportingSubjects } from './scenarios.ts';

/** All subjects the platform holds, by `${idType}:${id}`, and list entries by id. */
export interface SubjectIndex {
  readonly subjects: Map<string, SubjectRecord>;
  /** entryId → subject key, for objections. */
  readonly entryOwners: Map<string, string>;
  /** How many were generated (beyond the scenario subjects). */
  readonly generated: number;
}

export interface SeedOptions {
  /** Generated subjects on top of the scenario subjects. */
  count: number;
  /** PRNG seed: the same seed gives the same subjects. */
  seed: string;
  /** The platform's today (scenario dates are relative to it). */
  today: string;
}

const BLACK = LISTS.filter((l) => l.listType === 'blacklist').map((l) => l.code);
const WATCH = LISTS.filter((l) => l.listType === 'watchlist').map((l) => l.code);
const RED = LISTS.filter((l) => l.listType === 'redlist').map((l) => l.code);
const COMMITMENT_TYPES = ['informed', 'tolerance', 'certification', 'self-discipline', 'voluntary'] as const;
const REPAIR_METHODS = ['commitment', 'rectification', 'training', 'credit-report', 'public-service'] as const;

function addIndexes(index: SubjectIndex, subject: SubjectRecord): void {
  const key = subjectKey(subject.idType, subject.id);
  index.subjects.set(key, subject);
  for (const e of subject.entries ?? []) index.entryOwners.set(e.entryId, key);
}

/**
 * Builds the subject index: the named scenario subjects plus `count` generated ones — valid
 * USCCs (with a valid GB 11714 part) and 身份证 numbers, plausible names, ~5 % with entries
 * across all list types, commitments with outcomes, grades, legal representatives.
 */
export function buildSubjects(options: SeedOptions): SubjectIndex {
  const index: SubjectIndex = { subjects: new Map(), entryOwners: new Map(), generated: options.count };
  for (const s of scenarios(options.today)) addIndexes(index, s.subject);
  for (const s of supportingSubjects()) addIndexes(index, s);

  const random = new Random(options.seed);
  const persons: SubjectRecord[] = [];
  const personCount = Math.round(options.count * 0.3);
  let made = 0;
  while (made < options.count) {
    const isPerson = made < personCount;
    const [region, city] = random.pick(REGIONS);
    let subject: SubjectRecord;
    if (isPerson) {
      const birth = random.date('1950-01-01', '2004-12-31');
      const id = makeIdNumber(region, birth, random.int(1000));
      subject = { idType: 'idcard', id, name: personName(random) };
    } else {
      const authority = random.weighted([
        ['9', 85],
        ['5', 5],
        ['1', 5],
        ['Y', 5],
      ] as const);
      const category =
        authority === '9'
          ? random.weighted([
              ['1', 80],
              ['2', 15],
              ['3', 5],
            ] as const)
          : '1';
      const id = makeUscc(authority, category, region, random);
      subject = { idType: 'uscc', id, name: companyName(city, category, random) };
      if (random.chance(0.9)) {
        subject.grade = {
          scaleId: 'LOCAL-ABCD',
          level: random.weighted([
            ['A', 30],
            ['B', 50],
            ['C', 15],
            ['D', 5],
          ] as const),
          evaluatedAt: random.date('2026-01-01', '2026-10-31'),
        };
      }
      const evaluation = industryEvaluation(id);
      if (evaluation) subject.evaluations = [evaluation];
      const rep = persons.length > 0 ? random.pick(persons) : undefined;
      if (rep) {
        subject.legalRepresentative = rep.id;
        if (rep.represents) rep.represents.push(id);
        else rep.represents = [id];
      }
      if (random.chance(0.03)) subject.commitments = [commitment(subject, made, random)];
    }
    const key = subjectKey(subject.idType, subject.id);
    if (index.subjects.has(key)) continue; // an identifier collision: draw again
    if (random.chance(0.05)) subject.entries = entries(subject, made, city, random);
    addIndexes(index, subject);
    if (isPerson) persons.push(subject);
    made++;
  }
  return index;
}

/** Industry scales held for some organisations, and their levels, best first. */
const INDUSTRY: readonly [string, readonly string[]][] = [
  ['TAX-CREDIT', ['A', 'B', 'B', 'M', 'C', 'D']],
  ['FOOD-SAFETY', ['A', 'B', 'B', 'C']],
  ['CONSTRUCTION-MARKET', ['A', 'B', 'B', 'C', 'D']],
];

/**
 * A 行业信用评价 for about 30 % of organisations, derived from the identifier itself (not drawn from
 * the seeded generator: earlier subjects and their identifiers stay exactly as they were).
 */
function industryEvaluation(id: string): SubjectRecord['grade'] {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619) >>> 0;
  if (h % 10 >= 3) return undefined;
  const [scaleId, levels] = INDUSTRY[(h >>> 8) % INDUSTRY.length] as (typeof INDUSTRY)[number];
  return { scaleId, level: levels[(h >>> 12) % levels.length] as string, evaluatedAt: '2026-06-30' };
}

function entries(subject: SubjectRecord, n: number, city: string, random: Random): EntryRecord[] {
  const count = random.chance(0.8) ? 1 : 2;
  const out: EntryRecord[] = [];
  for (let k = 0; k < count; k++) {
    const type =
      subject.idType === 'idcard'
        ? 'blacklist'
        : random.weighted([
            ['blacklist', 45],
            ['watchlist', 30],
            ['redlist', 25],
          ] as const);
    const listCode =
      subject.idType === 'idcard'
        ? random.weighted([
            ['COURT_DISHONEST_DEBTOR', 85],
            ['TAX_SERIOUS_VIOLATION', 15],
          ] as const)
        : random.pick(type === 'blacklist' ? BLACK : type === 'watchlist' ? WATCH : RED);
    const severity =
      type === 'blacklist'
        ? random.weighted([
            ['serious', 70],
            ['general', 30],
          ] as const)
        : type === 'watchlist'
          ? random.weighted([
              ['general', 70],
              ['minor', 30],
            ] as const)
          : 'general';
    const listedAt = random.date('2021-01-01', '2026-10-31');
    const band = PUBLICATION_MONTHS[severity];
    const requested = band.min + random.int(band.max - band.min + 1);
    const year = listedAt.slice(0, 4);
    const basis: EntryRecord['basis'] =
      listCode === 'COURT_DISHONEST_DEBTOR'
        ? { kind: 'judgment', document: `（${year}）执${1000 + random.int(9000)}号`, summary: '有履行能力而拒不履行生效法律文书确定的义务' }
        : type === 'redlist'
          ? { kind: 'other', document: `${city}信〔${year}〕${1 + random.int(99)}号`, summary: '经评定列入守信激励对象' }
          : { kind: 'penalty', document: `${city}罚〔${year}〕${1 + random.int(999)}号`, summary: '违法失信行为经依法认定' };
    const entry: EntryRecord = {
      entryId: `ent_${n.toString(36)}_${k}`,
      listCode,
      severity,
      listedAt,
      publicationEndsAt: publicationEnd(listedAt, severity, requested),
      basis,
    };
    if (type !== 'redlist' && random.chance(0.1)) {
      entry.repair = { method: random.pick(REPAIR_METHODS), repairedAt: random.date(listedAt, '2026-11-01') };
    }
    out.push(entry);
  }
  return out;
}

function commitment(subject: SubjectRecord, n: number, random: Random): CommitmentRecord {
  const type = random.pick(COMMITMENT_TYPES);
  const matter = random.pick(MATTERS);
  const signed = random.date('2024-01-01', '2026-10-31');
  const deadline = type === 'tolerance' ? new Date(Date.parse(signed) + 30 * 86_400_000).toISOString().slice(0, 10) : null;
  const outcome = random.weighted([
    [null, 40],
    ['fulfilled', 45],
    ['partly', 8],
    ['violated', 7],
  ] as const);
  return {
    commitmentId: `cmt_${n.toString(36)}`,
    subjectKey: subjectKey(subject.idType, subject.id),
    type,
    matterCode: type === 'voluntary' || type === 'self-discipline' ? null : matter.code,
    textVersion: 'v2026.1',
    signedAt: `${signed}T02:00:00.000Z`,
    deadline,
    applicationId: null,
    missingMaterials: type === 'tolerance' ? ['补正材料'] : [],
    fulfilment: outcome ? { outcome, recordedAt: `${deadline ?? signed}T08:00:00.000Z`, operator: '核查员', note: '' } : null,
  };
}
