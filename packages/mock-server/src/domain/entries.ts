import type { EntryStatus, ListDefinition, ListEntry } from '@credit-check/sdk/contract';
import { publicationOver } from './publication.ts';
import type { EntryRecord, ObjectionRecord } from './records.ts';

/**
 * An entry's status today. Precedence: an upheld objection revokes it (001 (十六): wrongly listed
 * subjects are restored); repair ends publication and measures at once (000 三(六); 004 21);
 * after its publication period it has expired; a pending objection marks it (002 (十九)).
 * Only `active` and `under-objection` entries trigger measures — an entry stays in force while
 * the provider verifies the objection. The history stays visible (可查可核可溯, 000 二(一)).
 */
export function entryStatus(entry: EntryRecord, today: string, objections: readonly ObjectionRecord[] = []): EntryStatus {
  if (objections.some((o) => o.entryId === entry.entryId && o.status === 'upheld')) return 'revoked';
  if (entry.revokedAt && entry.revokedAt <= today) return 'revoked';
  if (entry.repair && entry.repair.repairedAt <= today) return 'repaired';
  if (publicationOver(entry.publicationEndsAt, today)) return 'expired';
  if (objections.some((o) => o.entryId === entry.entryId && o.status === 'pending')) return 'under-objection';
  return 'active';
}

export function isEffective(status: EntryStatus): boolean {
  return status === 'active' || status === 'under-objection';
}

/** The contract view of an entry: list facts from its definition, status for today. */
export function entryView(entry: EntryRecord, list: ListDefinition, today: string, objections: readonly ObjectionRecord[] = []): ListEntry {
  const status = entryStatus(entry, today, objections);
  const latest = objections.filter((o) => o.entryId === entry.entryId).at(-1);
  return {
    entryId: entry.entryId,
    listType: list.listType,
    listCode: list.code,
    listName: list.name,
    authority: list.authority,
    basis: entry.basis,
    severity: entry.severity,
    listedAt: entry.listedAt,
    publicationEndsAt: entry.publicationEndsAt,
    status,
    effective: isEffective(status),
    repair: entry.repair ?? null,
    objection: latest ? { objectionId: latest.objectionId, status: latest.status, filedAt: latest.filedAt } : null,
  };
}
