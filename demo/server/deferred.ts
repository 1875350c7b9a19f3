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

/**
 * The backend's half of 先行受理，事后补查: it never trusts the browser's word (a deferral carries no
 * receipt). It accepts a deferred application only when this operator's session was granted
 * `checks:defer` and the matter allows deferral, keeps it, re-checks it server-side with the SDK
 * (`settleDeferred`, idempotent per deferral) as soon as the platform answers, and flags the
 * application when the 补查 says caution/restrict. A real system keeps `entries` in its database.
 */
export class DeferredApplications {
  private readonly entries = new Map<string, DeferredEntry & { request: DeferredApplication }>();
  private readonly platform: CreditCheckClient;

  constructor(platform: CreditCheckClient) {
    this.platform = platform;
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
    if (!input.sessionMayDefer) {
      return { approved: false, code: 'DEFER_NOT_GRANTED', message: `${input.label}：本窗口未获先行受理授权，不能受理` };
    }
    let detail: { deferralId: string; applicationId: string; at: string; reason: unknown; matter: string };
    try {
      detail = JSON.parse(input.deferralJson);
    } catch {
      return { approved: false, code: 'DEFER_INVALID', message: `${input.label}：先行受理信息无法读取，不能受理` };
    }
    const deferral = Deferral.safeParse({ at: detail?.at, reason: detail?.reason });
    if (
      !deferral.success ||
      input.field !== `deferred:${detail.deferralId}` ||
      detail.applicationId !== input.applicationId ||
      detail.matter !== input.matter
    ) {
      return { approved: false, code: 'DEFER_INVALID', message: `${input.label}：先行受理信息与本申请不符，不能受理` };
    }
    // Read at session start while the platform answered; asked again only for a matter not seen yet
    // (the platform is probably down right now). Unknown stays forbidden.
    if (!this.policy.has(input.matter)) await this.refreshPolicy();
    if (this.policy.get(input.matter) !== 'allowed') {
      return { approved: false, code: 'DEFER_FORBIDDEN', message: `${input.label}：本事项不允许先行受理，须核查完成后办理` };
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
    this.entries.set(detail.deferralId, {
      applicationId: input.applicationId,
      label: input.label,
      deferralId: detail.deferralId,
      matter: input.matter,
      acceptedAt: deferral.data.at,
      reason: deferral.data.reason.text ?? '',
      status: 'pending',
      request,
    });
    await this.settle();
    const entry = this.entries.get(detail.deferralId);
    return {
      approved: true,
      code: 'DEFERRED',
      message:
        entry?.status === 'pending'
          ? `${input.label}：先行受理（应急），平台恢复后补查`
          : `${input.label}：先行受理，补查已完成（${VERDICT_WORD[entry?.verdict as Verdict] ?? '结论未知'}）${entry?.status === 'flagged' ? '，已标记为需从严审核' : ''}`,
    };
  }

  /** The catalogue's 应急 policy per matter, as last read (kept for when the platform does not answer). */
  private readonly policy = new Map<string, 'allowed' | 'forbidden'>();

  async refreshPolicy(): Promise<void> {
    const read = await this.platform.listMatters().catch(() => undefined);
    for (const m of read?.matters ?? []) this.policy.set(m.code, m.deferral);
  }

  /** Re-checks every pending application the platform can answer now; the rest stay pending. */
  async settle(): Promise<void> {
    for (const entry of this.entries.values()) {
      if (entry.status !== 'pending') continue;
      try {
        const { check, flagged } = await settleDeferred(this.platform.connection, entry.request);
        entry.status = flagged ? 'flagged' : 'settled';
        entry.verdict = check.verdict;
        entry.checkId = check.checkId;
        if (flagged)
          entry.note = check.verdict === 'restrict' ? '补查结论为限制办理：暂停办理，依法处理' : '补查结论为从严审核：转入从严审核';
      } catch (error) {
        if (isPlatformUnavailable(error)) return;
        entry.status = 'failed';
        entry.note = `补查被拒绝：${(error as { messageZh?: string }).messageZh ?? String(error)}，请人工核查`;
      }
    }
  }

  /** What the host shows: no identifiers, only the application and its state. */
  list(): DeferredEntry[] {
    return [...this.entries.values()].map(({ request: _r, ...e }) => e);
  }
}
