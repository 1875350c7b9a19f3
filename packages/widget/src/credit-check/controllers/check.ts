import { type Check, type CheckInput, type Connection, CreditCheckError, isCreditCheckError } from '@credit-check/sdk';
import { type ValidationResult, validateIdNumber, validateUscc } from '@credit-check/sdk/identifiers';
import { Task, TaskStatus } from '@lit/task';
import { type CheckState, checkState, type StateInput, type TaskPhase } from '../check-state.ts';
import { rootOf, select, shownId } from '../dom.ts';
import { emit, resultDetail } from '../events.ts';
import type { CreditCheckHost, Readings, Subject } from '../host.ts';
import { loadResultParts, type ResultParts, resultParts, resultPartsFailed } from '../result-parts.ts';

export type CheckReadings = Pick<Readings, 'watched' | 'department' | 'operator' | 'claimsLoading'>;

/** The chunk that checks and shows a result could not be loaded: one sentence on screen (failures.RESULT_PARTS). */
const partsMissing = (cause?: unknown) =>
  new CreditCheckError('CONFIG', `The result's parts (credit-check.result-*.js) could not be loaded${cause ? `: ${String(cause)}` : ''}`, {
    reason: 'RESULT_PARTS',
    ...(cause ? { cause } : {}),
  });

const PHASE: Record<TaskStatus, TaskPhase> = {
  [TaskStatus.INITIAL]: 'initial',
  [TaskStatus.PENDING]: 'pending',
  [TaskStatus.COMPLETE]: 'complete',
  [TaskStatus.ERROR]: 'error',
};

/**
 * The check itself (发起, 003 §七): what to check from the element's settings and the watched
 * fields, one platform request per distinct (subject, name, matter, context), the connection, and
 * the start/result/error events. Earlier results are kept per key so a failed re-check shows
 * them as `stale`, never as a fresh result.
 */
export class CheckController {
  /** The key of the check last started. */
  runKey = '';
  private force = false;
  private readonly earlier = new Map<string, Check>();
  /** A 补查 shown as the result of the key it was deferred for (its deferral withdrawn). */
  private adopted: { key: string; result: Check } | undefined;
  private own: Connection | undefined;
  private ownKey: unknown[] = [];

  private readonly task: Task<[string, CheckInput], { key: string; result: Check }>;

  private readonly host: CreditCheckHost;
  private readonly read: CheckReadings;
  /** Called when a new check starts (the other controllers forget the previous one). */
  private readonly onStart: () => void;
  /** Called when the platform answered with the check for `key` (it is up: pending 补查 need not wait). */
  private readonly onAnswer: (key: string, result: Check) => void;

  constructor(host: CreditCheckHost, read: CheckReadings, onStart: () => void, onAnswer: (key: string, result: Check) => void) {
    this.host = host;
    this.read = read;
    this.onStart = onStart;
    this.onAnswer = onAnswer;
    this.task = new Task(host, {
      autoRun: false,
      task: async ([key, body], { signal }) => {
        const force = this.force;
        this.force = false;
        // The connection and what shows a result come in one chunk, loading since the element
        // connected: no request without it, so never a verdict without its alert.
        const parts = await loadResultParts().catch((error: unknown) => {
          throw partsMissing(error);
        });
        // Started while the chunk was missing, before the token's claims could say the department
        // or operator: now they can, and the check with them replaces this one (no error shown).
        if (!body.context.department || !body.context.operator) throw new CreditCheckError('ABORTED', 'Waiting for the token claims');
        const result = await parts.check(this.connection(parts), body, { signal, ...(force ? { cache: false } : {}) });
        return { key, result };
      },
      onComplete: ({ key, result }) => {
        if (key !== this.runKey) return;
        this.earlier.set(key, result);
        emit(this.host, 'credit-check-result', resultDetail(result, shownId(result.subject.idType, result.subject.id)));
        this.onAnswer(key, result);
      },
      onError: (error) => {
        const e = this.error(error);
        if (e.code === 'ABORTED') return;
        emit(this.host, 'credit-check-error', {
          code: e.code,
          problemCode: e.problemCode,
          message: e.message,
          messageZh: e.messageZh,
          status: e.status,
          retryAfter: e.retryAfter,
        });
      },
    });
  }

