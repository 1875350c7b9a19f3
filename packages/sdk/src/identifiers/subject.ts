import { type IdNumberReason, validateIdNumber } from './id-number.ts';
import type { ValidationResult } from './normalize.ts';
import { type UsccOptions, type UsccReason, validateUscc } from './uscc.ts';

/** The two kinds of 信用主体 identifier: organisations (USCC) and natural persons (身份证). */
export type IdType = 'uscc' | 'idcard';

export function validateSubjectId(idType: IdType, id: string, options: UsccOptions = {}): ValidationResult<UsccReason | IdNumberReason> {
  return idType === 'uscc' ? validateUscc(id, options) : validateIdNumber(id);
}

/**
 * Guesses the identifier type of an 18-character input: the one whose check passes.
 * Returns undefined when neither or both pass (an ambiguous code must be typed explicitly).
 */
export function detectIdType(id: string): IdType | undefined {
  const uscc = validateUscc(id).valid;
  const person = validateIdNumber(id).valid;
  if (uscc === person) return undefined;
  return uscc ? 'uscc' : 'idcard';
}
