import { type Rows, type SheetSource, sheetLayout } from '@credit-check/sdk/sheets';

/*
 * The 信用核查结果单 as the widget prints it: built with the DOM (every value as text, never markup)
 * from the SDK's `sheetLayout` — the same words and sections as the platform's own A4 page. The QR is
 * drawn from the platform's SVG only after its shapes pass a strict check (a viewBox, rectangles as
 * path data).
 */

/** What the print uses of a sheet (the platform's ResultSheet, checked against the contract by the SDK). */
export interface SheetToPrint extends SheetSource {
  qr: { svg: string };
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function table(rows: Rows): HTMLTableElement {
  const t = el('table', undefined, 'facts');
  for (const [k, v] of rows) {
    const tr = t.insertRow();
    const th = el('th', k);
    th.scope = 'row';
    tr.append(th, el('td', v));
  }
  return t;
}

function chain(rows: Rows, className: string): HTMLDListElement {
  const dl = el('dl', undefined, className);
  for (const [k, v] of rows) dl.append(el('dt', k), el('dd', v));
  return dl;
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
  const l = sheetLayout(sheet);
  const main = el('main');
  const header = el('header');
  const title = el('div');
  title.append(el('h1', l.title), el('p', l.serial, 'serial'));
  const qr = el('div', undefined, 'qr');
  const svg = qrFrom(sheet.qr.svg);
  if (svg) qr.append(svg);
  qr.append(el('div', `核查码 ${l.code}`, 'code'));
  header.append(title, qr);

  const reasons = el('ol', undefined, 'reasons');
  for (const r of l.reasons) {
    const li = el('li');
    li.append(el('p', r.text, 'reason'));
    if (r.entry) li.append(chain(r.entry, 'chain'));
    for (const m of r.measures) li.append(chain(m, 'chain measure'));
    reasons.append(li);
  }
  const commitments = el('ul');
  for (const c of l.commitments) commitments.append(el('li', c));

  main.append(
    header,
    el('h2', '核查信息'),
    table(l.facts),
    el('h2', '核查结论'),
    el('p', l.verdict, 'verdict'),
    el('h2', '结论依据'),
    l.reasons.length ? reasons : el('p', '无。'),
    ...(l.commitments.length ? [el('h2', '信用承诺'), commitments] : []),
    el('h2', '窗口处理结果'),
    typeof l.response === 'string' ? el('p', l.response) : table(l.response),
    el('footer', l.footer),
  );
  return main;
}
