import type { Check } from '../contract/checks.ts';
import { OUTCOMES } from '../contract/outcomes.ts';

/**
 * The 信用核查结果单 laid out once (issue 41): its sections, labels and sentences as plain strings.
 * The platform's A4 page escapes them into HTML; the widget's print builds DOM text from them — so
 * the two never word a verdict, a reason's chain or the verification footer differently.
 */

/** A sheet as the layout needs it (the platform's `ResultSheet`, or what a print chunk checked of one). */
export interface SheetSource {
  check: Check;
  verification: { code: string; verifyUrl: string; expiresAt: string };
  dataAsOf: string;
}

/** Label → value rows. */
export type Rows = [label: string, value: string][];

/** One reason: its words, then the chain — the entry (authority, basis, dates), each measure it triggers and why it applies here. */
export interface SheetReason {
  text: string;
  entry?: Rows;
  measures: Rows[];
}

export interface SheetLayout {
  title: string;
  serial: string;
  code: string;
  facts: Rows;
  verdict: string;
  reasons: SheetReason[];
  commitments: string[];
  /** The response the window recorded, or a sentence saying there is none yet. */
  response: Rows | string;
  footer: string;
}

/** The verdict as the sheet states it: what the record means for this matter. */
export const SHEET_VERDICT = {
  clear: '未发现影响本事项办理的信用记录，可以正常办理',
  notice: '存在需告知申请人的信用信息，告知后正常办理',
  caution: '存在需要提示或信用承诺的记录，按提示办理',
  restrict: '存在限制办理本事项的信用记录，依措施办理',
} as const satisfies Record<Check['verdict'], string>;

const TIER = { reduced: '降低抽查比例和频次', normal: '常规抽查', increased: '提高抽查比例和频次' } as const;
const ID_TYPE = { idcard: '身份证号码', uscc: '统一社会信用代码' } as const;
const OBJECTION = { pending: '异议处理中（期间措施照常适用）', upheld: '异议已成立', rejected: '异议未成立' } as const;

/** China Standard Time to the minute, whatever the reader's time zone: what a 办件档案 records. */
export const beijingTime = (iso: string): string => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

function reasonOf(check: Check, reason: Check['reasons'][number]): SheetReason {
  const entry = reason.entryId ? check.entries.find((e) => e.entryId === reason.entryId) : undefined;
  const measures = check.measures.filter(
    (m) => m.measureId === reason.measureId || (entry !== undefined && m.triggeredBy.includes(entry.entryId)),
  );
  return {
    text: reason.message['zh-CN'],
    ...(entry
      ? {
          entry: [
            ['名单', entry.listName],
            ['认定部门', entry.authority],
            ['认定依据', entry.basis.summary ? `${entry.basis.document}：${entry.basis.summary}` : entry.basis.document],
            ['认定日期', `${entry.listedAt}，公示至 ${entry.publicationEndsAt}`],
            ...(entry.objection ? [['异议', OBJECTION[entry.objection.status]] as [string, string]] : []),
            ...(entry.repair ? [['信用修复', `${entry.repair.repairedAt} 已修复`] as [string, string]] : []),
          ],
        }
      : {}),
    measures: measures.map((m) => [
      ['措施', m.name],
      ['措施依据', m.basis],
      ['适用理由', `本事项“${check.matter.name}”属于该措施适用的办理事项`],
    ]),
  };
}

/** The sheet's content, in the order it is printed. Values are text: each renderer escapes or sets them as text. */
export function sheetLayout(sheet: SheetSource): SheetLayout {
  const { check, verification: v } = sheet;
  const s = check.subject;
  const f = check.feedback;
  return {
    title: '信用核查结果单',
    serial: `核查编号：${check.serial ?? check.checkId}`,
    code: v.code,
    facts: [
      ['办件编号', check.context.applicationId],
      ['办理事项', check.matter.name],
      ['申请主体', s.name ?? '（无名称）'],
      [ID_TYPE[s.idType], s.id],
      ['核查时间', `${beijingTime(check.checkedAt)}（北京时间）`],
      ['核查部门', `${check.context.department}（经办人 ${check.context.operator}）`],
      ...(check.context.deferred ? [['先行受理', `${beijingTime(check.context.deferred.at)} 先行受理，事后补查`] as [string, string]] : []),
      ...(check.supervision
        ? [['分级分类监管', check.supervision.label['zh-CN'] || TIER[check.supervision.tier]] as [string, string]]
        : []),
      ['数据截至', `${beijingTime(sheet.dataAsOf)}（平台据当时数据作出结论）`],
    ],
    verdict: `${SHEET_VERDICT[check.verdict]}${check.fastTrack ? '（守信激励：可按“绿色通道”加快办理）' : ''}`,
    reasons: check.reasons.map((r) => reasonOf(check, r)),
    commitments: check.commitments.map(
      (c) => `${c.matterName ?? '信用承诺'}：${beijingTime(c.signedAt)} 签署${c.deadline ? `，补正期限 ${c.deadline}` : ''}`,
    ),
    response: f
      ? [
          ['处理结果', OUTCOMES[f.action].label['zh-CN']],
          ['经办人', f.operator],
          ['记录时间', beijingTime(f.recordedAt)],
          ...(f.reason ? [['理由', f.reason] as [string, string]] : []),
          ...(f.note ? [['备注', f.note] as [string, string]] : []),
        ]
      : '尚未记录处理结果。',
    footer: `验证方式：扫描二维码，或访问 ${v.verifyUrl.replace(/[?#].*$/, '')} 输入核查码 ${v.code}。核查码有效期至 ${beijingTime(v.expiresAt)}；再次出具结果单后，本单核查码即失效。本单中的身份证号码、自然人姓名已作脱敏处理。`,
  };
}
