import type { CheckRequest, SupervisionTier, Verdict } from '@credit-check/sdk/contract';
import { addMonths, publicationEnd } from '../domain/publication.ts';
import type { EntryRecord, ObjectionRecord, SubjectRecord } from '../domain/records.ts';
import { DEMO_MATTERS } from './catalog.ts';
import type { ScenarioList } from './scenario-list.ts';

type DemoMatter = (typeof DEMO_MATTERS)[number];

export interface Scenario {
  id: string;
  title: string;
  description: string;
  subject: SubjectRecord;
  /** The verdict each demo matter must yield (asserted by the scenario tests and the sandbox guide's table, docs/guide/sandbox.md). */
  verdicts: Record<DemoMatter, Verdict>;
  /** The supervision tier it must get (分级分类, 002 (七): its grades and its own records). */
  tier: SupervisionTier;
}

/** The window and operator the scenario requests are made by (one 综合窗口 of the service hall). */
export const DEMO_CONTEXT = { department: '苏州市政务服务中心', operator: 'window-01', channel: 'window' } as const;

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The named scenario subjects: one per rule of the domain. Their dates are relative to the
 * platform's "today" so the verdicts promised here hold whenever the sandbox runs.
 */
export function scenarios(today: string): Scenario[] {
  const ago = (days: number) => addDays(today, -days);
  const entry = (
    entryId: string,
    listCode: string,
    listedDaysAgo: number,
    severity: EntryRecord['severity'],
    basis: EntryRecord['basis'],
    extra: Partial<EntryRecord> = {},
  ): EntryRecord => {
    const listedAt = ago(listedDaysAgo);
    return { entryId, listCode, severity, listedAt, publicationEndsAt: publicationEnd(listedAt, severity), basis, ...extra };
  };
  const v = (food: Verdict, construction: Verdict, procurement: Verdict) => ({
    FOOD_BUSINESS_LICENCE: food,
    CONSTRUCTION_PERMIT: construction,
    PROCUREMENT_SUPPLIER: procurement,
  });
  return [
    {
      id: 'clean',
      title: '守信主体：无不良记录',
      description: 'No entries, grade A, a fulfilled 告知承诺: clear everywhere, both fast routes open.',
      subject: {
        idType: 'uscc',
        id: '91320100748204660Q',
        name: '南京清源食品有限公司',
        grade: { scaleId: 'LOCAL-ABCD', level: 'A', evaluatedAt: ago(120) },
        // 行业信用评价 beside the public one (002 (七)): both good → fewer inspections.
        evaluations: [{ scaleId: 'FOOD-SAFETY', level: 'A', evaluatedAt: ago(90) }],
        legalRepresentative: '320102199003010452',
        commitments: [
          {
            commitmentId: 'cmt_scn_clean_1',
            subjectKey: 'uscc:91320100748204660Q',
            type: 'informed',
            matterCode: 'FOOD_BUSINESS_LICENCE',
            textVersion: 'v2026.1',
            signedAt: `${ago(200)}T02:00:00.000Z`,
            deadline: null,
            applicationId: 'SZ-2026-000101',
            missingMaterials: [],
            fulfilment: { outcome: 'fulfilled', recordedAt: `${ago(150)}T03:00:00.000Z`, operator: '核查员01', note: '现场核查一致' },
          },
        ],
      },
      verdicts: v('clear', 'clear', 'clear'),
      tier: 'reduced',
    },
    {
      id: 'blacklist-procurement',
      title: '政府采购严重违法失信：仅限制采购类事项',
      description: 'On the procurement blacklist: restricted for procurement only; other matters are informed.',
      subject: {
        idType: 'uscc',
        id: '91320505MA1PC0Q10W',
        name: '苏州华信建材有限公司',
        grade: { scaleId: 'LOCAL-ABCD', level: 'C', evaluatedAt: ago(90) },
        legalRepresentative: '320505197805121236',
        entries: [
          entry('ent_scn_procurement', 'PROCUREMENT_SERIOUS', 60, 'serious', {
            kind: 'penalty',
            document: '苏财购罚〔2026〕17号',
            summary: '提供虚假材料谋取中标，处以罚款并列入不良行为记录名单',
          }),
        ],
      },
      verdicts: v('notice', 'notice', 'restrict'),
      tier: 'increased',
    },
    {
      id: 'court-debtor',
      title: '失信被执行人：采购受限，审批从严',
      description: 'A judgment debtor: procurement restricted, approvals strictly reviewed; a warning interview on file.',
      subject: {
        idType: 'uscc',
        id: '91140105MA0CD7K21J',
        name: '太原宏远建筑工程有限公司',
        grade: { scaleId: 'LOCAL-ABCD', level: 'D', evaluatedAt: ago(60) },
        legalRepresentative: '140106197206180315',
        entries: [
          entry('ent_scn_court', 'COURT_DISHONEST_DEBTOR', 45, 'serious', {
            kind: 'judgment',
            document: '（2026）晋0105执1234号',
            summary: '有履行能力而拒不履行生效法律文书确定的给付义务',
          }),
        ],
        interviews: [{ kind: 'warning', date: ago(20), authority: '太原市发展和改革委员会', entryId: 'ent_scn_court' }],
      },
      verdicts: v('caution', 'caution', 'restrict'),
      tier: 'increased',
    },
    {
      id: 'watchlist',
      title: '经营异常名录：提示，采购从严',
      description: 'In the abnormal-operations directory: notice everywhere, strict review for procurement.',
      subject: {
        idType: 'uscc',
        id: '92320583MA1WL3T48G',
        name: '昆山瑞丰小吃店',
        grade: { scaleId: 'LOCAL-ABCD', level: 'B', evaluatedAt: ago(100) },
        entries: [
          entry('ent_scn_watch', 'ABNORMAL_OPERATION', 40, 'general', {
            kind: 'enforcement',
            document: '昆市监异〔2026〕88号',
            summary: '未按规定期限公示年度报告',
          }),
        ],
        interviews: [{ kind: 'reminder', date: ago(10), authority: '昆山市市场监督管理局', entryId: 'ent_scn_watch' }],
      },
      verdicts: v('notice', 'notice', 'caution'),
      tier: 'increased',
    },
    {
      id: 'redlist',
      title: '红名单：纳税信用A级，加速办理',
      description: 'Taxpayer graded A: clear with fast-track (守信激励).',
      subject: {
        idType: 'uscc',
        id: '91371003MA3RD5H69X',
        name: '威海正泰机械制造股份有限公司',
        grade: { scaleId: 'LOCAL-ABCD', level: 'A', evaluatedAt: ago(30) },
        evaluations: [{ scaleId: 'TAX-CREDIT', level: 'A', evaluatedAt: ago(60) }],
        entries: [
          entry('ent_scn_red', 'TAX_A_GRADE', 100, 'general', {
            kind: 'other',
            document: '威税公告〔2026〕3号',
            summary: '2025年度纳税信用评价为A级',
          }),
        ],
        commitments: [
          {
            commitmentId: 'cmt_scn_red_1',
            subjectKey: 'uscc:91371003MA3RD5H69X',
            type: 'voluntary',
            matterCode: null,
            textVersion: 'v2026.1',
            signedAt: `${ago(300)}T01:00:00.000Z`,
            deadline: null,
            applicationId: null,
            missingMaterials: [],
            fulfilment: null,
          },
        ],
      },
      verdicts: v('clear', 'clear', 'clear'),
      tier: 'reduced',
    },
    {
      id: 'violated-commitment',
      title: '违背容缺受理承诺：从严审核',
      description: 'Missed a 容缺受理 deadline and the promise was recorded violated: caution, no fast routes.',
      subject: {
        idType: 'uscc',
        id: '91210602MA0WC8N18R',
        name: '丹东德润食品有限公司',
        grade: { scaleId: 'LOCAL-ABCD', level: 'B', evaluatedAt: ago(200) },
        commitments: [
          {
            commitmentId: 'cmt_scn_violated_1',
            subjectKey: 'uscc:91210602MA0WC8N18R',
            type: 'tolerance',
            matterCode: 'FOOD_BUSINESS_LICENCE',
            textVersion: 'v2026.1',
            signedAt: `${ago(120)}T02:30:00.000Z`,
            deadline: ago(60),
            applicationId: 'DD-2026-004512',
            missingMaterials: ['从业人员健康证明'],
            fulfilment: { outcome: 'violated', recordedAt: `${ago(55)}T06:00:00.000Z`, operator: '核查员07', note: '逾期未补齐材料' },
          },
        ],
      },
      verdicts: v('caution', 'caution', 'caution'),
      tier: 'increased',
    },
    {
      id: 'repaired',
      title: '已完成信用修复：记录可查，不再惩戒',
      description: 'A serious-dishonesty entry repaired 30 days ago: shown as repaired, triggers nothing.',
      subject: {
        idType: 'uscc',
        id: '91320106MA1RP2E39L',
        name: '南京天成科技有限公司',
        grade: { scaleId: 'LOCAL-ABCD', level: 'B', evaluatedAt: ago(25) },
        // An industry A beside a public B: one average grade keeps the usual ratio (002 (七)).
        evaluations: [{ scaleId: 'CONSTRUCTION-MARKET', level: 'A', evaluatedAt: ago(45) }],
        entries: [
          entry(
            'ent_scn_repaired',
            'SERIOUS_DISHONEST',
            400,
            'serious',
            { kind: 'penalty', document: '宁发改信〔2025〕42号', summary: '拒不履行行政处罚决定' },
            { repair: { method: 'training', repairedAt: ago(30) } },
          ),
        ],
        commitments: [
          {
            commitmentId: 'cmt_scn_repair_1',
            subjectKey: 'uscc:91320106MA1RP2E39L',
            type: 'repair',
            matterCode: null,
            textVersion: 'v2026.1',
            signedAt: `${ago(90)}T02:00:00.000Z`,
            deadline: null,
            applicationId: null,
            missingMaterials: [],
            fulfilment: {
              outcome: 'fulfilled',
              recordedAt: `${ago(30)}T02:00:00.000Z`,
              operator: '信用修复专员',
              note: '完成信用修复培训',
            },
          },
        ],
      },
      verdicts: v('clear', 'clear', 'clear'),
      tier: 'normal',
    },
    {
      id: 'expired',
      title: '公示期满：记录可查，不再惩戒',
      description: 'A tax blacklist entry whose 3-year publication period ended a year ago.',
      subject: {
        idType: 'uscc',
        id: '91110105MA0EX4P508',
        name: '北京嘉禾贸易有限公司',
        grade: { scaleId: 'LOCAL-ABCD', level: 'B', evaluatedAt: ago(40) },
        entries: [
          {
            entryId: 'ent_scn_expired',
            listCode: 'TAX_SERIOUS_VIOLATION',
            severity: 'serious',
            listedAt: addMonths(today, -48),
            publicationEndsAt: publicationEnd(addMonths(today, -48), 'serious'),
            basis: { kind: 'penalty', document: '京税稽罚〔2022〕9号', summary: '虚开增值税专用发票' },
          },
        ],
      },
      verdicts: v('clear', 'clear', 'clear'),
      tier: 'normal',
    },
    {
      id: 'under-objection',
      title: '异议处理中：标注异议，措施仍适用',
      description: 'A construction blacklist entry under objection: shown as such; the measure applies until decided.',
      subject: {
        idType: 'uscc',
        id: '91320508MA1UQ6B71A',
        name: '苏州锦程建筑工程有限公司',
        grade: { scaleId: 'LOCAL-ABCD', level: 'C', evaluatedAt: ago(70) },
        entries: [
          entry('ent_scn_objection', 'CONSTRUCTION_SERIOUS', 90, 'serious', {
            kind: 'penalty',
            document: '苏住建罚〔2026〕31号',
            summary: '发生较大生产安全事故',
          }),
        ],
      },
      verdicts: v('notice', 'restrict', 'notice'),
      tier: 'increased',
    },
    {
      id: 'legal-rep',
      title: '失信企业法定代表人：个人事项从严审核',
      description: 'Legal representative of the procurement-blacklisted company: caution on personal checks.',
      subject: { idType: 'idcard', id: '320505197805121236', name: '王建国', represents: ['91320505MA1PC0Q10W'] },
      verdicts: v('caution', 'caution', 'caution'),
      tier: 'normal',
    },
    {
      id: 'food-ban',
      title: '食品安全严重违法：食品行业禁入',
      description: 'Food and drug blacklist: market ban for food licences, information elsewhere.',
      subject: {
        idType: 'uscc',
        id: '91330106MA2FD1G85L',
        name: '杭州鑫源食品有限公司',
        grade: { scaleId: 'LOCAL-ABCD', level: 'D', evaluatedAt: ago(50) },
        entries: [
          entry('ent_scn_food', 'FOOD_DRUG_SERIOUS', 200, 'serious', {
            kind: 'penalty',
            document: '杭市监罚〔2026〕105号',
            summary: '生产经营用非食品原料生产的食品，情节严重',
          }),
        ],
      },
      verdicts: v('restrict', 'notice', 'notice'),
      tier: 'increased',
    },
    {
      id: 'person-debtor',
      title: '个人失信被执行人',
      description: 'A natural person on the judgment-debtor list (身份证 masked in every response).',
      subject: {
        idType: 'idcard',
        id: '140105198509232176',
        name: '李娜',
        entries: [
          entry('ent_scn_person', 'COURT_DISHONEST_DEBTOR', 150, 'serious', {
            kind: 'judgment',
            document: '（2026）晋0105执567号',
            summary: '拒不履行生效判决确定的还款义务',
          }),
        ],
      },
      verdicts: v('caution', 'caution', 'restrict'),
      tier: 'increased',
    },
  ];
}

