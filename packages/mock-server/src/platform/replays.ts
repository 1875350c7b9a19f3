import { fromBase64Url } from '@credit-check/sdk/auth';
import type { Check, Reason, Replay } from '@credit-check/sdk/contract';
import type { Principal } from '../auth/principal.ts';
import { changesSince } from '../domain/changes.ts';
import { evaluate } from '../domain/verdict.ts';
import { matterOf } from './access.ts';
import { storedCheckFor } from './checks.ts';
import type { PlatformContext } from './context.ts';
import { subjectFile } from './subject-file.ts';

type Decided = Pick<Check, 'entries' | 'commitments' | 'grade' | 'linked'> & { found: boolean };

/**
 * GET /checks/{id}/replay (issue 41): the rules of domain/verdict.ts applied again — to the data the
 * check recorded (its entries, commitments, grade and linked subjects: what the platform knew at
 * 受理) and to today's — and what changed in between. Nothing is stored. The name check (a given
 * name that differs from the registered one) is not re-run: the name the window typed is not kept;
 * its reason is carried from the check to both answers.
 */
export async function replayCheck(ctx: PlatformContext, principal: Principal, checkId: string): Promise<Replay> {
  const { check, subjectKey } = await storedCheckFor(ctx, principal, checkId);
  // A matter since withdrawn from the catalogue cannot be decided again: a 422, never a 500.
  const matter = matterOf(ctx, check.matter.code);
  const isPerson = check.subject.idType === 'idcard';
  const nameReason = check.reasons.find((r) => r.code === 'NAME_MISMATCH');
  const decide = (data: Decided) => {
    const { entries, commitments, grade, linked, found } = data;
    const e = evaluate({ matter, measures: ctx.catalog.measures, entries, commitments, grade, linked, found, isPerson });
    return nameReason ? withNameReason(e.verdict, e.reasons, nameReason) : { verdict: e.verdict, reasons: e.reasons };
  };
  const atCheck = decide({ ...check, found: check.subject.found });
  const [idType, id] = subjectKey.split(':') as [Check['subject']['idType'], string];
  const file = await subjectFile(ctx, idType, id, ctx.today());
  const now = decide({ ...file, found: file.record !== undefined });
  return {
    checkId: check.checkId,
    serial: check.serial ?? null,
    matter: check.matter,
    atCheck: { asOf: check.checkedAt, ...atCheck, matchesReceipt: atCheck.verdict === receiptVerdict(check.receipt) },
    now: { asOf: ctx.nowIso(), ...now },
    changed: now.verdict !== atCheck.verdict,
    changes: changesSince(check, file),
  };
}

/** As applyNameCheck leaves it: a clear verdict becomes a notice, the reason first. */
function withNameReason(verdict: Check['verdict'], reasons: readonly Reason[], mismatch: Reason) {
  if (verdict !== 'clear') return { verdict, reasons: [mismatch, ...reasons] };
  return { verdict: 'notice' as const, reasons: [mismatch, ...reasons.filter((r) => r.verdict !== 'clear')] };
}

/** The verdict the receipt signed (the platform's own receipt, from its own store: read, not verified again). */
function receiptVerdict(receipt: string): string | undefined {
  try {
    return JSON.parse(new TextDecoder().decode(fromBase64Url(receipt.split('.')[1] ?? ''))).verdict;
  } catch {
    return undefined;
  }
}
