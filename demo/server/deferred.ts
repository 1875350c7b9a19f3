import { type CreditCheckClient, type DeferredApplication, isPlatformUnavailable, settleDeferred } from '@credit-check/sdk';
import { Deferral, type Verdict } from '@credit-check/sdk/contract';
import { VERDICT_WORD } from './decisions.ts';

/** An application accepted during an outage (先行受理), as the host system keeps it until its 补查. */
export interface DeferredEntry {
  applicationId: string;
  label: string;
  deferralId: string;
  matter: string;
  acceptedAt: string;
  reason: string;
  /** `pending` until the backend's own 补查 went through; then `settled` or `flagged` (caution/restrict). */
  status: 'pending' | 'settled' | 'flagged' | 'failed';
  verdict?: string;
  checkId?: string;
  note?: string;
}

/** Where the backend keeps the 应急 policy it last read (a file in the demo; a table in a real system). */
export interface PolicyStore {
  load(): Promise<Record<string, 'allowed' | 'forbidden'> | undefined>;
  save(policy: Record<string, 'allowed' | 'forbidden'>): Promise<void>;
}

/** How old a deferral may be when its form arrives: the clerk defers and submits in one sitting. */
export const DEFERRAL_MAX_AGE_MS = 60 * 60_000;
/** Clocks of the counter's PC and this server differ a little. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The backend's half of 先行受理，事后补查: it never trusts the browser's word (a deferral carries no
 * receipt, and a form can say anything). A deferred subject is accepted only when
 * 1. this operator's session was granted `checks:defer` and the matter's catalogue policy allows it;
 * 2. the deferral is this application's, and fresh (made in the last hour, not in the future);
 * 3. the platform really is unreachable **from here, now**: the backend runs its own 补查 at once
 *    (`settleDeferred`, idempotent per deferral). If the platform answers, that answer decides —
 *    a 补查 that says caution or restrict is never approved, and any answer means the window must
 *    check and act on the result instead of deferring (the form came while the platform was up).
 * Accepted applications are kept and re-checked as soon as the platform answers; one whose 补查
 * says caution/restrict is flagged. A real system keeps `entries` in its database.
 */
export class DeferredApplications {
  private readonly entries = new Map<string, DeferredEntry & { request: DeferredApplication }>();
  private readonly platform: CreditCheckClient;
  private readonly store: PolicyStore | undefined;

  constructor(platform: CreditCheckClient, store?: PolicyStore) {
    this.platform = platform;
    this.store = store;
  }

  /** Accepts or refuses a deferred subject of a submitted form; the decision in the staff's words. */
  async accept(input: {
    label: string;
    applicationId: string;
    matter: string;
    idType: 'uscc' | 'idcard';
    id: string;
    name: string | undefined;
    field: string;
    deferralJson: string;
    department: string;
    operator: string;
    sessionMayDefer: boolean;
  }): Promise<{ approved: boolean; code: string; message: string }> {
    const refuse = (code: string, message: string) => ({ approved: false, code, message: `${input.label}：${message}` });
    if (!input.sessionMayDefer) return refuse('DEFER_NOT_GRANTED', '本窗口未获先行受理授权，不能受理');
    let detail: { deferralId: string; applicationId: string; at: string; reason: unknown; matter: string };
    try {
      detail = JSON.parse(input.deferralJson);
    } catch {
      return refuse('DEFER_INVALID', '先行受理信息无法读取，不能受理');
    }
    const deferral = Deferral.safeParse({ at: detail?.at, reason: detail?.reason });
    if (
      !deferral.success ||
      input.field !== `deferred:${detail.deferralId}` ||
      detail.applicationId !== input.applicationId ||
      detail.matter !== input.matter
    ) {
      return refuse('DEFER_INVALID', '先行受理信息与本申请不符，不能受理');
    }
    const age = Date.now() - Date.parse(deferral.data.at);
    if (!(age <= DEFERRAL_MAX_AGE_MS && age >= -CLOCK_SKEW_MS)) {
      return refuse('DEFER_STALE', '先行受理信息已过期（须在先行受理后一小时内提交），请重新核查或重新办理先行受理');
    }
    // Read at session start while the platform answered; asked again only for a matter not seen yet
    // (the platform is probably down right now). Unknown stays forbidden.
    if (!this.policy.has(input.matter)) await this.refreshPolicy();
    if (this.policy.get(input.matter) !== 'allowed') {
      return refuse('DEFER_FORBIDDEN', '本事项不允许先行受理，须核查完成后办理');
    }
    const request: DeferredApplication = {
      deferralId: detail.deferralId,
      subject: { idType: input.idType, id: input.id, ...(input.name ? { name: input.name } : {}) },
      matter: input.matter,
      context: {
        applicationId: input.applicationId,
        department: input.department,
        operator: input.operator,
        channel: 'window',
        deferred: deferral.data,
      },
    };
    const entry: DeferredEntry & { request: DeferredApplication } = {
      applicationId: input.applicationId,
      label: input.label,
      deferralId: detail.deferralId,
      matter: input.matter,
      acceptedAt: deferral.data.at,
      reason: deferral.data.reason.text ?? '',
      status: 'pending',
      request,
    };
    // The backend's own 补查, now: only an unreachable platform lets the deferral stand.
    const outcome = await this.settleOne(entry);
    if (outcome === 'unavailable') {
      this.entries.set(detail.deferralId, entry);
      return { approved: true, code: 'DEFERRED', message: `${input.label}：先行受理（应急），平台恢复后补查` };
    }
    // Answered (or refused): never approved as a deferral. Not kept here either — nothing was
    // accepted; the 补查 the backend made is on the platform's record.
    if (entry.status === 'flagged') {
      return refuse('DEFER_FLAGGED', `补查结论为“${VERDICT_WORD[entry.verdict as Verdict]}”，不能先行受理：请按核查结果办理`);
    }
    if (entry.status === 'failed') return refuse('DEFER_REFUSED', entry.note ?? '补查被拒绝，请人工核查');
    return refuse('DEFER_PLATFORM_UP', '信用平台可以连接，不需要先行受理：请重新核查，再按核查结果办理');
  }