/** Supporting subjects the scenarios refer to (legal representatives). */
export function supportingSubjects(): SubjectRecord[] {
  return [
    { idType: 'idcard', id: '320102199003010452', name: '陈明', represents: ['91320100748204660Q'] },
    { idType: 'idcard', id: '140106197206180315', name: '赵志刚', represents: ['91140105MA0CD7K21J'] },
  ];
}

/** Records the sandbox starts with in its store (the pending objection of `under-objection`). */
export function scenarioObjections(today: string): ObjectionRecord[] {
  return [
    {
      objectionId: 'obj_scn_objection',
      entryId: 'ent_scn_objection',
      subjectKey: 'uscc:91320508MA1UQ6B71A',
      status: 'pending',
      reason: '事故责任认定存在争议，已申请行政复议',
      contact: null,
      filedAt: `${addDays(today, -10)}T01:00:00.000Z`,
      decidedAt: null,
      decisionNote: null,
    },
  ];
}

/** GET /__mock/scenarios: complete request bodies and the verdict each must yield. */
export function scenarioList(today: string): ScenarioList {
  return {
    scenarios: scenarios(today).map((s) => ({
      id: s.id,
      title: s.title,
      description: s.description,
      checks: DEMO_MATTERS.map((matter) => ({
        request: {
          subject: { idType: s.subject.idType, id: s.subject.id, name: s.subject.name },
          matter,
          context: { applicationId: `DEMO-${s.id}-${matter}`.slice(0, 100), ...DEMO_CONTEXT },
        } satisfies CheckRequest,
        verdict: s.verdicts[matter],
        tier: s.tier,
      })),
    })),
  };
}
