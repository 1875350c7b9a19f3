import type { Check, ClientOptions, Connection } from '@credit-check/sdk';
import { type DeferralReasonCode, type FeedbackAction, type IdType, OUTCOME_PATH, type ResponsePath } from '@credit-check/sdk/contract';
import { LitElement, type PropertyValues, type TemplateResult } from 'lit';
import type { CheckState } from './check-state.ts';
import { AlertController } from './controllers/alert.ts';
import { ApplicantMode } from './controllers/applicant-mode.ts';
import { CheckController } from './controllers/check.ts';
import { ClaimsController } from './controllers/claims.ts';
import { FeedbackController } from './controllers/feedback.ts';
import { GuardController } from './controllers/guard.ts';
import { SinceController } from './controllers/since.ts';
import { WatchController } from './controllers/watch.ts';
import { styles } from './credit-check.styles.ts';
import type { CreditCheckDeferredDetail } from './events.ts';
import type { CreditCheckHost, Readings } from './host.ts';
import { loadEnglish, strings } from './i18n.ts';
import { OutageController } from './outage/outage.ts';
import { printCheck } from './print.ts';
import { holdReason, needsAlert, needsResponse, openPaths, type ResponseInput } from './response.ts';
import { ResultPartsLoader } from './result-parts.ts';
import { baseTemplate } from './templates/base.ts';
import { statusTemplate } from './templates/status.ts';

export type { CheckState } from './check-state.ts';

/**
 * `<credit-check>` — checks the applicant on every application (逢办必查, 002 §十六) as soon as a
 * valid identifier is present, shows the verdict with its lists, measures and commitments, alerts
 * the window staff on `restrict`/`caution`, and records what they did (反馈, 003 §七).
 *
 * @summary Automatic credit check for government-service approval pages.
 *
 * @event {CustomEvent<CreditCheckStartDetail>} credit-check-start - A check was sent (masked subject only).
 * @event {CustomEvent<CreditCheckResultDetail>} credit-check-result - The platform answered (check id, verdict, receipt).
 * @event {CustomEvent<CreditCheckErrorDetail>} credit-check-error - The check did not complete (never a clean result).
 * @event {CustomEvent<CreditCheckFeedbackDetail>} credit-check-feedback - Staff feedback was recorded on the platform.
 * @event {CustomEvent<CreditCheckAcknowledgeDetail>} credit-check-acknowledge - Staff confirmed a restrict/caution alert.
 * @event {CustomEvent<CreditCheckDeferredDetail>} credit-check-deferred - The staff accepted during an outage (先行受理，事后补查); the 补查 follows as a `credit-check-result` with `deferred: true` (no identifier).
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
 * @csspart supervision - The 分级分类监管 line: the subject's supervision tier and what it rests on.
 * @csspart technical - Technical details of a failure (codes, status), closed: for the administrator.
 * @csspart commitment-form - Applicant mode: the commitment signing form.
 * @csspart defer - The 先行受理 offer during an outage (`outage="defer"`).
 * @csspart defer-button - Opens the deferral form.
 * @csspart defer-form - The deferral reason form.
 * @csspart defer-blocked - Why 先行受理 is not possible here (policy, scope).
 * @csspart notices - Finished 补查 waiting for the staff, and the count still pending.
 * @csspart notice - One finished 补查 (naming its application), with its feedback form.
 * @csspart deferred-alert - The 补查提示 dialog for a caution/restrict 补查.
 *
 * @cssproperty --credit-check-font - Font family.
 * @cssproperty --credit-check-font-size - Base font size (default 14px).
 * @cssproperty --credit-check-text-color - Text colour.
 * @cssproperty --credit-check-background - Background of the box.
 * @cssproperty --credit-check-border-color - Border colour.
 * @cssproperty --credit-check-radius - Corner radius.
 * @cssproperty --credit-check-focus-color - Focus outline colour (default #1849a9: 3:1 or more on every background of the element).
 * @cssproperty --credit-check-focus-ring - An extra focus indication (a box-shadow; none by default).
 * @cssproperty --credit-check-restrict-color - Accent of `restrict`.
 * @cssproperty --credit-check-caution-color - Accent of `caution`.
 * @cssproperty --credit-check-notice-color - Accent of `notice`.
 * @cssproperty --credit-check-clear-color - Accent of `clear`.
 * @cssproperty --credit-check-error-color - Accent of the error state.
 * @cssproperty --credit-check-deferred-color - Accent of the deferred state.
 */
