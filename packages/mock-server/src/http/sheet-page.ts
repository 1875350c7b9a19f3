import { OUTCOMES, type ResultSheet } from '@credit-check/sdk/contract';

/** Text into HTML: platform data is text, never markup. */
const esc = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** China Standard Time, to the minute: what a 办件档案 records. */
const cst = (iso: string) => `${new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')}`;

const VERDICT = {
  clear: '未发现影响本事项办理的信用记录，可以正常办理',
  notice: '存在需告知申请人的信用信息，告知后正常办理',
  caution: '存在需要提示或信用承诺的记录，按提示办理',
  restrict: '存在限制办理本事项的信用记录，依措施办理',
} as const;

const TIER = { reduced: '降低抽查比例和频次', normal: '常规抽查', increased: '提高抽查比例和频次' } as const;

const ID_TYPE = { idcard: '身份证号码', uscc: '统一社会信用代码' } as const;

const row = (label: string, value: string) => `<tr><th scope="row">${esc(label)}</th><td>${esc(value)}</td></tr>`;

/** Each reason → its entry (authority, document, dates) → the measures it triggers and their basis → why for this matter. */
function reasons(sheet: ResultSheet): string {
  const { check } = sheet;
  if (check.reasons.length === 0) return '<p>无。</p>';
  const items = check.reasons.map((reason) => {
    const entry = reason.entryId ? check.entries.find((e) => e.entryId === reason.entryId) : undefined;
    const measures = check.measures.filter(
      (m) => m.measureId === reason.measureId || (entry !== undefined && m.triggeredBy.includes(entry.entryId)),
    );
    const parts = [`<p class="reason">${esc(reason.message['zh-CN'])}</p>`];
    if (entry) {
      parts.push(`<dl class="chain">
        <dt>名单</dt><dd>${esc(entry.listName)}</dd>
        <dt>认定部门</dt><dd>${esc(entry.authority)}</dd>
        <dt>认定依据</dt><dd>${esc(entry.basis.document)}${entry.basis.summary ? `：${esc(entry.basis.summary)}` : ''}</dd>
        <dt>认定日期</dt><dd>${esc(entry.listedAt)}，公示至 ${esc(entry.publicationEndsAt)}</dd>
        ${entry.objection ? `<dt>异议</dt><dd>${esc(entry.objection.status === 'pending' ? '异议处理中（期间措施照常适用）' : entry.objection.status === 'upheld' ? '异议已成立' : '异议未成立')}</dd>` : ''}
        ${entry.repair ? `<dt>信用修复</dt><dd>${esc(entry.repair.repairedAt)} 已修复</dd>` : ''}
      </dl>`);
    }
    for (const m of measures) {
      parts.push(`<dl class="chain measure">
        <dt>措施</dt><dd>${esc(m.name)}</dd>
        <dt>措施依据</dt><dd>${esc(m.basis)}</dd>
        <dt>适用理由</dt><dd>本事项“${esc(check.matter.name)}”属于该措施适用的办理事项</dd>
      </dl>`);
    }
    return `<li>${parts.join('')}</li>`;
  });
  return `<ol class="reasons">${items.join('')}</ol>`;
}

function response(sheet: ResultSheet): string {
  const f = sheet.check.feedback;
  if (!f) return '<p>尚未记录处理结果。</p>';
  return `<table class="facts">${row('处理结果', OUTCOMES[f.action].label['zh-CN'])}${row('经办人', f.operator)}${row('记录时间', cst(f.recordedAt))}${
    f.reason ? row('理由', f.reason) : ''
  }${f.note ? row('备注', f.note) : ''}</table>`;
}

function commitments(sheet: ResultSheet): string {
  const list = sheet.check.commitments;
  if (list.length === 0) return '';
  const items = list.map(
    (c) => `<li>${esc(c.matterName ?? '信用承诺')}：${esc(cst(c.signedAt))} 签署${c.deadline ? `，补正期限 ${esc(c.deadline)}` : ''}</li>`,
  );
  return `<h2>信用承诺</h2><ul>${items.join('')}</ul>`;
}