  /**
   * What is entered and configured, derived once per update (`refresh()` in the element's
   * `willUpdate`): the raw identifier, its validation, the subject, missing settings and the key.
   * Everything else reads this instead of re-running selectors, validators and JSON.stringify.
   */
  private derived: Derived = { raw: '', validation: undefined, subject: undefined, missing: undefined, key: '' };

  refresh(): void {
    const h = this.host;
    const watched = this.read.watched();
    const raw = (h.watch ? watched.value : h.subject) ?? '';
    const validation = raw.trim() ? (h.idType === 'idcard' ? validateIdNumber(raw) : validateUscc(raw)) : undefined;
    const subject: Subject | undefined = validation?.valid
      ? {
          idType: h.idType === 'idcard' ? 'idcard' : 'uscc',
          id: validation.normalized,
          name: (h.watchName ? watched.name : h.subjectName) || undefined,
        }
      : undefined;
    const missing = missingConfig(h, this.read);
    // Department and operator may still be on their way from the token's claims: nothing to check
    // yet — unless the claims cannot be read, the chunk with the connection having failed to load:
    // then the check starts, to end in the error that says so.
    const ready = subject && !missing && ((this.read.department() && this.read.operator()) || resultPartsFailed());
    this.derived = { raw, validation, subject, missing, key: ready ? JSON.stringify(this.request(subject)) : '' };
  }

  /** The identifier as entered (watched field) or set (`subject`). */
  raw(): string {
    return this.derived.raw;
  }

  validation(): ValidationResult<string> | undefined {
    return this.derived.validation;
  }

  /** What to check, when the identifier is valid. */
  subject(): Subject | undefined {
    return this.derived.subject;
  }

  /** Settings that are missing or broken, in words; undefined when the element can check. */
  missingConfig(): string | undefined {
    return this.derived.missing;
  }

  /** The identity of a check: one request per distinct key. '' when nothing can be checked. */
  key(): string {
    return this.derived.key;
  }

  private request(subject: Subject): CheckInput {
    const h = this.host;
    return {
      subject: { idType: subject.idType, id: subject.id, ...(subject.name ? { name: subject.name } : {}) },
      matter: h.matter as string,
      context: {
        applicationId: h.applicationId as string,
        department: this.read.department() as string,
        operator: this.read.operator() as string,
        channel: h.mode === 'applicant' ? 'online' : 'window',
      },
    };
  }

  /**
   * The SDK connection: the one given, or one built from `endpoint`/`token` and rebuilt when they
   * change. Built from the result's chunk, so only once it is loaded (everything that calls the
   * platform waits for it); before, a CONFIG error.
   */
  connection(parts: ResultParts | undefined = resultParts()): Connection {
    const h = this.host;
    if (h.connection) return h.connection;
    if (!parts) throw partsMissing();
    const key = [h.endpoint, h.token, h.getToken, h.timeout];
    if (!this.own || key.some((v, i) => v !== this.ownKey[i])) {
      this.ownKey = key;
      this.own = new parts.Connection({
        baseUrl: h.endpoint as string,
        ...(h.getToken ? { getToken: h.getToken } : { token: h.token as string }),
        timeout: h.timeout,
        retry: { limit: 2, backoffLimit: 2000, maxRetryAfter: 10_000 },
      });
    }
    return this.own;
  }

  /** Starts a check when what should be checked changed since the last one. */
  maybeRun(): void {
    const { subject, key } = this.derived;
    if (!subject || !key || key === this.runKey) return;
    this.runKey = key;
    this.adopted = undefined;
    this.onStart();
    emit(this.host, 'credit-check-start', {
      matter: this.host.matter as string,
      idType: subject.idType,
      subject: shownId(subject.idType, subject.id),
      applicationId: this.host.applicationId as string,
    });
    this.task.run([key, this.request(subject)]);
  }