export class CreditCheck extends LitElement implements CreditCheckHost {
  static override styles = styles;
  static formAssociated = true;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  // A getter: web-component-analyzer (Lit's editor plugin) sees no attribute in a static field.
  static override get properties() {
    return {
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
      outage: { type: String },
      textSize: { type: String, attribute: 'text-size', reflect: true },
      state: { type: String, reflect: true },
      verdict: { type: String, reflect: true },
    } as const;
  }

  /** The platform API root, e.g. `https://credit.example.gov.cn/api/v1`. */
  declare endpoint: string | undefined;
  /** A scoped bearer token minted by your backend (POST /tokens). */
  declare token: string | undefined;
  /** Or a function returning one (called again when it expires or is refused). */
  declare getToken: ClientOptions['getToken'];
  /** An SDK connection to use instead of `endpoint`/`token` (custom fetch, retries, timeouts). */
  declare connection: Connection | undefined;
  /** 事项编码 of the matter being handled. */
  declare matter: string | undefined;
  /** The identifier to check (instead of `watch`). */
  declare subject: string | undefined;
  /** The applicant's name with `subject` (instead of `watch-name`); a mismatch with the registered name is flagged. */
  declare subjectName: string | undefined;
  /** CSS selector of the host page's identifier input(s); the last edited one counts. */
  declare watch: string | undefined;
  /** CSS selector of the applicant-name input (optional; a mismatch with the registered name is flagged). */
  declare watchName: string | undefined;
  /** `uscc` (default) or `idcard`. */
  declare idType: IdType;
  /** 办件编号 of this application. */
  declare applicationId: string | undefined;
  /** 经办部门; defaults to the token's claim when the token carries one. */
  declare department: string | undefined;
  /** 经办人; defaults to the token's claim when the token carries one. */
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
  /**
   * What the counter does when the platform is unavailable: `hold` (default) keeps the form held;
   * `defer` lets the staff accept now and check afterwards (先行受理，事后补查) with a reason, where the
   * token grants `checks:defer` and the matter's policy allows it.
   */
  declare outage: 'hold' | 'defer';
  /**
   * 适老化: `large` (1.3×) or `x-large` (1.6×) scales the whole element — text, icons, buttons and the
   * alert — for staff who need larger text; `normal` (default) follows `--credit-check-font-size`.
   */
  declare textSize: 'normal' | 'large' | 'x-large';
  /** Reflected: `idle`, `invalid`, `checking`, `done`, `error`, `stale` or `deferred`. */
  declare state: CheckState;
  /** Reflected: the verdict shown (also while `stale`), absent otherwise. */
  declare verdict: string | undefined;