const STYLE = `@page{size:A4;margin:16mm 16mm 18mm}
*{box-sizing:border-box}body{margin:0;font:10pt/1.45 "Noto Serif CJK SC","Songti SC","SimSun",serif;color:#000}
main{max-width:178mm;margin:0 auto}p{margin:1mm 0}
header{display:flex;justify-content:space-between;align-items:flex-start;border-bottom:2px solid #000;padding-bottom:3mm}
h1{font-size:18pt;letter-spacing:.3em;margin:0 0 2mm}h2{font-size:11pt;margin:3.5mm 0 1.5mm;border-left:3px solid #000;padding-left:2mm;break-after:avoid}
.serial{font:bold 11pt monospace}.issuer{margin:0;color:#333}
.qr{text-align:center;width:42mm;font-size:8.5pt;white-space:nowrap}.qr svg{width:32mm;height:32mm;display:block;margin:0 auto;shape-rendering:crispEdges}
.code{font:bold 12pt monospace;letter-spacing:.1em}
table.facts{width:100%;border-collapse:collapse}table.facts th,table.facts td{border:1px solid #888;padding:.8mm 2mm;text-align:left;vertical-align:top}
table.facts th{width:34mm;white-space:nowrap;background:#f2f2f2;font-weight:normal}
.verdict{font-size:12pt;font-weight:bold;padding:1.5mm 3mm;border:2px solid #000;margin:2mm 0}
ol.reasons{padding-left:6mm;margin:0}ol.reasons li{margin-bottom:2mm;break-inside:avoid}
dl.chain{display:grid;grid-template-columns:20mm 1fr;gap:.3mm 2mm;margin:1mm 0 1mm 2mm;font-size:9.5pt}dl.chain dt{color:#333}dl.chain dd{margin:0}
dl.measure{border-left:2px solid #888;padding-left:2mm}
footer{margin-top:4mm;border-top:1px solid #000;padding-top:2mm;font-size:8.5pt;color:#222}
@media screen{body{background:#ddd}main{background:#fff;padding:12mm 14mm;margin:6mm auto;box-shadow:0 0 4mm #888}}`;

/** The A4 page of a 信用核查结果单: text only (every value escaped), no script; the QR is the platform's own SVG. */
export function sheetPage(sheet: ResultSheet, issuer: string): string {
  const { check, verification: v } = sheet;
  const s = check.subject;
  const facts = [
    row('办件编号', check.context.applicationId),
    row('办理事项', check.matter.name),
    row('申请主体', `${s.name ?? '（无名称）'}`),
    row(ID_TYPE[s.idType], s.id),
    row('核查时间', `${cst(check.checkedAt)}（北京时间）`),
    row('核查部门', `${check.context.department}（经办人 ${check.context.operator}）`),
    ...(check.context.deferred ? [row('先行受理', `${cst(check.context.deferred.at)} 先行受理，事后补查`)] : []),
    ...(check.supervision ? [row('分级分类监管', check.supervision.label['zh-CN'] || TIER[check.supervision.tier])] : []),
    row('数据截至', `${cst(sheet.dataAsOf)}（平台据当时数据作出结论）`),
  ].join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>信用核查结果单 ${esc(check.serial ?? check.checkId)}</title>
<meta name="description" content="信用核查结果单"><style>${STYLE}</style></head>
<body><main>
<header><div><h1>信用核查结果单</h1><p class="serial">核查编号：${esc(check.serial ?? check.checkId)}</p><p class="issuer">出具：${esc(issuer)}</p></div>
<div class="qr" role="img" aria-label="验证二维码">${sheet.qr.svg}<div>核查码 <span class="code">${esc(v.code)}</span></div></div></header>
<h2>核查信息</h2><table class="facts">${facts}</table>
<h2>核查结论</h2><p class="verdict">${esc(VERDICT[check.verdict])}${check.fastTrack ? '（守信激励：可按“绿色通道”加快办理）' : ''}</p>
<h2>结论依据</h2>${reasons(sheet)}
${commitments(sheet)}
<h2>窗口处理结果</h2>${response(sheet)}
<footer>验证方式：扫描右上角二维码，或访问 ${esc(v.verifyUrl.replace(/\?.*$/, ''))} 输入核查码 ${esc(v.code)}。核查码有效期至 ${esc(
    cst(v.expiresAt),
  )}；再次出具结果单后，本单核查码即失效。本单中的身份证号码、自然人姓名已作脱敏处理。</footer>
</main></body></html>`;
}

/** The sheet page's own policy: no script at all, inline styles and the inline SVG only. */
export const SHEET_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
