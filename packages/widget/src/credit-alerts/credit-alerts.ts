import { type AckInput, type ClientOptions, Connection, isCreditCheckError, type TokenClaims } from '@credit-check/sdk';
import type { FeedItem } from '@credit-check/sdk/contract';
import { html, LitElement, nothing } from 'lit';
import { failureText } from '../credit-check/messages.ts';
import { CompareController } from './compare.ts';
import { styles } from './credit-alerts.styles.ts';
import { InboxController } from './inbox.ts';
import { itemTemplate } from './templates.ts';

/** Detail of `credit-alerts-new`: how many pushed events arrived and their ids (no subject data). */
export interface CreditAlertsNewDetail {
  count: number;
  eventIds: string[];
}
/** Detail of `credit-alerts-ack`: the event acknowledged and what was done. */
export interface CreditAlertsAckDetail {
  eventId: string;
  action: AckInput['action'];
}

/**
 * `<credit-alerts>`: the department's inbox of pushed events (定向推送, 003 §六) — a subject it
 * checked, approved on commitment, or whose measures it implements was listed, repaired, broke a
 * commitment … — newest first, with the count still to be acknowledged, and feedback (响应—反馈,
 * 003 §七) on each. Live while open: it polls the pull feed, backing off while the platform is
 * unreachable, and says so (an inbox that could not be read never looks empty). Needs a token
 * with `events:read` (and `feedback:write` to acknowledge; `checks:read` to compare an event with
 * the department's check it was routed by).
 *
 * @event {CustomEvent<CreditAlertsNewDetail>} credit-alerts-new - New events arrived while open (ids only).
 * @event {CustomEvent<CreditAlertsAckDetail>} credit-alerts-ack - The department's feedback on an event was recorded.
 *
 * @csspart base - The outer box.
 * @csspart summary - The heading with the count.
 * @csspart count - The number of events not yet acknowledged.
 * @csspart status - Why the inbox could not be read (platform unreachable, token refused).
 * @csspart item - One event.
 * @csspart ack-form - The feedback form of an open event.
 * @csspart ack-button - Its submit button.
 * @csspart acknowledged - The recorded feedback of an event.
 * @csspart compare-button - Asks for the check an event was routed by, replayed (needs `checks:read`).
 * @csspart comparison - That check beside today: the verdict then and now, and what changed in between.
 *
 * @cssproperty --credit-alerts-text-color - Text colour.
 * @cssproperty --credit-alerts-background - Background of the box.
 * @cssproperty --credit-alerts-border-color - Border colour.
 * @cssproperty --credit-alerts-radius - Corner radius.
 * @cssproperty --credit-alerts-accent-color - The count and serious events.
 * @cssproperty --credit-alerts-focus-color - Focus outline colour (default #1849a9: 3:1 or more on its backgrounds).
 * @cssproperty --credit-alerts-focus-ring - An extra focus indication (a box-shadow; none by default).
 * @csspart supervision - The 分级分类监管 line of a grade change.
 */
export class CreditAlerts extends LitElement {
  static override styles = styles;

  // A getter, not a static field: web-component-analyzer (and so Lit's editor plugin) reads the
  // attributes from it; it sees none in a `static properties = …` field.
  static override get properties() {
    return {
      endpoint: { type: String },
      token: { type: String },
      getToken: { attribute: false },
      operator: { type: String },
      interval: { type: Number },
      unacknowledged: { type: Number, reflect: true },
    } as const;
  }

  /** The platform API root, e.g. `https://credit.example.gov.cn/api/v1`. */
  declare endpoint: string | undefined;
  /** A bearer token with `events:read` (and `feedback:write`) minted by your backend. */
  declare token: string | undefined;
  /** Or a function returning one (called again when it expires or is refused). */
  declare getToken: ClientOptions['getToken'];
  /** 经办人 recorded with feedback; defaults to the token's claim. */
  declare operator: string | undefined;
  /** Poll interval in ms while the platform answers (default 15000). */
  declare interval: number;
  /** Reflected: events not yet acknowledged by the department. */
  declare unacknowledged: number;

  private readonly inbox = new InboxController(this);
  private readonly comparisons = new CompareController(this, () => this.connection());
  private own: Connection | undefined;
  private ownKey: unknown[] = [];
  private claims: TokenClaims | undefined;
  private readonly errors = new Map<string, string>();
  private readonly sending = new Set<string>();