  // Behaviour lives in controllers (one concern each) typed against CreditCheckHost; the element
  // wires them and renders. What one controller knows that another needs goes through `read`
  // (its functions run later, at update time, when every controller exists).
  private readonly read: Readings = {
    watched: () => ({ value: this.watcher.value, name: this.watcher.name }),
    department: () => this.claims.department,
    operator: () => this.claims.operator,
    claimsLoading: () => this.claims.loading,
    tokenHas: (scope) => this.claims.has(scope),
    tokenDeferrals: () => this.claims.claims?.dfr,
    connection: () => this.checker.connection(),
    checkKey: () => this.checker.key(),
    checkError: () => (this.checker.phase === 'error' ? this.checker.error() : undefined),
    subject: () => this.checker.subject(),
  };
  private readonly watcher = new WatchController(this);
  private readonly claims = new ClaimsController(this, this.read);
  private readonly checker = new CheckController(
    this,
    this.read,
    () => {
      this.alerter.reset();
      this.feedback.reset();
      this.applicant.reset();
    },
    (key, result) => {
      this.deferrals.platformBack();
      this.since.seen(key, result);
    },
  );
  private readonly deferrals = new OutageController(this, this.read, {
    adopt: (result) => this.checker.adopt(result),
    delivered: (feedback) => this.feedback.delivered(feedback),
  });
  private readonly alerter = new AlertController(this);
  private readonly since = new SinceController(this, this.read);
  // What shows a result, loading from the moment the element connects (a check waits for it).
  private readonly results = new ResultPartsLoader(this);
  private readonly feedback = new FeedbackController(this, this.read, {
    required: (check) => needsResponse(this.mode, check.verdict),
    queue: (check, body, key) => this.deferrals.queueFeedback(check, body, key),
    onSent: (feedback) => this.deferrals.fedBackCheck(feedback.checkId),
    // Focus goes on from the recorded response: the button of the way it opened.
    onRecorded: (action) => this.guarder.focusWay(OUTCOME_PATH[action]),
  });
  private readonly applicant = new ApplicantMode(this, this.read);
  private readonly guarder: GuardController;
  /**
   * The result the details panel was last rendered with. Between checks the panel is hidden, not
   * removed: the next result updates its text in place (issue 27: keystroke → painted), and a form
   * reset forgets it.
   */
  private panel: Check | undefined;

  constructor() {
    super();
    this.guarder = new GuardController(this, this.attachInternals());
    this.idType = 'uscc';
    this.mode = 'staff';
    this.optional = false;
    this.lang = 'zh-CN';
    this.timeout = 8000;
    this.outage = 'hold';
    this.textSize = 'normal';
    this.state = 'idle';
  }