  /** The catalogue's 应急 policy per matter, as last read (kept for when the platform does not answer). */
  private readonly policy = new Map<string, 'allowed' | 'forbidden'>();

  /**
   * Reads the policy again while the platform answers, and keeps it (`store`: on disk in the demo —
   * a backend restarted during an outage still knows it). Read when the backend starts and at every
   * session; a failed read leaves the last one standing.
   */
  async refreshPolicy(): Promise<void> {
    const read = await this.platform.listMatters().catch(() => undefined);
    if (!read) return;
    for (const m of read.matters) this.policy.set(m.code, m.deferral);
    await this.store?.save(Object.fromEntries(this.policy)).catch(() => undefined);
  }

  /** What was kept from an earlier read (before the first read of this process answers). */
  async loadPolicy(): Promise<void> {
    const kept = await this.store?.load().catch(() => undefined);
    for (const [code, deferral] of Object.entries(kept ?? {})) if (!this.policy.has(code)) this.policy.set(code, deferral);
  }

  /** The matters whose policy allows 先行受理, as last read: handed to the page in its widget token. */
  allowedMatters(): string[] {
    return [...this.policy].filter(([, deferral]) => deferral === 'allowed').map(([code]) => code);
  }

  /** Re-checks every pending application the platform can answer now; the rest stay pending. */
  async settle(): Promise<void> {
    for (const entry of this.entries.values()) {
      if (entry.status !== 'pending') continue;
      if ((await this.settleOne(entry)) === 'unavailable') return;
    }
  }

  /** One 补查 from here: its result on the entry, or `unavailable` (no answer; still pending). */
  private async settleOne(entry: DeferredEntry & { request: DeferredApplication }): Promise<'answered' | 'unavailable'> {
    try {
      const { check, flagged } = await settleDeferred(this.platform.connection, entry.request);
      entry.status = flagged ? 'flagged' : 'settled';
      entry.verdict = check.verdict;
      entry.checkId = check.checkId;
      if (flagged)
        entry.note = check.verdict === 'restrict' ? '补查结论为限制办理：暂停办理，依法处理' : '补查结论为从严审核：转入从严审核';
      return 'answered';
    } catch (error) {
      if (isPlatformUnavailable(error)) return 'unavailable';
      const e = error as { messageZh?: string; problemCode?: string };
      entry.status = 'failed';
      entry.note =
        e.problemCode === 'DEFERRAL_EXPIRED'
          ? '先行受理已超过补查时限，平台不再补查：请人工核查'
          : `补查被拒绝：${e.messageZh ?? String(error)}，请人工核查`;
      return 'answered';
    }
  }

  /** Whether a deferred application's 补查 (here or in the browser) has flagged it: it is no longer decided. */
  async flagged(applicationId: string): Promise<boolean> {
    await this.settle();
    return [...this.entries.values()].some((e) => e.applicationId === applicationId && e.status === 'flagged');
  }

  /** What the host shows: no identifiers, only the application and its state. */
  list(): DeferredEntry[] {
    return [...this.entries.values()].map(({ request: _r, ...e }) => e);
  }
}