  /** Checks again now, bypassing the short result cache. */
  recheck(): void {
    this.refresh();
    if (!this.derived.key) return;
    this.force = true;
    this.runKey = '';
    this.maybeRun();
  }

  /** Forget the last run (a form reset): the same subject entered again is checked again. */
  forget(): void {
    this.runKey = '';
    this.adopted = undefined;
  }

  /**
   * The 补查 of what is entered now came back caution/restrict: it is the result from now on (the
   * live check had failed — the platform was down), with its alert, response and guard.
   */
  adopt(result: Check): void {
    if (!this.runKey || this.runKey !== this.derived.key) return;
    this.adopted = { key: this.runKey, result };
    this.earlier.set(this.runKey, result);
    this.onStart();
    this.host.requestUpdate();
  }

  /** The result on screen is an adopted 补查. */
  isAdopted(): boolean {
    return this.adoptedNow() !== undefined;
  }

  private adoptedNow(): Check | undefined {
    const a = this.adopted;
    return a && a.key === this.runKey && this.runKey === this.derived.key ? a.result : undefined;
  }

  get phase(): TaskPhase {
    return this.adoptedNow() ? 'complete' : PHASE[this.task.status];
  }

  /** The task's failure as an SDK error (anything else is a network failure). */
  error(error: unknown = this.task.error): CreditCheckError {
    return isCreditCheckError(error) ? error : new CreditCheckError('NETWORK', String((error as Error)?.message ?? error));
  }

  get aborted(): boolean {
    return this.phase === 'error' && this.error().code === 'ABORTED';
  }

  /** The result of the check for what is entered now, if it finished. */
  current(): Check | undefined {
    const adopted = this.adoptedNow();
    if (adopted) return adopted;
    const v = this.task.value;
    return this.task.status === TaskStatus.COMPLETE && v && v.key === this.runKey && this.runKey === this.derived.key
      ? v.result
      : undefined;
  }

  hasEarlier(key: string): boolean {
    return this.earlier.has(key);
  }

  /** The element's state (`checkState`) from what this controller knows and what the others say. */
  state(others: Pick<StateInput, 'watching' | 'blurred' | 'deferred'>): CheckState {
    const { raw, validation, missing, key } = this.derived;
    return checkState({
      ...others,
      configProblem: missing,
      raw,
      validation,
      key,
      runKey: this.runKey,
      task: this.phase,
      aborted: this.aborted,
      hasEarlier: this.hasEarlier(key),
      hasCurrent: this.current() !== undefined,
    });
  }

  /** The result on screen: the current one, or the earlier one for the same key while `stale`. */
  shown(state: CheckState): Check | undefined {
    return this.current() ?? (state === 'stale' ? this.earlier.get(this.runKey) : undefined);
  }
}

interface Derived {
  raw: string;
  validation: ValidationResult<string> | undefined;
  subject: Subject | undefined;
  missing: string | undefined;
  key: string;
}

/** Settings that are missing or broken, in words; undefined when the element can check. */
function missingConfig(h: CreditCheckHost, read: CheckReadings): string | undefined {
  const missing = [];
  if (!h.connection && !h.endpoint) missing.push('endpoint');
  if (!h.connection && !h.token && !h.getToken) missing.push('token');
  if (!h.matter) missing.push('matter');
  if (!h.applicationId) missing.push('application-id');
  // Not missing while the token's claims are not read yet (they may carry them).
  if (!read.department() && !read.claimsLoading()) missing.push('department');
  if (!read.operator() && !read.claimsLoading()) missing.push('operator');
  for (const [attribute, selector] of [
    ['watch', h.watch],
    ['watch-name', h.watchName],
    ['guard', h.guard],
  ] as const) {
    if (selector && select(rootOf(h), selector) === undefined) missing.push(`${attribute} (not a valid CSS selector)`);
  }
  return missing.length ? missing.join(', ') : undefined;
}
