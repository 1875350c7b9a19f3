import type { CreditEvent, EventType, FeedItem } from '@credit-check/sdk/contract';
import { maskIdNumber } from '@credit-check/sdk/identifiers';
import { html, nothing, type TemplateResult } from 'lit';

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
    case 'commitment.fulfilled':
      return `承诺 ${event.data.commitment.commitmentId}${event.data.commitment.applicationId ? `（办件 ${event.data.commitment.applicationId}）` : ''}${event.data.commitment.deadline ? `，期限 ${event.data.commitment.deadline}` : ''}`;
    case 'grade.changed':
      return `${event.data.previous?.label['zh-CN'] ?? '无'} → ${event.data.grade?.label['zh-CN'] ?? '无'}`;
  }
}

export interface ItemHandlers {
  submit: (eventId: string, form: HTMLFormElement) => void;
  errorOf: (eventId: string) => string | undefined;
  busy: (eventId: string) => boolean;
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
    <ul class="why" aria-label="推送原因">
      ${event.why.map((w) => html`<li>${w.message['zh-CN']}</li>`)}
    </ul>
    ${
      ack
        ? html`<p part="acknowledged" class="acked">已反馈：${ACTION_LABEL[ack.action]}${ack.amount !== null ? `，金额 ${ack.amount} 元` : ''}${ack.reason ? `，理由：${ack.reason}` : ''}（${ack.operator}，${ack.recordedAt.slice(0, 16).replace('T', ' ')}）</p>`
        : html`<form part="ack-form" class="ack" @submit=${(e: Event) => {
            e.preventDefault();
            h.submit(event.eventId, e.target as HTMLFormElement);
          }}>
            <label>处理结果
              <select name="action" required>
                <option value="punished">已惩戒</option>
                <option value="rewarded">已激励</option>
                <option value="not-applicable">不适用</option>
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
