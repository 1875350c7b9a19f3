import type {
  CommitmentStatus,
  CommitmentType,
  FulfilmentOutcome,
  IdType,
  ListDefinition,
  Matter,
  Measure,
  Severity,
} from '@credit-check/sdk/contract';

/**
 * The platform's own records (plain data). Seeded subjects are immutable; what callers change —
 * objections, signed commitments, fulfilments — lives in the store and is laid over them.
 */
export interface SubjectRecord {
  idType: IdType;
  /** Normalised identifier. */
  id: string;
  name: string;
  /** 公共信用综合评价 (a `public` scale). */
  grade?: GradeRecord;
  gradeHistory?: GradeRecord[];
  /** 行业信用评价 and 市场信用评价 (`industry`/`market` scales), one per scale (002 (六)(七)). */
  evaluations?: GradeRecord[];
  entries?: EntryRecord[];
  commitments?: CommitmentRecord[];
  interviews?: InterviewRecord[];
  /** Organisations: the 法定代表人's identifier (idcard). */
  legalRepresentative?: string;
  /** Persons: the organisations (USCC) he or she represents. */
  represents?: string[];
}

export interface GradeRecord {
  scaleId: string;
  level: string;
  evaluatedAt: string;
}

export interface EntryRecord {
  entryId: string;
  listCode: string;
  severity: Severity;
  /** Decision date (publication counts from it). */
  listedAt: string;
  publicationEndsAt: string;
  basis: { kind: 'judgment' | 'penalty' | 'enforcement' | 'other'; document: string; summary: string };
  repair?: {
    method: 'commitment' | 'rectification' | 'verification' | 'training' | 'credit-report' | 'public-service';
    repairedAt: string;
  };
  /** Revoked by the listing authority (撤销, 001 (十六)) on this date. */
  revokedAt?: string;
}

export interface CommitmentRecord {
  commitmentId: string;
  /** `${idType}:${id}` of the subject. */
  subjectKey: string;
  type: CommitmentType;
  matterCode: string | null;
  textVersion: string;
  signedAt: string;
  deadline: string | null;
  applicationId: string | null;
  missingMaterials: string[];
  fulfilment: FulfilmentRecord | null;
  /** The department that accepted the application on this commitment (事中事后监管 is routed to it). */
  department?: string | null;
  /** The app whose department accepted it (its subscriptions are routed by it); absent for seeded commitments. */
  appId?: string;
}

export interface FulfilmentRecord {
  outcome: FulfilmentOutcome;
  recordedAt: string;
  operator: string;
  note: string;
}

export interface ObjectionRecord {
  objectionId: string;
  entryId: string;
  subjectKey: string;
  status: 'pending' | 'upheld' | 'rejected';
  reason: string;
  contact: string | null;
  filedAt: string;
  decidedAt: string | null;
  decisionNote: string | null;
  /** The app that filed it (its filing is its own); absent for seeded objections and those filed before apps were recorded. */
  appId?: string;
}

export interface InterviewRecord {
  kind: 'reminder' | 'warning';
  date: string;
  authority: string;
  entryId: string | null;
}

/** The published catalogue the rules read: matters, list definitions, measures, grade scales and what each supervision tier means. */
export interface Catalog {
  matters: Matter[];
  lists: ListDefinition[];
  measures: Measure[];
  gradeScales: import('@credit-check/sdk/contract').GradeScale[];
  tiers: import('@credit-check/sdk/contract').TierDefinition[];
}

export const subjectKey = (idType: IdType, id: string): string => `${idType}:${id}`;

export function commitmentStatus(record: CommitmentRecord): CommitmentStatus {
  switch (record.fulfilment?.outcome) {
    case 'fulfilled':
      return 'fulfilled';
    case 'partly':
      return 'partly-fulfilled';
    case 'violated':
      return 'violated';
    default:
      return 'in-force';
  }
}
