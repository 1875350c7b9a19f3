import type { CreditEvent, EventType, FeedItem } from '@credit-check/sdk/contract';
import { maskIdNumber } from '@credit-check/sdk/identifiers';
import { html, nothing, type TemplateResult } from 'lit';
import { pick, strings, time } from '../credit-check/i18n.ts';
import type { Comparison } from './compare.ts';
import { ackDefault } from './defaults.ts';

/** The event types in the words staff use. */
export const TYPE_LABEL: Record<EventType, string> = {
  'entry.listed': '列入名单',
  'entry.changed': '名单信息变更',
  'entry.repaired': '完成信用修复',
  'entry.expired': '公示期满',
  'entry.revoked': '撤销认定',
  'commitment.due': '承诺到期待核查',
  'commitment.violated': '违背信用承诺',
  'commitment.fulfilled': '已履行承诺',
  'grade.changed': '信用评价等级变化',
};

const ACTION_LABEL = { punished: '已惩戒', rewarded: '已激励', 'not-applicable': '不适用' } as const;

/** The choices, the event's own default selected — or none, and 请选择 first (the staff choose). */
function ackOptions(chosen: keyof typeof ACTION_LABEL | undefined) {
  return html`${chosen ? nothing : html`<option value="" selected disabled>请选择</option>`}${(
    Object.keys(ACTION_LABEL) as (keyof typeof ACTION_LABEL)[]
  ).map((a) => html`<option value=${a} ?selected=${a === chosen}>${ACTION_LABEL[a]}</option>`)}`;
}

/** Where it concerns staff most: listings and violations first. */
const SERIOUS = new Set<EventType>(['entry.listed', 'commitment.violated', 'commitment.due']);

/** A subject on screen: a person's ID number masked even when the token may see it (least exposure). */
function subjectLine(event: CreditEvent): string {
  const s = event.subject;
  const id = s.idType === 'idcard' && !s.masked ? maskIdNumber(s.id) : s.id;
  return `${s.name ?? '（名称未登记）'} ${id}`;
}

/** What happened, in one line (platform data rendered as text, never HTML). */
function whatLine(event: CreditEvent): string {
  switch (event.type) {
    case 'entry.listed':
    case 'entry.repaired':
    case 'entry.expired':
    case 'entry.revoked':
      return `${event.data.entry.listName}（${event.data.entry.authority}认定，${event.data.entry.listedAt}）`;
    case 'entry.changed':
      return `${event.data.entry.listName}：${event.data.change === 'objection-raised' ? '主体提出异议' : event.data.change === 'objection-rejected' ? '异议未获支持' : '公示期限调整'}`;
    case 'commitment.due':
    case 'commitment.violated':
    case 'commitment.fulfilled': {
      // The matter by its name, never its code (a commitment kept from before names may have none).
      const c = event.data.commitment;
      const parts = [c.matterName, c.applicationId ? `办件 ${c.applicationId}` : '', c.deadline ? `期限 ${c.deadline}` : ''].filter(
        Boolean,
      );
      return `${COMMITMENT_TYPE[c.type]}${parts.length ? `（${parts.join('，')}）` : ''}`;
    }
    case 'grade.changed':
      return `公共信用综合评价：${event.data.previous?.label['zh-CN'] ?? '无'} → ${event.data.grade?.label['zh-CN'] ?? '无'}`;
  }
}

const COMMITMENT_TYPE: Record<string, string> = {
  informed: '告知承诺',
  tolerance: '容缺受理承诺',
  certification: '证明事项承诺',
  repair: '信用修复承诺',
  'self-discipline': '行业自律承诺',
  voluntary: '主动承诺',
};

/** The supervision tier by name (分级分类, 002 (七)): what the change means for inspections. */
const TIER: Record<string, string> = { reduced: '降低抽查比例和频次', normal: '按常规比例和频次抽查', increased: '提高抽查比例和频次' };

/** 分级分类监管 in one line, for a grade change that carries the tiers. */
function tierLine(event: CreditEvent): string | undefined {
  if (event.type !== 'grade.changed' || !event.data.tier) return undefined;
  const { tier, previousTier } = event.data;
  const now = TIER[tier] ?? tier;
  return previousTier && previousTier !== tier
    ? `分级分类监管：由“${TIER[previousTier] ?? previousTier}”改为“${now}”`
    : `分级分类监管：${now}`;
}

