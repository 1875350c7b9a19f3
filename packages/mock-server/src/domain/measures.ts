import type { AppliedMeasure, ListEntry, Measure } from '@credit-check/sdk/contract';

/** Whether a measure binds this matter (`*` binds every matter). */
export function bindsMatter(measure: Measure, matterCode: string): boolean {
  return measure.matters.includes('*') || measure.matters.includes(matterCode);
}

/** Whether an entry is of a kind the measure is triggered by. */
export function triggeredBy(measure: Measure, entry: ListEntry): boolean {
  return measure.listTypes.includes(entry.listType) && (measure.listCodes.length === 0 || measure.listCodes.includes(entry.listCode));
}

/**
 * The measures of the 联合奖惩措施清单 that bite on *this* matter (002 (十); 003 §七), each with
 * the effective entries that trigger it. Repaired, expired and revoked entries trigger nothing.
 */
export function applicableMeasures(matterCode: string, entries: readonly ListEntry[], measures: readonly Measure[]): AppliedMeasure[] {
  const effective = entries.filter((e) => e.effective);
  const applied: AppliedMeasure[] = [];
  for (const measure of measures) {
    if (!bindsMatter(measure, matterCode)) continue;
    const triggering = effective.filter((e) => triggeredBy(measure, e));
    if (triggering.length === 0) continue;
    applied.push({
      measureId: measure.measureId,
      name: measure.name,
      category: measure.category,
      action: measure.action,
      basis: measure.basis,
      triggeredBy: triggering.map((e) => e.entryId),
    });
  }
  return applied;
}