  /** With `lang="en"`, the English words (a chunk of their own) are loaded before the update; Chinese if they cannot be. */
  // biome-ignore lint/suspicious/noConfusingVoidType: Lit's own signature for scheduleUpdate.
  protected override scheduleUpdate(): void | Promise<unknown> {
    // Only an update before the words are here waits: no extra await on every update.
    const loading = this.lang === 'en' ? loadEnglish() : undefined;
    return loading ? loading.catch(() => undefined).then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('watch') || changed.has('watchName')) this.watcher.read();
    this.claims.sync();
    this.checker.refresh();
    // Starting the task here (not in updated) folds its PENDING status into this same update.
    this.checker.maybeRun();
    this.state = this.checker.state({
      watching: Boolean(this.watch),
      blurred: this.watcher.blurred,
      deferred: this.deferrals.deferral() !== undefined,
    });
    this.verdict = this.checker.shown(this.state)?.verdict;
  }

  /** Checks again now, bypassing the short result cache. */
  recheck(): void {
    this.checker.recheck();
  }

  /**
   * The paths the guarded form may take now (自动响应, 002 (十六)): none before a finished check, an
   * alert confirmed and — where the verdict needs a response — an outcome recorded; then only the path
   * that outcome opens (`approve`, `refuse`, `refer`; submit buttons say theirs with
   * `data-credit-check-path`, unmarked ones approve).
   */
  get paths(): ReadonlySet<ResponsePath> {
    return openPaths(this.response());
  }

  /** True while the guarded form must not be submitted at all (no path is open). Reflected as the `held` attribute. */
  get held(): boolean {
    return this.paths.size === 0;
  }

  /** What still holds the guarded form in the staff's words (请确认核查提示 …), for the page to say; undefined when a path is open. */
  get holdReason(): string | undefined {
    const reason = holdReason(this.response());
    return reason && strings(this.lang).hold[reason](this.idType);
  }

  private response(): ResponseInput {
    return {
      state: this.state,
      optional: this.optional,
      empty: !this.checker.raw().trim(),
      mode: this.mode,
      verdict: this.result?.verdict,
      acknowledged: this.alerter.acknowledged,
      outcome: this.feedback.outcome(),
    };
  }

  /** The outcome the staff recorded for the current result (also while kept until the platform answers). */
  get outcome(): FeedbackAction | undefined {
    return this.result ? this.feedback.outcome() : undefined;
  }

  /** The current result, if any. */
  get result(): Check | undefined {
    return this.checker.current();
  }

  /** The staff confirmed the restrict/caution alert of the current result. */
  get acknowledged(): boolean {
    return this.alerter.acknowledged;
  }

  /** Confirms the restrict/caution alert (what the dialog's button does). */
  acknowledge(): void {
    const checkId = this.result?.checkId;
    this.alerter.acknowledge();
    if (checkId) this.deferrals.acknowledgedCheck(checkId);
  }

  /**
   * A held submission: shows what stands in the way — the alert again while it is unconfirmed, else
   * the response form (focused) while no outcome is recorded.
   */
  showAlert(): void {
    const result = this.result;
    if (result && needsAlert(this.mode, result.verdict) && !this.alerter.acknowledged) this.alerter.show(true);
    else if (result && this.mode === 'staff' && !this.feedback.outcome()) this.alerter.focusResponse();
    else this.focus();
  }

  /**
   * 先行受理，事后补查: accepts the application now while the platform is unavailable
   * (`outage="defer"`), with a reason — a code and the staff's words. Resolves with the deferral
   * (also dispatched as `credit-check-deferred`); rejects with a CreditCheckError (`INVALID_INPUT`,
   * the reason in both languages) when it may not be deferred or the reason is missing.
   */
  defer(reason: { code: DeferralReasonCode; text: string }): Promise<CreditCheckDeferredDetail> {
    return this.deferrals.defer(reason);
  }

  /**
   * Would 先行受理 be offered for this matter if the platform went down now? True once the matter's
   * 应急 policy is known and allows it and the token grants `checks:defer` (`outage="defer"` only):
   * a host can say so in advance, and a drill can wait for it.
   */
  get deferrable(): boolean {
    return this.deferrals.deferrable();
  }

  /** The deferral in force for what is entered now (state `deferred`). */
  get deferral(): CreditCheckDeferredDetail | undefined {
    return this.deferrals.deferral();
  }

  /** Prints the 信用核查结果单 from the platform (loaded when asked), else this element's receipt. */
  print(): void {
    printCheck(this, this.read.connection(), this.result?.checkId);
  }

  formResetCallback(): void {
    this.panel = undefined;
    this.watcher.reset();
    this.checker.forget();
    this.since.forget();
    this.deferrals.forget();
  }

  protected override render(): TemplateResult {
    const { lang, mode, state } = this;
    const result = this.checker.shown(state);
    if (result) this.panel = result;
    return baseTemplate({
      state,
      lang,
      parts: this.results.parts,
      mode,
      result,
      panel: this.panel,
      acknowledged: this.alerter.acknowledged,
      status: statusTemplate({
        state,
        lang,
        mode,
        idType: this.idType,
        result,
        validation: this.checker.validation(),
        missing: this.checker.missingConfig(),
        error: state === 'error' && this.checker.phase === 'error' ? this.checker.error() : undefined,
        deferred: this.deferrals.status(),
        defer: this.deferrals.offer(),
        withdrawn: this.checker.isAdopted() ? this.deferrals.withdrawal() : undefined,
        onRetry: () => this.recheck(),
      }),
      applicant: (r) => this.applicant.view(r),
      feedback: (r) => this.feedback.view(r, lang),
      notices: this.deferrals.notices(),
      since: (r) => this.since.render(r, lang),
      onPrint: () => this.print(),
      onRecheck: () => this.recheck(),
      onAcknowledge: () => this.acknowledge(),
      // Closed other than by confirming (Escape): up again, as long as it is needed.
      onAlertClosed: () => this.alerter.show(true),
    });
  }
}
