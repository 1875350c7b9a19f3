/**
 * `@credit-check/sdk/sheets` — the 信用核查结果单's layout, one source for the platform's A4 page and
 * the widget's print. A subpath of its own: a browser entry that prints on demand carries it in its
 * print chunk only.
 */
export { beijingTime, type Rows, SHEET_VERDICT, type SheetLayout, type SheetReason, type SheetSource, sheetLayout } from './layout.ts';
