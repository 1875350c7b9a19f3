import { maskIdNumber } from '../identifiers/id-number.ts';

// 18-character 身份证 shapes anywhere in a text (an all-digit USCC is masked too: over-redaction is safe).
const ID_NUMBER = /(^|[^0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])/g;
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi;
// The platform's browser tokens (cct_) and the widget tokens a backend signs offline (cca_).
const TOKEN = /\b(cc[at])_[A-Za-z0-9._-]+/g;
const SIGNATURE = /\b(sig|signature)=([A-Za-z0-9_+/=-]+)/gi;

/**
 * Removes what must never reach a log or an error report (002 (十八)): personal ID numbers
 * (masked), bearer tokens, HMAC signatures and any secret the client was given.
 */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out
    .replace(ID_NUMBER, (_m, pre: string, id: string) => pre + maskIdNumber(id))
    .replace(BEARER, '$1 [redacted]')
    .replace(TOKEN, '$1_[redacted]')
    .replace(SIGNATURE, '$1=[redacted]');
}
