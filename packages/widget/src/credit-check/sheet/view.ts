import { type Check, OUTCOMES } from '@credit-check/sdk/contract';

/*
 * The 信用核查结果单 as the widget prints it: built with the DOM (every value as text, never markup)
 * from the platform's sheet — the same sections as the platform's own A4 page. The QR is drawn from
 * the platform's SVG only after its shapes pass a strict check (a viewBox, rectangles as path data).
 */

/** What the print uses of a sheet (checked by print-sheet.ts's asSheet). */
export interface SheetToPrint {
  check: Check;
  verification: { code: string; verifyUrl: string; expiresAt: string };
  qr: { svg: string };
  dataAsOf: string;
}

const VERDICT = {
  clear: '未发现影响本事项办理的信用记录，可以正常办理',
  notice: '存在需告知申请人的信用信息，告知后正常办理',
  caution: '存在需要提示或信用承诺的记录，按提示办理',
  restrict: '存在限制办理本事项的信用记录，依措施办理',
} as const;

const cst = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function table(rows: [string, string][]): HTMLTableElement {
  const t = el('table', undefined, 'facts');
  for (const [k, v] of rows) {
    const tr = t.insertRow();
    const th = el('th', k);
    th.scope = 'row';
    tr.append(th, el('td', v));
  }
  return t;
}

/** The QR as SVG nodes, or nothing when the platform's SVG is not the plain shape expected. */
export function qrFrom(svg: string): SVGSVGElement | undefined {
  const box = /viewBox="(0 0 \d{1,5} \d{1,5})"/.exec(svg)?.[1];
  const d = /<path fill="black" d="([MmHhVvZz0-9,. -]{1,200000})"\s*\/>/.exec(svg)?.[1];
  if (!box || !d) return undefined;
  const ns = 'http://www.w3.org/2000/svg';
  const root = document.createElementNS(ns, 'svg');
  root.setAttribute('viewBox', box);
  const bg = document.createElementNS(ns, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', 'white');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', d);
  root.append(bg, path);
  return root;
}

/** The sheet's content, ready to print. */
export function sheetView(sheet: SheetToPrint): HTMLElement {
  const { check, verification: v } = sheet;
  const main = el('main');
  const header = el('header');
  const title = el('div');
  title.append(el('h1', '信用核查结果单'), el('p', `核查编号：${check.serial ?? check.checkId}`, 'serial'));
  const qr = el('div', undefined, 'qr');
  const svg = qrFrom(sheet.qr.svg);
  if (svg) qr.append(svg);
  qr.append(el('div', `核查码 ${v.code}`, 'code'));
  header.append(title, qr);

  const s = check.subject;
  const facts = table([
    ['办件编号', check.context.applicationId],
    ['办理事项', check.matter.name],
    ['申请主体', s.name ?? '（无名称）'],
    [s.idType === 'idcard' ? '身份证号码' : '统一社会信用代码', s.id],
    ['核查时间', `${cst(check.checkedAt)}（北京时间）`],
    ['核查部门', `${check.context.department}（经办人 ${check.context.operator}）`],
    ...(check.supervision ? [['分级分类监管', check.supervision.label['zh-CN']] as [string, string]] : []),
    ['数据截至', `${cst(sheet.dataAsOf)}（平台据当时数据作出结论）`],
  ]);

  const reasons = el('ol', undefined, 'reasons');
  for (const r of check.reasons) {
    const li = el('li', r.message['zh-CN']);
    const entry = r.entryId ? check.entries.find((e) => e.entryId === r.entryId) : undefined;
    if (entry)
      li.append(
        el(
          'p',
          `${entry.listName} · ${entry.authority}认定 · ${entry.basis.document} · ${entry.listedAt} 起，公示至 ${entry.publicationEndsAt}`,
          'chain',
        ),
      );
    for (const m of check.measures.filter((m) => m.measureId === r.measureId || (entry && m.triggeredBy.includes(entry.entryId)))) {
      li.append(el('p', `措施：${m.name}（依据：${m.basis}）；本事项“${check.matter.name}”属于该措施适用的办理事项`, 'chain'));
    }
    reasons.append(li);
  }
  const f = check.feedback;
  const response = f
    ? table([
        ['处理结果', OUTCOMES[f.action].label['zh-CN']],
        ['经办人', f.operator],
        ['记录时间', cst(f.recordedAt)],
      ])
    : el('p', '尚未记录处理结果。');

  main.append(
    header,
    el('h2', '核查信息'),
    facts,
    el('h2', '核查结论'),
    el('p', VERDICT[check.verdict], 'verdict'),
    el('h2', '结论依据'),
    check.reasons.length ? reasons : el('p', '无。'),
    el('h2', '窗口处理结果'),
    response,
    el(
      'footer',
      `验证方式：扫描二维码，或访问 ${v.verifyUrl.replace(/\?.*$/, '')} 输入核查码 ${v.code}。核查码有效期至 ${cst(v.expiresAt)}；再次出具结果单后，本单核查码即失效。本单中的身份证号码、自然人姓名已作脱敏处理。`,
    ),
  );
  return main;
}