export interface ItemHandlers {
  submit: (eventId: string, form: HTMLFormElement) => void;
  /** Replays the check the event was routed by (the department's own). */
  compare: (eventId: string, checkId: string) => void;
  comparison: (eventId: string) => Comparison | undefined;
  errorOf: (eventId: string) => string | undefined;
  busy: (eventId: string) => boolean;
}

const verdictWord = (v: keyof ReturnType<typeof strings>['verdict']) => strings('zh-CN').verdict[v][0];

/** The check the event was routed by, beside today: the verdict then and now, and what changed. */
function comparisonTemplate(event: CreditEvent, h: ItemHandlers): TemplateResult | typeof nothing {
  const route = event.why.find((w) => w.rule === 'checked' && w.checkId);
  if (!route?.checkId) return nothing;
  const checkId = route.checkId;
  const c = h.comparison(event.eventId);
  if (!c)
    return html`<button part="compare-button" type="button" class="compare" @click=${() => h.compare(event.eventId, checkId)}>对比核查时的结论</button>`;
  if (c.state === 'loading') return html`<p part="comparison" class="comparison" role="status">正在对比核查时的结论…</p>`;
  if (c.state === 'failed') return html`<p part="comparison" class="comparison error" role="status">${c.text}</p>`;
  const r = c.replay;
  return html`<div part="comparison" class="comparison" role="status">
    <p>核查时（${time(r.atCheck.asOf)}，核查编号 ${r.serial ?? r.checkId}）的结论：${verdictWord(r.atCheck.verdict)}；现在：${verdictWord(r.now.verdict)}。</p>
    ${
      r.changes.length
        ? html`<p>核查以来的变化：</p><ul>${r.changes.map((x) => html`<li>${pick(x.words, 'zh-CN')}</li>`)}</ul>`
        : html`<p>核查以来，该主体的信用记录没有变化。</p>`
    }
  </div>`;
}

export function itemTemplate(item: FeedItem, h: ItemHandlers): TemplateResult {
  const { event, ack } = item;
  const id = `evt-${event.eventId}`;
  const error = h.errorOf(event.eventId);
  return html`<article part="item" class="item ${SERIOUS.has(event.type) ? 'serious' : ''} ${ack ? 'done' : 'open'}" aria-labelledby="${id}-title">
    <header>
      <h3 id="${id}-title"><span class="type">${TYPE_LABEL[event.type]}</span> ${subjectLine(event)}</h3>
      <time datetime=${event.occurredAt}>${event.occurredAt.slice(0, 16).replace('T', ' ')}</time>
    </header>
    <p class="what">${whatLine(event)}</p>
    ${tierLine(event) ? html`<p part="supervision" class="tier">${tierLine(event)}</p>` : nothing}
    <ul class="why" aria-label="推送原因">
      ${event.why.map((w) => html`<li>${w.message['zh-CN']}</li>`)}
    </ul>
    ${comparisonTemplate(event, h)}
    ${
      ack
        ? html`<p part="acknowledged" class="acked">已反馈：${ACTION_LABEL[ack.action]}${ack.amount !== null ? `，金额 ${ack.amount} 元` : ''}${ack.reason ? `，理由：${ack.reason}` : ''}（${ack.operator}，${ack.recordedAt.slice(0, 16).replace('T', ' ')}）</p>`
        : html`<form part="ack-form" class="ack" @submit=${(e: Event) => {
            e.preventDefault();
            h.submit(event.eventId, e.target as HTMLFormElement);
          }}>
            <label>处理结果
              <select name="action" required>
                ${ackOptions(ackDefault(event))}
              </select>
            </label>
            <label>金额（元，可选） <input name="amount" inputmode="decimal" pattern="[0-9]+([.][0-9]{1,2})?" /></label>
            <label>依据（文书号，可选） <input name="basis" maxlength="1000" /></label>
            <label>理由（选择“不适用”时必填） <textarea name="reason" rows="2" maxlength="1000"></textarea></label>
            ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
            <button part="ack-button" type="submit" ?disabled=${h.busy(event.eventId)}>提交反馈</button>
          </form>`
    }
  </article>`;
}
