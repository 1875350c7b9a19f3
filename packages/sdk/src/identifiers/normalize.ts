/**
 * Normalises an identifier as typed on a Chinese IME (domain.md "Facts from outside the seeds"):
 * full-width letters and digits (`９１３２…`) become half-width, spaces (incl. the ideographic
 * space), dashes of every width and zero-width characters are dropped, letters are upper-cased.
 */
export function normalizeIdentifier(input: string): string {
  let out = '';
  for (const ch of input) {
    let code = ch.charCodeAt(0);
    // Full-width ASCII block FF01–FF5E maps onto 0021–007E.
    if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0;
    if (isDropped(code)) continue;
    out += String.fromCharCode(code);
  }
  return out.toUpperCase();
}

function isDropped(code: number): boolean {
  return (
    code <= 0x20 || // ASCII whitespace and control characters
    code === 0x2d || // hyphen-minus (also what full-width － became)
    code === 0xa0 || // no-break space
    code === 0x3000 || // ideographic space
    (code >= 0x2010 && code <= 0x2015) || // hyphens and dashes
    code === 0x2212 || // minus sign
    code === 0xfe63 || // small hyphen-minus
    (code >= 0x200b && code <= 0x200d) || // zero-width space / joiners pasted from web pages
    code === 0xfeff // BOM
  );
}

/** A bilingual message: staff-facing text in Chinese, English alongside for developers. */
export interface Message {
  'zh-CN': string;
  en: string;
}

export interface ValidationResult<Reason extends string> {
  /** True when the identifier is well-formed (see `warnings` for tolerated defects). */
  valid: boolean;
  /** The normalised form: what to send, store and compare. */
  normalized: string;
  /** Why it is invalid; absent when valid. */
  reason?: Reason;
  /** The reason in words, Chinese and English. */
  message?: Message;
  /** Defects tolerated by the caller's options (e.g. a check character in `warn` mode). */
  warnings?: Reason[];
}
