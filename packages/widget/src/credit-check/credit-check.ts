import {
  type Check,
  type Commitment,
  Connection,
  CreditCheckError,
  check,
  type Feedback,
  listMatters,
  type Matter,
  maskIdNumber,
  sendFeedback,
  signCommitment,
  type ValidationResult,
  validateIdNumber,
  validateUscc,
} from '@credit-check/sdk';
import type { FeedbackAction, IdType } from '@credit-check/sdk/contract';
import { Task, TaskStatus } from '@lit/task';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { styles } from './credit-check.styles.ts';
import type {
  CreditCheckAcknowledgeDetail,
  CreditCheckErrorDetail,
  CreditCheckFeedbackDetail,
  CreditCheckResultDetail,
  CreditCheckStartDetail,
} from './events.ts';
import { pick, strings, time } from './i18n.ts';
import { icons } from './icons.ts';

export type CheckState = 'idle' | 'invalid' | 'checking' | 'done' | 'error' | 'stale';

interface Input {
  idType: IdType;
  id: string;
  name: string | undefined;
}

const ALERT = new Set(['restrict', 'caution']);
const SUGGESTED: Record<string, FeedbackAction> = {
  restrict: 'restricted',
  caution: 'strict-review',
  notice: 'informed',
  clear: 'not-applicable',
};

/**
 * `<credit-check>` — checks the applicant on every application (逢办必查, 002 §十六) as soon as a
 * valid identifier is present, shows the verdict with its lists, measures and commitments, alerts
 * the window staff on `restrict`/`caution`, and records what they did (反馈, 003 §七).
 *
 * @summary Automatic credit check for government-service approval pages.
 *
 * @event credit-check-start - A check was sent. Detail: `CreditCheckStartDetail` (masked subject only).
 * @event credit-check-result - The platform answered. Detail: `CreditCheckResultDetail` (check id, verdict, receipt).
 * @event credit-check-error - The check did not complete (never a clean result). Detail: `CreditCheckErrorDetail`.
 * @event credit-check-feedback - Staff feedback was recorded on the platform. Detail: `CreditCheckFeedbackDetail`.
 * @event credit-check-acknowledge - Staff confirmed a restrict/caution alert. Detail: `CreditCheckAcknowledgeDetail`.
 *
 * @csspart base - The outer box.
 * @csspart status - The state banner (one class per state and verdict).
 * @csspart icon - The state icon.
 * @csspart headline - The verdict or state in words.
 * @csspart message - What to do.
 * @csspart details - The result details (lists, measures, commitments …).
 * @csspart alert - The acknowledgement dialog for restrict/caution.
 * @csspart acknowledge-button - The dialog's confirm button.
 * @csspart retry-button - Retry after an error.
 * @csspart feedback - The feedback form.
 * @csspart receipt - Check id and time.
 * @csspart commitment-form - Applicant mode: the commitment signing form.
 *
 * @cssproperty --credit-check-font - Font family.
 * @cssproperty --credit-check-font-size - Base font size (default 14px).
 * @cssproperty --credit-check-text-color - Text colour.
 * @cssproperty --credit-check-background - Background of the box.
 * @cssproperty --credit-check-border-color - Border colour.
 * @cssproperty --credit-check-radius - Corner radius.
 * @cssproperty --credit-check-focus-ring - Focus ring (a box-shadow).
 * @cssproperty --credit-check-restrict-color - Accent of `restrict`.
 * @cssproperty --credit-check-caution-color - Accent of `caution`.
 * @cssproperty --credit-check-notice-color - Accent of `notice`.
 * @cssproperty --credit-check-clear-color - Accent of `clear`.
 * @cssproperty --credit-check-error-color - Accent of the error state.
 */
export class CreditCheck extends LitElement {
  static override styles = styles;
  static formAssociated = true;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  static override properties = {
    endpoint: { type: String },
    token: { type: String },
    getToken: { attribute: false },
    connection: { attribute: false },
    matter: { type: String },
    subject: { type: String },
    subjectName: { type: String, attribute: 'subject-name' },
    watch: { type: String },
    watchName: { type: String, attribute: 'watch-name' },
    idType: { type: String, attribute: 'id-type' },
    applicationId: { type: String, attribute: 'application-id' },
    department: { type: String },
    operator: { type: String },
    mode: { type: String },
    lang: { type: String },
    guard: { type: String },
    optional: { type: Boolean },
    name: { type: String },
    timeout: { type: Number },
    state: { type: String, reflect: true },
    verdict: { type: String, reflect: true },
    _value: { state: true, attribute: false },
    _name: { state: true, attribute: false },
    _blurred: { state: true, attribute: false },
    _acknowledged: { state: true, attribute: false },
    _feedback: { state: true, attribute: false },
    _feedbackError: { state: true, attribute: false },
    _sending: { state: true, attribute: false },
    _action: { state: true, attribute: false },
    _matters: { state: true, attribute: false },
    _mattersError: { state: true, attribute: false },
    _signed: { state: true, attribute: false },
    _signError: { state: true, attribute: false },
  };

