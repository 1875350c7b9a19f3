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
