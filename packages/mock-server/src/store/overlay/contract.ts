import type { EntryRecord, GradeRecord } from '../../domain/records.ts';

/** A list entry recorded after seeding (`POST /__mock/entries`), with its later repair or revocation. */
export interface StoredEntry {
  subjectKey: string;
  /** The name the listing gave, for subjects the seed does not know. */
  name: string | null;
  entry: EntryRecord;
}

/**
 * The overlay aggregate: what the platform learnt of a subject after seeding — list entries (with
 * their 信用修复 or revocation) and 分级分类 grades — read by every check on top of the seed.
 */
export interface OverlayStore {
  putEntry(record: StoredEntry): Promise<void>;
  entriesOf(subjectKey: string): Promise<StoredEntry[]>;
  getEntry(entryId: string): Promise<StoredEntry | undefined>;
  allEntries(): Promise<StoredEntry[]>;

  putGrade(subjectKey: string, grade: GradeRecord): Promise<void>;
  gradeOf(subjectKey: string): Promise<GradeRecord | undefined>;
}