  constructor() {
    super();
    this.interval = 15_000;
    this.unacknowledged = 0;
  }

  /** The SDK connection, rebuilt when endpoint or token change; none until both are set. */
  connection(): Connection | undefined {
    if (!this.endpoint || !(this.token || this.getToken)) return undefined;
    const key = [this.endpoint, this.token, this.getToken];
    if (!this.own || key.some((v, i) => v !== this.ownKey[i])) {
      this.ownKey = key;
      this.own = new Connection({
        baseUrl: this.endpoint,
        ...(this.getToken ? { getToken: this.getToken } : { token: this.token as string }),
        retry: { limit: 1 },
      });
      void this.own.claims().then((c) => {
        this.claims = c;
      });
    }
    return this.own;
  }

  arrived(items: readonly FeedItem[]): void {
    this.dispatchEvent(
      new CustomEvent<CreditAlertsNewDetail>('credit-alerts-new', {
        detail: { count: items.length, eventIds: items.map((i) => i.event.eventId) },
        bubbles: true,
        composed: true,
      }),
    );
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if ((changed.has('endpoint') || changed.has('token') || changed.has('getToken')) && this.isConnected && this.hasUpdated) {
      this.inbox.refresh();
    }
    this.unacknowledged = this.inbox.unacknowledged;
  }

  private async submit(eventId: string, form: HTMLFormElement): Promise<void> {
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const amount = text('amount');
    const operator = this.operator || this.claims?.op;
    if (!operator) {
      this.errors.set(eventId, '未设置经办人，无法提交反馈，请联系系统管理员');
      this.requestUpdate();
      return;
    }
    const input: AckInput = {
      action: text('action') as AckInput['action'],
      operator,
      ...(text('reason') ? { reason: text('reason') } : {}),
      ...(text('basis') ? { basis: text('basis') } : {}),
      ...(amount ? { amount: Number(amount) } : {}),
    };
    this.sending.add(eventId);
    this.errors.delete(eventId);
    this.requestUpdate();
    try {
      await this.inbox.acknowledge(eventId, input);
      this.dispatchEvent(
        new CustomEvent<CreditAlertsAckDetail>('credit-alerts-ack', {
          detail: { eventId, action: input.action },
          bubbles: true,
          composed: true,
        }),
      );
    } catch (error) {
      // Refused input says what to fix (the contract's words, written for staff); anything else the
      // same plain sentence as the counter, never a code.
      const field = isCreditCheckError(error) ? error.fieldErrors[0]?.message['zh-CN'] : undefined;
      this.errors.set(eventId, field ?? `反馈未能提交：${failureText(error, 'zh-CN').text}`);
    } finally {
      this.sending.delete(eventId);
      this.requestUpdate();
    }
  }

  override render() {
    const { items, failure, loaded, unacknowledged } = this.inbox;
    const status =
      failure === 'forbidden'
        ? '当前账号无权读取信用提醒，请联系系统管理员开通'
        : failure === 'unavailable'
          ? `推送暂时无法获取，正在自动重试${loaded ? '（以下为上次获取的内容）' : ''}`
          : !this.connection()
            ? '信用提醒尚未配置完整，请联系系统管理员'
            : null;
    return html`<section part="base" aria-labelledby="title">
      <h2 part="summary" id="title">
        信用提醒
        ${loaded ? html`<span part="count" class=${unacknowledged ? '' : 'zero'} role="status" aria-live="polite">${unacknowledged} 条待反馈</span>` : nothing}
      </h2>
      ${status ? html`<p part="status" role="alert">${status}</p>` : nothing}
      ${!status && !loaded ? html`<p part="status" role="status">正在获取推送…</p>` : nothing}
      ${loaded && items.length === 0 ? html`<p>暂无推送。</p>` : nothing}
      ${items.map((item) =>
        itemTemplate(item, {
          submit: (id, form) => void this.submit(id, form),
          compare: (id, checkId) => void this.comparisons.compare(id, checkId),
          comparison: (id) => this.comparisons.of(id),
          errorOf: (id) => this.errors.get(id),
          busy: (id) => this.sending.has(id),
        }),
      )}
    </section>`;
  }
}
