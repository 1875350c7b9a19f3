/**
 * Identifiers of the subjects checked: 统一社会信用代码 (GB 32100) and 身份证 (GB 11643) validated
 * with a reason, masked for the screen; person names masked.
 *
 * @module @credit-check/sdk/identifiers
 */
export {
  type IdNumberOptions,
  type IdNumberReason,
  idNumberCheckChar,
  maskIdNumber,
  maskPersonName,
  validateIdNumber,
} from './id-number.ts';
export { type Message, normalizeIdentifier, type ValidationResult } from './normalize.ts';
export { detectIdType, type IdType, validateSubjectId } from './subject.ts';
export {
  orgCodeCheckChar,
  USCC_ALPHABET,
  type UsccOptions,
  type UsccReason,
  usccCheckChar,
  validateUscc,
} from './uscc.ts';
