/**
 * Staff-facing words. zh-CN is the default and is in the entry; `lang="en"` switches once the
 * English words (a chunk of their own) are loaded — the element waits for them before it renders.
 * Platform texts come in both languages already.
 */
import type { Check } from '@credit-check/sdk';
import { type Strings, zh } from './i18n-zh.ts';

export type { Strings } from './i18n-zh.ts';

export type Lang = 'zh-CN' | 'en';
let english: Strings | undefined;
let englishLoading: Promise<void> | undefined;

/** The words for `lang`; Chinese until the English ones are loaded (see `loadEnglish`). */
export const strings = (lang: string | null | undefined): Strings => (lang === 'en' && english) || zh;

/** Loads the English words (once per page); undefined once they are here (nothing to wait for). */
export function loadEnglish(): Promise<void> | undefined {
  if (english) return undefined;
  englishLoading ??= import('./i18n-en.ts').then((m) => {
    english = m.en;
  });
  return englishLoading;
}

export const pick = (message: { 'zh-CN': string; en: string }, lang: string | null | undefined) =>
  lang === 'en' ? message.en : message['zh-CN'];

/** Local date-time for staff, e.g. 2026-11-21 14:03. */
export function time(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/**
 * A verdict in words — headline and what to do — naming only the ways the check offers: under a
 * 市场和行业禁入 (000 三(三)) 限制办理 is not offered, so it is not said.
 */
export function verdictWords(r: Pick<Check, 'verdict' | 'measures'>, lang: string | null | undefined): [string, string] {
  const s = strings(lang);
  const [headline, message] = s.verdict[r.verdict];
  const banned = r.verdict === 'restrict' && r.measures.some((m) => m.action === 'restrict' && m.category === 'ban');
  return [headline, banned ? s.restrictBan : message];
}
