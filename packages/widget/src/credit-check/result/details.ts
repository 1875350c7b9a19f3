import type { Check } from '@credit-check/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { shownId } from '../dom.ts';
import { pick, time } from '../i18n.ts';
import { resultStrings } from './words.ts';

export interface DetailsView {
  lang: string;
  /**
   * Nothing is shown (a new check is under way): the panel stays in the DOM, hidden, so the next
   * result updates it in place instead of building it again — and the earlier result is never seen.
   */
  hidden: boolean;
  /** Offer "check again" (only when the result on screen is current). */
  canRecheck: boolean;
  /** This check beside the one made at 受理 (a later check of the same application), rendered by its chunk. */
  since: TemplateResult | typeof nothing;
  onPrint: () => void;
  onRecheck: () => void;
}

const section = (title: string, body: unknown) => html`<section><h3>${title}</h3>${body}</section>`;

/**
 * The result for the staff: why, the measures that bind this matter (响应), list entries, commitments,
 * fast routes, grade, linked subjects and the receipt. Platform data is rendered as text, never HTML.
 */
export function detailsTemplate(r: Check, v: DetailsView): TemplateResult {
  const s = resultStrings(v.lang);
  const L = v.lang;
  const subject = html`<p class="subject">${r.subject.name ?? ''} <span class="meta">${shownId(r.subject.idType, r.subject.id)}</span>${r.subject.found ? nothing : html` <span class="badge inactive">${s.noFile}</span>`}</p>`;
  return html`<div part="details" ?hidden=${v.hidden}>
      ${subject}
      ${v.since}
      ${section(s.sections.reasons, html`<ul>${r.reasons.map((x) => html`<li>${pick(x.message, L)}</li>`)}</ul>`)}
      ${
        r.measures.length
          ? section(
              s.sections.measures,
              html`<ul>${r.measures.map((m) => html`<li><span class="badge ${m.action}">${s.action[m.action]}</span>${m.name} <span class="meta">（${s.category[m.category]}）${s.basis}：${m.basis}</span></li>`)}</ul>`,
            )
          : nothing
      }
      ${
        r.entries.length
          ? section(
              s.sections.entries,
              html`<ul>${r.entries.map(
                (e) => html`<li>
                <span class="badge ${e.listType}">${s.listType[e.listType]}</span><span class="badge ${e.effective ? '' : 'inactive'}">${s.entryStatus[e.status]}</span>${e.listName}
                <div class="meta">${e.authority} · ${s.basis}：${e.basis.document} ${e.basis.summary} · ${s.listed} ${e.listedAt} · ${s.until} ${e.publicationEndsAt}</div>
              </li>`,
              )}</ul>`,
            )
          : nothing
      }
      ${
        r.commitments.length
          ? section(
              s.sections.commitments,
              html`<ul>${r.commitments.map(
                (
                  c,
                ) => html`<li>${s.commitmentType[c.type]}${c.matterName ? ` · ${c.matterName}` : ''} · <span class="badge ${c.status === 'violated' ? 'restrict' : ''}">${s.commitmentStatus[c.status]}</span>${c.overdue ? html`<span class="badge restrict">${s.overdue}</span>` : nothing}
                <span class="meta">${s.signedAt}：${time(c.signedAt)}${c.deadline ? ` · ${s.deadline}：${c.deadline}` : ''}</span></li>`,
              )}</ul>`,
            )
          : nothing
      }
      ${section(s.sections.eligibility, eligibilityTemplate(r, L))}
      ${r.grade ? section(s.sections.grade, html`<p>${r.grade.level}（${pick(r.grade.label, L)}） <span class="meta">${s.evaluatedAt}：${r.grade.evaluatedAt}</span></p>`) : nothing}
      ${r.supervision ? section(s.sections.supervision, supervisionTemplate(r.supervision, L)) : nothing}
      ${
        r.linked.length
          ? section(
              s.sections.linked,
              html`<ul>${r.linked.map(
                (
                  l,
                ) => html`<li>${s.relation[l.relation]}：${l.subject.name ?? ''} <span class="meta">${shownId(l.subject.idType, l.subject.id)}</span> ·
                ${s.activeEntries(l.activeEntries.length)}${l.activeEntries.map((e) => html` <span class="badge ${e.listType}">${e.listName}</span>`)}</li>`,
              )}</ul>`,
            )
          : nothing
      }
      <p part="receipt">${s.checkId}：${r.serial ?? r.checkId} · ${s.checkedAt}：${time(r.checkedAt)} · ${s.matter}：${r.matter.name}
        <span class="actions"><button @click=${v.onPrint}>${s.print}</button>${v.canRecheck ? html`<button @click=${v.onRecheck}>${s.recheck}</button>` : nothing}</span>
      </p>
    </div>`;
}

/**
 * 分级分类监管 in one line (002 (七)): the tier's words from the catalogue, and what it rests on —
 * the evaluations by name and level, and the subject's own 失信 records.
 */
export function supervisionTemplate(v: NonNullable<Check['supervision']>, lang: string): TemplateResult {
  const s = resultStrings(lang);
  const basis = v.basis.map((b) => (b.levelLabel ? `${b.name}：${pick(b.levelLabel, lang)}` : b.name)).join('；');
  return html`<p part="supervision" class="tier ${v.tier}">${pick(v.label, lang)}${
    basis ? html` <span class="meta">（${s.tierBasis}：${basis}）</span>` : html` <span class="meta">（${s.tierNoBasis}）</span>`
  }</p>`;
}

/** 告知承诺 / 容缺受理: open to this subject for this matter, or why not (001 (一)2; 004 1). */
export function eligibilityTemplate(r: Check, lang: string): TemplateResult {
  const s = resultStrings(lang);
  const item = (label: string, e: Check['eligibility']['informedCommitment']) =>
    html`<li>${label}：<strong>${e.eligible ? s.eligible : s.notEligible}</strong>${e.reasons.length ? html` <span class="meta">（${e.reasons.map((x) => pick(x.message, lang)).join('；')}）</span>` : nothing}</li>`;
  return html`<ul>${item(s.informed, r.eligibility.informedCommitment)}${item(s.tolerance, r.eligibility.toleranceAcceptance)}</ul>`;
}