  /** The platform API root, e.g. `https://credit.example.gov.cn/api/v1`. */
  declare endpoint: string | undefined;
  /** A scoped bearer token minted by your backend (POST /tokens). */
  declare token: string | undefined;
  /** Or a function returning one (called again when it expires or is refused). */
  declare getToken:
    | (() => string | { token: string; expiresAt?: string | number } | Promise<string | { token: string; expiresAt?: string | number }>)
    | undefined;
  /** An SDK connection to use instead of `endpoint`/`token` (custom fetch, retries, timeouts). */
  declare connection: Connection | undefined;
  /** 事项编码 of the matter being handled. */
  declare matter: string | undefined;
  /** The identifier to check (instead of `watch`). */
  declare subject: string | undefined;
  declare subjectName: string | undefined;
  /** CSS selector of the host page's identifier input(s); the last edited one counts. */
  declare watch: string | undefined;
  /** CSS selector of the applicant-name input (optional; a mismatch with the registered name is flagged). */
  declare watchName: string | undefined;
  /** `uscc` (default) or `idcard`. */
  declare idType: IdType;
  /** 办件编号 of this application. */
  declare applicationId: string | undefined;
  declare department: string | undefined;
  declare operator: string | undefined;
  /** `staff` (default, window channel) or `applicant` (online channel). */
  declare mode: 'staff' | 'applicant';
  /** `zh-CN` (default) or `en`. */
  declare lang: string;
  /** CSS selector of a form whose submission is held until the check is done and any alert confirmed. */
  declare guard: string | undefined;
  /** An empty identifier does not hold the guarded form (for optional fields, e.g. a legal representative). */
  declare optional: boolean;
  /** Form field name: the check id is submitted as `name`, the receipt as `name-receipt`. */
  declare name: string | undefined;
  /** Per-attempt timeout in ms (default 8000). */
  declare timeout: number;
  /** Reflected: `idle`, `invalid`, `checking`, `done`, `error` or `stale`. */
  declare state: CheckState;
  /** Reflected: the verdict shown (also while `stale`), absent otherwise. */
  declare verdict: string | undefined;

  declare private _value: string;
  declare private _name: string | undefined;
  declare private _blurred: boolean;
  declare private _acknowledged: boolean;
  declare private _feedback: Feedback | undefined;
  declare private _feedbackError: string | undefined;
  declare private _sending: boolean;
  declare private _action: FeedbackAction | undefined;
  declare private _matters: Matter[] | undefined;
  declare private _mattersError: string | undefined;
  declare private _signed: Commitment | undefined;
  declare private _signError: string | undefined;

  private readonly internals: ElementInternals;
  private ownConnection: Connection | undefined;
  private ownConnectionKey: unknown[] = [];
  private runKey = '';
  private alertedFor = '';
  /** Earlier results by check key, shown (marked stale) when a re-check fails. */
  private readonly earlier = new Map<string, Check>();
  private force = false;
  private guardForm: HTMLFormElement | null = null;
  private readonly disabledByUs = new Set<HTMLButtonElement | HTMLInputElement>();
  private guardObserver: MutationObserver | undefined;

  private readonly task = new Task(this, {
    autoRun: false,
    task: async ([key, body]: [string, Parameters<typeof check>[1]], { signal }) => {
      const force = this.force;
      this.force = false;
      const result = await check(this.platform(), body, { signal, ...(force ? { cache: false } : {}) });
      return { key, result };
    },
    onComplete: ({ key, result }) => {
      if (key !== this.runKey) return;
      this.earlier.set(key, result);
      this.emit<CreditCheckResultDetail>('credit-check-result', {
        checkId: result.checkId,
        verdict: result.verdict,
        fastTrack: result.fastTrack,
        matter: result.matter.code,
        checkedAt: result.checkedAt,
        receipt: result.receipt,
        subject: this.shown(result.subject.idType, result.subject.id),
      });
    },
    onError: (error) => {
      const e = error instanceof CreditCheckError ? error : new CreditCheckError('NETWORK', String((error as Error)?.message ?? error));
      if (e.code === 'ABORTED') return;
      this.emit<CreditCheckErrorDetail>('credit-check-error', {
        code: e.code,
        message: e.message,
        messageZh: e.messageZh,
        status: e.status,
        retryAfter: e.retryAfter,
      });
    },
  });

