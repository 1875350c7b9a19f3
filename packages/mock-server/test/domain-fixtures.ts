import type { Commitment, Grade, LinkedSubject, ListEntry, Matter, SubjectView } from '@credit-check/sdk/contract';
import { MATTERS } from '../src/seed/catalog.ts';

/** Small builders for rule tests: plain data in, plain data out. */
export const TODAY = '2026-11-21';

export const matter = (code: string): Matter => {
  const m = MATTERS.find((x) => x.code === code);
  if (!m) throw new Error(code);
  return m;
};

export const entry = (over: Partial<ListEntry> & Pick<ListEntry, 'listType' | 'listCode'>): ListEntry => ({
  entryId: `ent_${over.listCode.toLowerCase()}`,
  listName: over.listCode,
  authority: '测试部门',
  basis: { kind: 'penalty', document: '测试〔2026〕1号', summary: '测试' },
  severity: 'serious',
  listedAt: '2026-06-01',
  publicationEndsAt: '2029-06-01',
  status: 'active',
  effective: true,
  repair: null,
  objection: null,
  ...over,
});

const subject: SubjectView = { idType: 'uscc', id: '91320100748204660Q', masked: false, name: '测试', found: true };

export const commitment = (over: Partial<Commitment> = {}): Commitment => ({
  commitmentId: 'cmt_1',
  subject,
  type: 'informed',
  matterCode: 'FOOD_BUSINESS_LICENCE',
  matterName: '食品经营许可',
  textVersion: 'v2026.1',
  signedAt: '2026-01-01T00:00:00.000Z',
  deadline: null,
  status: 'in-force',
  overdue: false,
  applicationId: null,
  missingMaterials: [],
  fulfilment: null,
  ...over,
});

export const grade = (level: string, goodStanding: boolean): Grade => ({
  scaleId: 'LOCAL-ABCD',
  level,
  label: { 'zh-CN': level, en: level },
  goodStanding,
  evaluatedAt: '2026-01-01',
});

export const linked = (relation: LinkedSubject['relation'], entries: ListEntry[]): LinkedSubject => ({
  relation,
  subject: { ...subject, idType: relation === 'legal-representative' ? 'idcard' : 'uscc', name: '关联主体' },
  activeEntries: entries,
});
