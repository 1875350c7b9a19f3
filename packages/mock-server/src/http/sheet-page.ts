import type { ResultSheet } from '@credit-check/sdk/contract';
import { type Rows, sheetLayout } from '@credit-check/sdk/sheets';

/** Text into HTML: platform data is text, never markup. */
const esc = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const table = (rows: Rows) =>
  `<table class="facts">${rows.map(([label, value]) => `<tr><th scope="row">${esc(label)}</th><td>${esc(value)}</td></tr>`).join('')}</table>`;

const chain = (rows: Rows, className: string) =>
  `<dl class="${className}">${rows.map(([label, value]) => `<dt>${esc(label)}</dt><dd>${esc(value)}</dd>`).join('')}</dl>`;

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

/**
 * The A4 page of a 信用核查结果单: text only (every value escaped), no script; the QR is the platform's
 * own SVG. Its words and order are the SDK's `sheetLayout`, which the widget's print uses too.
 */
export function sheetPage(sheet: ResultSheet, issuer: string): string {
  const l = sheetLayout(sheet);
  const reasons = l.reasons.length
    ? `<ol class="reasons">${l.reasons
        .map(
          (r) =>
            `<li><p class="reason">${esc(r.text)}</p>${r.entry ? chain(r.entry, 'chain') : ''}${r.measures.map((m) => chain(m, 'chain measure')).join('')}</li>`,
        )
        .join('')}</ol>`
    : '<p>无。</p>';
  const commitments = l.commitments.length ? `<h2>信用承诺</h2><ul>${l.commitments.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>` : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(l.title)} ${esc(sheet.check.serial ?? sheet.check.checkId)}</title>
<meta name="description" content="信用核查结果单"><style>${STYLE}</style></head>
<body><main>
<header><div><h1>${esc(l.title)}</h1><p class="serial">${esc(l.serial)}</p><p class="issuer">出具：${esc(issuer)}</p></div>
<div class="qr" role="img" aria-label="验证二维码">${sheet.qr.svg}<div>核查码 <span class="code">${esc(l.code)}</span></div></div></header>
<h2>核查信息</h2>${table(l.facts)}
<h2>核查结论</h2><p class="verdict">${esc(l.verdict)}</p>
<h2>结论依据</h2>${reasons}
${commitments}
<h2>窗口处理结果</h2>${typeof l.response === 'string' ? `<p>${esc(l.response)}</p>` : table(l.response)}
<footer>${esc(l.footer)}</footer>
</main></body></html>`;
}

/** The sheet page's own policy: no script at all, inline styles and the inline SVG only. */
export const SHEET_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