  constructor() {
    super();
    this.internals = this.attachInternals();
    this.idType = 'uscc';
    this.mode = 'staff';
    this.optional = false;
    this.lang = 'zh-CN';
    this.timeout = 8000;
    this.state = 'idle';
    this._value = '';
    this._blurred = false;
    this._acknowledged = false;
    this._sending = false;
  }

  // ── lifecycle ─────────────────────────────────────────────────────────────────────────────

  override connectedCallback(): void {
    super.connectedCallback();
    const root = this.rootNode();
    root.addEventListener('input', this.onHostInput, true);
    root.addEventListener('change', this.onHostInput, true);
    root.addEventListener('compositionend', this.onHostInput, true);
    root.addEventListener('focusout', this.onHostBlur, true);
    this.readWatched();
    // Frameworks may render the watched input after us.
    queueMicrotask(() => this.readWatched());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    const root = this.rootNode();
    root.removeEventListener('input', this.onHostInput, true);
    root.removeEventListener('change', this.onHostInput, true);
    root.removeEventListener('compositionend', this.onHostInput, true);
    root.removeEventListener('focusout', this.onHostBlur, true);
    this.attachGuard(null);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('watch') || changed.has('watchName')) this.readWatched();
    // Starting the task here (not in updated) folds its PENDING status into this same update.
    this.maybeRun();
    const state = this.computeState();
    this.state = state;
    const shown = this.shownResult();
    this.verdict = shown ? shown.verdict : undefined;
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('guard'))
      this.attachGuard((select(this.rootNode(), this.guard)?.[0] as unknown as HTMLFormElement | undefined) ?? null);
    this.syncForm();
    this.syncGuard();
    this.maybeAlert();
    // Loaded once; a failure is shown with a retry, never retried on its own (no request loop).
    if (this.mode === 'applicant' && this.state === 'done' && !this._matters && !this._mattersError) this.loadMatters();
  }

  // ── input ─────────────────────────────────────────────────────────────────────────────────

  private rootNode(): Document | ShadowRoot {
    const root = this.getRootNode();
    return root instanceof ShadowRoot || root instanceof Document ? root : document;
  }

  private readonly onHostInput = (event: Event) => {
    const target = event.target as Element | null;
    if (!target || (event as InputEvent).isComposing) return;
    if (matches(target, this.watch)) {
      this._value = (target as HTMLInputElement).value ?? '';
      // Typing again: judge the length only once the code is complete or the field is left.
      this._blurred = event.type === 'change';
    } else if (event.type === 'change' && matches(target, this.watchName)) {
      // The name counts once entered (change), not per keystroke: each keystroke would be a check.
      this._name = (target as HTMLInputElement).value?.trim() || undefined;
    }
  };

  private readonly onHostBlur = (event: Event) => {
    if (matches(event.target as Element | null, this.watch)) this._blurred = true;
  };

  private readWatched(): void {
    const filled = select(this.rootNode(), this.watch)?.find((i) => i.value);
    if (filled && !this._value) this._value = filled.value;
    const name = select(this.rootNode(), this.watchName)?.[0];
    if (name?.value) this._name = name.value.trim();
  }

  private raw(): string {
    return (this.watch ? this._value : this.subject) ?? '';
  }

  private validation(): ValidationResult<string> | undefined {
    const raw = this.raw();
    if (!raw.trim()) return undefined;
    return this.idType === 'idcard' ? validateIdNumber(raw) : validateUscc(raw);
  }

  /** What to check, when the identifier is valid. */
  private input(): Input | undefined {
    const v = this.validation();
    if (!v?.valid) return undefined;
    return {
      idType: this.idType === 'idcard' ? 'idcard' : 'uscc',
      id: v.normalized,
      name: (this.watchName ? this._name : this.subjectName) || undefined,
    };
  }

  private missingConfig(): string | undefined {
    const missing = [];
    if (!this.connection && !this.endpoint) missing.push('endpoint');
    if (!this.connection && !this.token && !this.getToken) missing.push('token');
    if (!this.matter) missing.push('matter');
    if (!this.applicationId) missing.push('application-id');
    if (!this.department) missing.push('department');
    if (!this.operator) missing.push('operator');
    for (const [attribute, selector] of [
      ['watch', this.watch],
      ['watch-name', this.watchName],
      ['guard', this.guard],
    ] as const) {
      if (selector && select(this.rootNode(), selector) === undefined) missing.push(`${attribute} (not a valid CSS selector)`);
    }
    return missing.length ? missing.join(', ') : undefined;
  }

  private requestBody(input: Input) {
    return {
      subject: { idType: input.idType, id: input.id, ...(input.name ? { name: input.name } : {}) },
      matter: this.matter as string,
      context: {
        applicationId: this.applicationId as string,
        department: this.department as string,
        operator: this.operator as string,
        channel: this.mode === 'applicant' ? ('online' as const) : ('window' as const),
      },
    };
  }

  private key(input: Input | undefined): string {
    return input && !this.missingConfig() ? JSON.stringify(this.requestBody(input)) : '';
  }

  private platform(): Connection {
    if (this.connection) return this.connection;
    const key = [this.endpoint, this.token, this.getToken, this.timeout];
    if (!this.ownConnection || key.some((v, i) => v !== this.ownConnectionKey[i])) {
      this.ownConnectionKey = key;
      this.ownConnection = new Connection({
        baseUrl: this.endpoint as string,
        ...(this.getToken ? { getToken: this.getToken } : { token: this.token as string }),
        timeout: this.timeout,
        retry: { limit: 2, backoffLimit: 2000, maxRetryAfter: 10_000 },
      });
    }
    return this.ownConnection;
  }

  private maybeRun(): void {
    const input = this.input();
    const key = this.key(input);
    if (!input || !key || key === this.runKey) return;
    this.runKey = key;
    this._acknowledged = false;
    this._feedback = undefined;
    this._feedbackError = undefined;
    this._action = undefined;
    this._signed = undefined;
    this.emit<CreditCheckStartDetail>('credit-check-start', {
      matter: this.matter as string,
      idType: input.idType,
      subject: this.shown(input.idType, input.id),
      applicationId: this.applicationId as string,
    });
    this.task.run([key, this.requestBody(input)]);
  }

  /** Checks again now, bypassing the short result cache. */
  recheck(): void {
    const input = this.input();
    if (!input || this.missingConfig()) return;
    this.force = true;
    this.runKey = '';
    this.maybeRun();
  }

  // ── state ─────────────────────────────────────────────────────────────────────────────────

  private currentResult(): Check | undefined {
    const v = this.task.value;
    return this.task.status === TaskStatus.COMPLETE && v && v.key === this.runKey && this.runKey === this.key(this.input())
      ? v.result
      : undefined;
  }

  /** The result on screen: the current one, or an earlier one for the same key while `stale`. */
  private shownResult(): Check | undefined {
    const current = this.currentResult();
    if (current) return current;
    return this.state === 'stale' ? this.earlier.get(this.runKey) : undefined;
  }

  private computeState(): CheckState {
    const problem = this.missingConfig();
    // Missing settings may still be on their way (hosts set them after an async call); a broken
    // selector never fixes itself, so it is an error at once.
    if (problem) return this.raw().trim() || problem.includes('selector') ? 'error' : 'idle';
    const v = this.validation();
    if (!v) return 'idle';
    if (!v.valid) {
      const n = v.normalized.length;
      const definitive = n >= 18 || this._blurred || v.reason === 'CHARSET' || !this.watch;
      return definitive ? 'invalid' : 'idle';
    }
    const key = this.key(this.input());
    if (key !== this.runKey || this.task.status === TaskStatus.PENDING || this.task.status === TaskStatus.INITIAL) return 'checking';
    if (this.task.status === TaskStatus.ERROR) {
      const e = this.task.error;
      if (e instanceof CreditCheckError && e.code === 'ABORTED') return 'checking';
      return this.earlier.has(key) ? 'stale' : 'error';
    }
    return this.currentResult() ? 'done' : 'checking';
  }

  /** True while the guarded form must not be submitted. */
  get held(): boolean {
    if (this.optional && this.state === 'idle' && !this.raw().trim()) return false;
    if (this.state !== 'done') return true;
    const result = this.currentResult();
    return this.mode === 'staff' && result !== undefined && ALERT.has(result.verdict) && !this._acknowledged;
  }

  /** The current result, if any. */
  get result(): Check | undefined {
    return this.currentResult();
  }

  get acknowledged(): boolean {
    return this._acknowledged;
  }

  // ── form association and guard ────────────────────────────────────────────────────────────

  private syncForm(): void {
    const result = this.currentResult();
    if (result && this.name) {
      const data = new FormData();
      data.append(this.name, result.checkId);
      data.append(`${this.name}-receipt`, result.receipt);
      this.internals.setFormValue(data);
    } else {
      this.internals.setFormValue(null);
    }
    const anchor = this.renderRoot.querySelector<HTMLElement>('[part="status"]') ?? undefined;
    if (this.held) this.internals.setValidity({ customError: true }, strings(this.lang).guardHeld, anchor);
    else this.internals.setValidity({});
  }

  formResetCallback(): void {
    this._value = '';
    this._blurred = false;
    this.runKey = '';
  }

  private attachGuard(form: HTMLFormElement | null): void {
    if (this.guardForm === form) return;
    if (this.guardForm) {
      this.guardForm.removeEventListener('submit', this.onGuardedSubmit, true);
      this.guardObserver?.disconnect();
      this.release();
    }
    this.guardForm = form;
    if (form) {
      form.addEventListener('submit', this.onGuardedSubmit, true);
      // Frameworks re-render buttons: keep them held.
      this.guardObserver = new MutationObserver(() => this.syncGuard());
      this.guardObserver.observe(form, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
    }
  }

  private readonly onGuardedSubmit = (event: Event) => {
    if (!this.held) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    this.maybeAlert(true);
    this.focus();
  };

  private syncGuard(): void {
    const form = this.guardForm;
    if (!form) return;
    if (!this.held) {
      this.release();
      return;
    }
    this.guardObserver?.disconnect();
    for (const button of form.querySelectorAll<HTMLButtonElement | HTMLInputElement>(
      'button:not([type]), button[type="submit"], input[type="submit"]',
    )) {
      if (!button.disabled || this.disabledByUs.has(button)) {
        button.disabled = true;
        button.setAttribute('data-credit-check-held', '');
        this.disabledByUs.add(button);
      }
    }
    this.guardObserver?.observe(form, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
  }

  private release(): void {
    this.guardObserver?.disconnect();
    for (const button of this.disabledByUs) {
      button.disabled = false;
      button.removeAttribute('data-credit-check-held');
    }
    this.disabledByUs.clear();
    if (this.guardForm)
      this.guardObserver?.observe(this.guardForm, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
  }

  // ── alert and acknowledgement ─────────────────────────────────────────────────────────────

  private maybeAlert(again = false): void {
    const result = this.currentResult();
    if (this.mode !== 'staff' || !result || !ALERT.has(result.verdict) || this._acknowledged) return;
    if (this.alertedFor === result.checkId && !again) return;
    this.alertedFor = result.checkId;
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLButtonElement>('[part="acknowledge-button"]')?.focus();
    }
  }

  /** Confirms the restrict/caution alert (what the dialog's button does). */
  acknowledge(): void {
    const result = this.currentResult();
    if (!result || this._acknowledged) return;
    this._acknowledged = true;
    this.renderRoot.querySelector('dialog')?.close();
    this.emit<CreditCheckAcknowledgeDetail>('credit-check-acknowledge', { checkId: result.checkId, verdict: result.verdict });
    this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('[part="feedback"] input')?.focus());
  }

  // ── feedback (反馈) ───────────────────────────────────────────────────────────────────────

  private async submitFeedback(event: Event): Promise<void> {
    event.preventDefault();
    const result = this.currentResult();
    if (!result || this._sending || this._feedback) return;
    const s = strings(this.lang);
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const action = (data.get('action') as FeedbackAction | null) ?? this._action;
    const note = String(data.get('note') ?? '').trim();
    const reason = String(data.get('reason') ?? '').trim();
    if (!action) {
      this._feedbackError = s.chooseAction;
      return;
    }
    if (action === 'overridden' && !reason) {
      this._feedbackError = s.reasonRequired;
      return;
    }
    const body = {
      action,
      operator: this.operator as string,
      ...(note ? { note } : {}),
      ...(reason ? { reason } : {}),
      ...(action === 'restricted' || action === 'strict-review'
        ? { measuresApplied: result.measures.filter((m) => m.action !== 'fast-track').map((m) => m.measureId) }
        : {}),
    };
    this._sending = true;
    this._feedbackError = undefined;
    try {
      // One key per check and answer: a double submit or a retry records it once.
      const feedback = await sendFeedback(this.platform(), result.checkId, body, {
        idempotencyKey: `fb_${result.checkId}_${hash(JSON.stringify(body))}`,
      });
      this._feedback = feedback;
      this.emit<CreditCheckFeedbackDetail>('credit-check-feedback', {
        checkId: feedback.checkId,
        feedbackId: feedback.feedbackId,
        action: feedback.action,
        recordedAt: feedback.recordedAt,
      });
    } catch (error) {
      const e = error as CreditCheckError;
      this._feedbackError = `${s.feedbackFailed}${e?.messageZh && this.lang !== 'en' ? `：${e.messageZh}` : e?.message ? `: ${e.message}` : ''}`;
    } finally {
      this._sending = false;
    }
  }

  // ── applicant mode ────────────────────────────────────────────────────────────────────────

  private async loadMatters(): Promise<void> {
    this._matters = [];
    try {
      this._matters = (await listMatters(this.platform())).matters;
    } catch (error) {
      const e = error as CreditCheckError;
      this._matters = undefined;
      this._mattersError = (this.lang === 'en' ? e?.message : (e?.messageZh ?? e?.message)) ?? String(error);
    }
  }

  private async sign(event: Event): Promise<void> {
    event.preventDefault();
    const input = this.input();
    const matter = this._matters?.find((m) => m.code === this.matter);
    if (!input || !matter?.commitmentText) return;
    const data = new FormData(event.target as HTMLFormElement);
    const type = data.get('type') as 'informed' | 'tolerance';
    const deadline = String(data.get('deadline') ?? '');
    const materials = String(data.get('materials') ?? '')
      .split(/[,，、]/)
      .map((m) => m.trim())
      .filter(Boolean);
    this._signError = undefined;
    try {
      this._signed = await signCommitment(this.platform(), {
        subject: { idType: input.idType, id: input.id },
        type,
        matter: matter.code,
        textVersion: matter.commitmentText.version,
        ...(this.applicationId ? { applicationId: this.applicationId } : {}),
        ...(type === 'tolerance' ? { deadline, missingMaterials: materials } : {}),
      });
    } catch (error) {
      const e = error as CreditCheckError;
      this._signError = (this.lang === 'en' ? e.message : e.messageZh) ?? e.message;
    }
  }

  // ── printing ──────────────────────────────────────────────────────────────────────────────

  /** Prints the check receipt: the page hides everything but this element for the print. */
  print(): void {
    // Without constructable stylesheets the whole page prints (the element keeps its print styles).
    if (!('adoptedStyleSheets' in Document.prototype)) {
      window.print();
      return;
    }
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(
      '@media print { body * { visibility: hidden !important; } credit-check[printing], credit-check[printing] * { visibility: visible !important; } credit-check[printing] { position: absolute; inset: 0 auto auto 0; width: 100%; } }',
    );
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    this.setAttribute('printing', '');
    const done = () => {
      this.removeAttribute('printing');
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
    window.addEventListener('afterprint', done, { once: true });
    window.print();
  }

  // ── rendering ─────────────────────────────────────────────────────────────────────────────

  private emit<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }

  /** Identifiers on screen and in events: 身份证 always masked (003 §四). */
  private shown(idType: string, id: string): string {
    return idType === 'idcard' ? maskIdNumber(id) : id;
  }

  protected override render(): TemplateResult {
    const s = strings(this.lang);
    const state = this.state;
    const result = this.shownResult();
    return html`<div part="base">
      ${this.renderStatus(state, result)}
      ${result ? (this.mode === 'applicant' ? this.renderApplicant(result) : this.renderDetails(result)) : nothing}
      ${result && this.mode === 'staff' && state === 'done' ? this.renderFeedback(result) : nothing}
      ${result && this.mode === 'staff' && ALERT.has(result.verdict) && state === 'done' ? this.renderAlert(result) : nothing}
      <span class="sr-only" role="status">${state === 'done' && result ? s.verdict[result.verdict][0] : ''}</span>
    </div>`;
  }

  private renderStatus(state: CheckState, result: Check | undefined): TemplateResult {
    const s = strings(this.lang);
    const missing = this.missingConfig();
    let cls: string = state;
    let icon = icons.idle;
    let headline = '';
    let message: string | TemplateResult = '';
    switch (state) {
      case 'idle': {
        const n = this.validation()?.normalized.length ?? 0;
        headline = n ? s.typing(n) : s.idle[this.idType === 'idcard' ? 'idcard' : 'uscc'];
        break;
      }
      case 'invalid': {
        const v = this.validation();
        icon = icons.invalid;
        headline = v?.message ? pick(v.message, this.lang) : '';
        break;
      }
      case 'checking':
        icon = icons.checking;
        headline = s.checking;
        break;
      case 'error': {
        icon = icons.error;
        headline = s.errorTitle;
        const e = this.task.error as CreditCheckError | undefined;
        const why = missing ? s.missingConfig(missing) : e ? (this.lang === 'en' ? e.message : (e.messageZh ?? e.message)) : '';
        message = html`${s.errorBody}${why ? html`<br /><span class="meta">${why}${e?.code ? ` (${e.code})` : ''}</span>` : nothing}`;
        break;
      }
      case 'stale':
        icon = icons.error;
        headline = s.staleTitle;
        message = result ? s.staleAt(time(result.checkedAt)) : '';
        break;
      case 'done':
        if (result) {
          cls = result.verdict;
          icon = icons[result.verdict];
          const [h, m] = s.verdict[result.verdict];
          headline = this.mode === 'applicant' ? s.applicantTitle : h;
          message = this.mode === 'applicant' ? '' : result.fastTrack ? `${m} ${s.fastTrack}` : m;
        }
        break;
    }
    const urgent = state === 'error' || state === 'stale';
    return html`<div part="status" class=${cls} role=${urgent ? 'alert' : 'group'} aria-label=${urgent ? nothing : headline}>
      <span part="icon">${icon}</span>
      <div>
        <p part="headline">${headline}</p>
        ${message ? html`<p part="message">${message}</p>` : nothing}
        ${urgent && !missing ? html`<div class="actions"><button part="retry-button" @click=${() => this.recheck()}>${s.retry}</button></div>` : nothing}
      </div>
    </div>`;
  }

  private renderDetails(r: Check): TemplateResult {
    const s = strings(this.lang);
    const L = this.lang;
    const section = (title: string, body: unknown) => html`<section><h3>${title}</h3>${body}</section>`;
    const subject = html`<p class="subject">${r.subject.name ?? ''} <span class="meta">${this.shown(r.subject.idType, r.subject.id)}</span>${r.subject.found ? nothing : html` <span class="badge inactive">${s.noFile}</span>`}</p>`;
    return html`<div part="details">
      ${subject}
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
                ) => html`<li>${s.commitmentType[c.type]}${c.matterCode ? ` · ${c.matterCode}` : ''} · <span class="badge ${c.status === 'violated' ? 'restrict' : ''}">${s.commitmentStatus[c.status]}</span>${c.overdue ? html`<span class="badge restrict">${s.overdue}</span>` : nothing}
                <span class="meta">${time(c.signedAt)}${c.deadline ? ` → ${c.deadline}` : ''}</span></li>`,
              )}</ul>`,
            )
          : nothing
      }
      ${section(s.sections.eligibility, this.renderEligibility(r))}
      ${r.grade ? section(s.sections.grade, html`<p>${r.grade.level}（${pick(r.grade.label, L)}） <span class="meta">${r.grade.evaluatedAt}</span></p>`) : nothing}
      ${
        r.linked.length
          ? section(
              s.sections.linked,
              html`<ul>${r.linked.map(
                (
                  l,
                ) => html`<li>${s.relation[l.relation]}：${l.subject.name ?? ''} <span class="meta">${this.shown(l.subject.idType, l.subject.id)}</span> ·
                ${s.activeEntries(l.activeEntries.length)}${l.activeEntries.map((e) => html` <span class="badge ${e.listType}">${e.listName}</span>`)}</li>`,
              )}</ul>`,
            )
          : nothing
      }
      <p part="receipt">${s.checkId}：${r.checkId} · ${s.checkedAt}：${time(r.checkedAt)} · ${s.matter}：${r.matter.name}
        <span class="actions"><button @click=${() => this.print()}>${s.print}</button>${this.state === 'done' ? html`<button @click=${() => this.recheck()}>${s.recheck}</button>` : nothing}</span>
      </p>
    </div>`;
  }

  private renderEligibility(r: Check): TemplateResult {
    const s = strings(this.lang);
    const item = (label: string, e: Check['eligibility']['informedCommitment']) =>
      html`<li>${label}：<strong>${e.eligible ? s.eligible : s.notEligible}</strong>${e.reasons.length ? html` <span class="meta">（${e.reasons.map((x) => pick(x.message, this.lang)).join('；')}）</span>` : nothing}</li>`;
    return html`<ul>${item(s.informed, r.eligibility.informedCommitment)}${item(s.tolerance, r.eligibility.toleranceAcceptance)}</ul>`;
  }

  private renderAlert(r: Check): TemplateResult {
    const s = strings(this.lang);
    const [h, m] = s.verdict[r.verdict];
    return html`<dialog part="alert" class=${r.verdict} role="alertdialog" aria-modal="true" aria-labelledby="alert-title" aria-describedby="alert-body" @cancel=${(e: Event) => e.preventDefault()}>
      <div part="status" class=${r.verdict}>
        <span part="icon">${icons[r.verdict]}</span>
        <div><p part="headline" id="alert-title">${s.alertTitle}：${h}</p></div>
      </div>
      <div class="body" id="alert-body">
        <p>${m}</p>
        <p class="subject">${r.subject.name ?? ''} ${this.shown(r.subject.idType, r.subject.id)} · ${r.matter.name}</p>
        <ul>${r.reasons.slice(0, 4).map((x) => html`<li>${pick(x.message, this.lang)}</li>`)}</ul>
        <div class="actions"><button part="acknowledge-button" class="primary" @click=${() => this.acknowledge()}>${s.acknowledge}</button></div>
      </div>
    </dialog>`;
  }

  private renderFeedback(r: Check): TemplateResult {
    const s = strings(this.lang);
    if (ALERT.has(r.verdict) && !this._acknowledged) return html``;
    if (this._feedback) {
      return html`<div part="feedback"><p class="done" role="status">${s.feedbackSent(s.feedbackAction[this._feedback.action], time(this._feedback.recordedAt))}</p>
        <p part="receipt">${s.checkId}：${r.checkId}</p></div>`;
    }
    const selected = this._action ?? (r.fastTrack ? 'fast-tracked' : SUGGESTED[r.verdict]);
    return html`<div part="feedback">
      <form @submit=${(e: Event) => this.submitFeedback(e)}>
        <fieldset>
          <legend>${s.feedbackTitle}</legend>
          <p class="meta">${s.feedbackHint}</p>
          ${(Object.keys(s.feedbackAction) as FeedbackAction[]).map(
            (a) =>
              html`<label><input type="radio" name="action" value=${a} .checked=${a === selected} @change=${() => (this._action = a)} /> ${s.feedbackAction[a]}</label>`,
          )}
        </fieldset>
        ${selected === 'overridden' ? html`<label>${s.reason}<textarea name="reason" required rows="2"></textarea></label>` : nothing}
        <label>${s.note}<textarea name="note" rows="2"></textarea></label>
        ${this._feedbackError ? html`<p class="field-error" role="alert">${this._feedbackError}</p>` : nothing}
        <div class="actions"><button class="primary" type="submit" ?disabled=${this._sending}>${this._sending ? s.sending : s.sendFeedback}</button></div>
      </form>
    </div>`;
  }

  private renderApplicant(r: Check): TemplateResult {
    const s = strings(this.lang);
    const matter = this._matters?.find((m) => m.code === this.matter);
    const routes = (['informed', 'tolerance'] as const).filter((t) =>
      t === 'informed' ? r.eligibility.informedCommitment.eligible : r.eligibility.toleranceAcceptance.eligible,
    );
    return html`<div part="details">
      <section><h3>${s.applicantRoutes}</h3>${this.renderEligibility(r)}</section>
      ${
        this._mattersError
          ? html`<p class="field-error" role="alert">${s.textFailed}：${this._mattersError}</p>
              <div class="actions"><button @click=${() => (this._mattersError = undefined)}>${s.retry}</button></div>`
          : nothing
      }
      ${
        this._signed
          ? html`<p class="done" role="status">${s.signed(this._signed.commitmentId, time(this._signed.signedAt))}</p>`
          : matter?.commitmentText && routes.length
            ? html`<form part="commitment-form" @submit=${(e: Event) => this.sign(e)}>
              <h3>${s.signTitle}：${matter.commitmentText.title}</h3>
              <div class="commitment-text" tabindex="0" role="document" aria-label=${matter.commitmentText.title}>${matter.commitmentText.body}</div>
              <fieldset>
                <legend>${s.chooseRoute}</legend>
                ${routes.map((t, i) => html`<label><input type="radio" name="type" value=${t} ?checked=${i === 0} /> ${s.commitmentType[t]}</label>`)}
              </fieldset>
              ${
                routes.includes('tolerance')
                  ? html`<label>${s.deadline}<input type="date" name="deadline" /></label><label>${s.materials}<input type="text" name="materials" /></label>`
                  : nothing
              }
              <label><input type="checkbox" name="agree" required /> ${s.agree}</label>
              ${this._signError ? html`<p class="field-error" role="alert">${this._signError}</p>` : nothing}
              <div class="actions"><button class="primary" type="submit">${s.sign}</button></div>
            </form>`
            : nothing
      }
    </div>`;
  }
}

/** Elements matching a selector from the host page; undefined when the selector is invalid. */
function select(root: Document | ShadowRoot, selector: string | undefined): HTMLInputElement[] | undefined {
  if (!selector) return [];
  try {
    return [...root.querySelectorAll<HTMLInputElement>(selector)];
  } catch {
    return undefined;
  }
}

function matches(target: Element | null, selector: string | undefined): boolean {
  if (!target || !selector) return false;
  try {
    return target.matches?.(selector) ?? false;
  } catch {
    return false;
  }
}

/** A short, stable string hash (idempotency keys derived from content). */
function hash(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = ((h << 5) + h + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}
