import { strings } from '../i18n.ts';
import type { Strings } from '../i18n-zh.ts';
import { type ResultStrings, zhResult } from './words-zh.ts';

/** Every word a result's templates use: the entry's and the result chunk's. */
export type AllStrings = Strings & ResultStrings;

const zhAll: AllStrings = { ...strings('zh-CN'), ...zhResult };

/**
 * The words for `lang`, the result's included: English is one chunk with both (`i18n-en.ts`), and
 * Chinese until it is loaded; Chinese merged once here, not per render.
 */
export function resultStrings(lang: string | null | undefined): AllStrings {
  const s = strings(lang);
  return 'sections' in s ? (s as AllStrings) : zhAll;
}
