import { type Connection, replayCheck } from '@credit-check/sdk';
import type { Replay } from '@credit-check/sdk/contract';
import { html, type TemplateResult } from 'lit';
import { pick, strings, time } from '../i18n.ts';

/*
 * A later check of the application beside the one made at 受理 (issue 41): the platform's replay of
 * the first check — its verdict then, and what changed in the record since, in plain words. A chunk
 * of its own with its words and template, loaded when such a check comes back; the call and its
 * schema sit in the records chunk (vite.config.ts). The entry carries none of it.
 */

/** The platform's replay of the check made at 受理. */
export function replaySince(connection: Connection, firstCheckId: string): Promise<Replay> {
  return replayCheck(connection, firstCheckId);
}

const WORDS = {
  zh: {
    title: '与受理时核查相比',
    loading: '正在比对受理时的核查结果…',
    atAcceptance: (t: string, serial: string, verdict: string) => `受理时（${t}，核查编号 ${serial}）的核查结论：${verdict}。`,
    unchanged: '受理以来，该主体的信用记录没有变化。',
    changes: '受理以来的变化：',
  },
  en: {
    title: 'Compared with the check at acceptance',
    loading: 'Comparing with the check made at acceptance…',
    atAcceptance: (t: string, serial: string, verdict: string) => `At acceptance (${t}, check ${serial}) the result was: ${verdict}.`,
    unchanged: "The subject's credit record has not changed since acceptance.",
    changes: 'Changed since acceptance:',
  },
};

/** Where the comparison stands (`replay` once the platform answered). */
export type SinceState = { state: 'loading' } | { state: 'failed' } | { state: 'done'; replay: Replay };

/** The comparison under the result: announced politely when it arrives (it explains the result; it never replaces it). */
export function sinceTemplate(v: SinceState, lang: string): TemplateResult {
  const s = lang === 'en' ? WORDS.en : WORDS.zh;
  let body: TemplateResult;
  if (v.state === 'loading') body = html`<p class="meta">${s.loading}</p>`;
  else if (v.state === 'failed') body = html`<p class="meta">${strings(lang).sinceFailed}</p>`;
  else {
    const r = v.replay;
    body = html`<p>${s.atAcceptance(time(r.atCheck.asOf), r.serial ?? r.checkId, strings(lang).verdict[r.atCheck.verdict][0])}</p>${
      r.changes.length
        ? html`<p>${s.changes}</p><ul>${r.changes.map((c) => html`<li>${pick(c.words, lang)}</li>`)}</ul>`
        : html`<p>${s.unchanged}</p>`
    }`;
  }
  return html`<section part="since" aria-live="polite"><h3>${s.title}</h3>${body}</section>`;
}
