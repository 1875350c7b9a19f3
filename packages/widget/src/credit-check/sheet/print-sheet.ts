import { type Connection, createSheet } from '@credit-check/sdk';
import { sheetView } from './view.ts';

/** Print styles: constructable sheets, so a page whose CSP forbids inline styles prints it as designed. */
const STYLES = `@page{size:A4;margin:16mm}
main{font:10pt/1.45 "Noto Serif CJK SC","Songti SC","SimSun",serif;color:#000;max-width:178mm;margin:0 auto}
header{display:flex;justify-content:space-between;border-bottom:2px solid #000;padding-bottom:3mm}
h1{font-size:18pt;letter-spacing:.3em;margin:0 0 2mm}h2{font-size:11pt;margin:3.5mm 0 1.5mm;border-left:3px solid #000;padding-left:2mm}
p{margin:1mm 0}.serial,.code{font:bold 11pt monospace;white-space:nowrap}.qr{text-align:center;width:42mm}.qr svg{width:32mm;height:32mm;shape-rendering:crispEdges}
table.facts{width:100%;border-collapse:collapse}th,td{border:1px solid #888;padding:.8mm 2mm;text-align:left;vertical-align:top}
th{width:34mm;white-space:nowrap;font-weight:normal;background:#f2f2f2}.verdict{font-weight:bold;font-size:12pt;border:2px solid #000;padding:1.5mm 3mm}
.reasons{padding-left:6mm}.reasons li{margin-bottom:2mm;break-inside:avoid}dl.chain{display:grid;grid-template-columns:20mm 1fr;gap:.3mm 2mm;margin:1mm 0 1mm 2mm;font-size:9.5pt}dl.chain dt{color:#333}dl.chain dd{margin:0}dl.measure{border-left:2px solid #888;padding-left:2mm}footer{margin-top:4mm;border-top:1px solid #000;padding-top:2mm;font-size:8.5pt}`;

/**
 * Prints the 信用核查结果单 of `checkId` (issue 41): the platform makes it (with a new 核查码), this
 * module lays it out in a print-only layer of the page and opens the browser's print dialogue.
 * Loaded when the clerk asks to print — the entry that blocks the page does not carry it.
 * Resolves once the dialogue has opened; rejects when the platform gives no sheet.
 */
export async function printSheet(connection: Connection, checkId: string): Promise<void> {
  // The SDK's own call, checked against the contract's ResultSheet: both sit in the records chunk
  // (vite.config.ts), which the entry does not load.
  const sheet = await createSheet(connection, checkId);
  const layer = document.createElement('credit-check-sheet');
  const root = layer.attachShadow({ mode: 'open' });
  const styles = new CSSStyleSheet();
  styles.replaceSync(`:host{display:none}@media print{:host{display:block}}${STYLES}`);
  root.adoptedStyleSheets = [styles];
  root.append(sheetView(sheet));
  const page = new CSSStyleSheet();
  page.replaceSync('@media print { body > :not(credit-check-sheet) { display: none !important; } }');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, page];
  document.body.append(layer);
  const done = () => {
    layer.remove();
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== page);
  };
  window.addEventListener('afterprint', done, { once: true });
  window.print();
}
