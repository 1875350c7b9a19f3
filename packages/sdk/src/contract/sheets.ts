import * as z from 'zod/mini';
import { Check } from './checks.ts';
import { Instant } from './common.ts';
import { VerificationIssued } from './verifications.ts';
import './zod.ts';

/**
 * POST /checks/{checkId}/sheet — the 信用核查结果单 of a check, for the 办件档案: the check itself
 * (身份证 masked, whoever asks: the sheet is printed and filed), the response the window recorded, a
 * fresh 核查码 and the QR that carries it signed. `Accept: text/html` answers the A4 page to print.
 * Asking again issues a new 核查码: the earlier sheet's code then answers `superseded`.
 */
export const ResultSheet = /* @__PURE__ */ z.object({
  check: Check,
  verification: VerificationIssued,
  /** The QR: its text (`verifyUrl#<signed claims>`, see `verifySheetQr`) and an SVG of it. */
  qr: z.object({ text: /* @__PURE__ */ z.string().check(z.maxLength(2000)), svg: /* @__PURE__ */ z.string().check(z.maxLength(200_000)) }),
  /** The platform's data the verdict was decided on, as of this instant (the check's time). */
  dataAsOf: Instant,
  /** When this sheet was made. */
  issuedAt: Instant,
});
export type ResultSheet = z.infer<typeof ResultSheet>;
